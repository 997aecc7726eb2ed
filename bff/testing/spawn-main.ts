import { spawn, type ChildProcessByStdio } from 'node:child_process'
import type { Readable } from 'node:stream'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

export interface MainProcess {
  child: ChildProcessByStdio<null, Readable, Readable>
  /** stdout as it arrives, one entry a line (the BFF writes one JSON record a line there). */
  stdout: string[]
  /** The same lines, parsed. */
  lines: Record<string, unknown>[]
  /** Everything on stderr so far (the human banner, the sandbox's own lines). */
  stderr: () => string
  exit: Promise<number | null>
  /** The `listening` record; rejects with stderr if the process exits before it. */
  listening: Promise<Record<string, unknown>>
}

/** An undefined value removes the variable (a spawned env would otherwise read "undefined"). */
function definedOnly(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(env)) if (value !== undefined) out[name] = value
  return out
}

export interface SpawnMainOptions {
  /** The project folder to run in; this checkout by default. */
  readonly cwd?: string
  /** The command; by default bff/main.ts from source under tsx. */
  readonly command?: readonly [string, ...string[]]
}

/**
 * `bff/main.ts` as a real child process in sandbox mode, on ephemeral ports (its own and its
 * sandbox's), without a PIN or TLS unless `env` sets them. The caller kills it.
 */
export function spawnMain(
  env: Record<string, string | undefined> = {},
  options: SpawnMainOptions = {},
): MainProcess {
  const [command, ...args] = options.command ?? [process.execPath, '--import', 'tsx', 'bff/main.ts']
  const child = spawn(command, args, {
    cwd: options.cwd ?? ROOT,
    env: definedOnly({
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      ZUPY_API_KEY: '',
      ZUPY_SANDBOX_PORT: '0',
      POS_PIN: '',
      TLS_CERT_FILE: '',
      TLS_KEY_FILE: '',
      ...env,
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  const exit = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      resolve(code)
    })
  })
  const stdout: string[] = []
  const lines: Record<string, unknown>[] = []
  let buffered = ''
  const listening = new Promise<Record<string, unknown>>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString()
      const parts = buffered.split('\n')
      buffered = parts.pop() ?? ''
      for (const line of parts) {
        stdout.push(line)
        const record = JSON.parse(line) as Record<string, unknown>
        lines.push(record)
        if (record.msg === 'listening') resolve(record)
      }
    })
    void exit.then((code) => {
      reject(new Error(`bff/main.ts exited (${String(code)}) before listening:\n${stderr}`))
    })
  })
  // A test that never awaits `listening` (a startup that must fail) must not see an unhandled rejection.
  listening.catch(() => undefined)
  return { child, stdout, lines, stderr: () => stderr, exit, listening }
}
