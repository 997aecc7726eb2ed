/**
 * What the benchmarks (bench-load.ts, bench-proxy.ts, bench-web.ts) share: free ports, child
 * servers that are stopped whatever happens, waiting for them, a cashier sign-in and the
 * percentile/median arithmetic. Bench support only; nothing here ships.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export const ROOT = fileURLToPath(new URL('..', import.meta.url))

export { freePort } from '../bff/testing/free-port'

/** The children of one bench run: each reports an early death, and all stop together. */
export function childProcesses() {
  const children: ChildProcess[] = []
  let stopping = false
  return {
    /**
     * `node <args>` from the project root. stdout is dropped (the BFF still pays for writing its
     * JSON request lines, as in production); stderr is kept back and shown if the child dies.
     */
    start(name: string, args: string[], env: Record<string, string>): ChildProcess {
      const child = spawn(process.execPath, args, {
        cwd: ROOT,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'ignore', 'pipe'],
      })
      let stderr = ''
      child.stderr.on('data', (chunk: Buffer) => {
        stderr = (stderr + chunk.toString('utf8')).slice(-4000)
      })
      child.once('exit', (code, signal) => {
        if (!stopping) console.error(`${name} exited early (${String(code ?? signal)}):\n${stderr}`)
      })
      children.push(child)
      return child
    },
    /** SIGTERM to each (the BFF drains, and writes a CPU profile if asked), SIGKILL after 15 s. */
    async stopAll(): Promise<void> {
      stopping = true
      await Promise.all(
        children.map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) {
                resolve()
                return
              }
              const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
              child.once('exit', () => {
                clearTimeout(timer)
                resolve()
              })
              child.kill('SIGTERM')
            }),
        ),
      )
    },
  }
}

/** Polls until `url` answers 200 (30 s at most). */
export async function waitFor(url: string, headers: Record<string, string> = {}): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      const response = await fetch(url, { headers })
      await response.arrayBuffer()
      if (response.status === 200) return
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`${url} did not come up`)
}

/** A cashier session on the BFF: the `name=value` of its cookie. */
export async function signIn(bffUrl: string, pin: string): Promise<string> {
  const response = await fetch(`${bffUrl}/api/pos/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: bffUrl },
    body: JSON.stringify({ pin }),
  })
  if (response.status !== 204) throw new Error(`sign-in failed: ${String(response.status)}`)
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
}

/** Nearest-rank percentile of values sorted ascending. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  return sorted[Math.max(0, index)] ?? Number.NaN
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2
}
