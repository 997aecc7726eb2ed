import type { ChildProcess } from 'node:child_process'
import { afterAll, describe, expect, it } from 'vitest'
import { Hono } from 'hono'
import { DEFAULT_SANDBOX_API_KEY } from '../sandbox/config'
import { startBffServer } from './server'
import { signIn } from './testing/http'
import { spawnMain } from './testing/spawn-main'

/**
 * Graceful shutdown: the real `bff/main.ts` as a child process (sandbox mode, ephemeral ports),
 * stopped with SIGTERM while a slow request is in flight; and the drain bound on its own.
 */

const children = new Set<ChildProcess>()

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL')
})

async function startMain() {
  const main = spawnMain({ ZUPY_SANDBOX_OTP_POLICY: 'trusted' })
  children.add(main.child)
  const ready = await main.listening
  return { ...main, url: String(ready.url), sandboxUrl: String(ready.sandbox_url) }
}

describe('graceful shutdown of the real process', () => {
  it('SIGTERM: refuses new connections, lets the request in flight finish, exits 0', async () => {
    const main = await startMain()
    // Every stdout line is JSON (the human banner goes to stderr).
    expect(main.lines.map((l) => [l.level, l.msg])).toEqual([
      ['info', 'starting'],
      [
        'warn',
        expect.stringContaining(
          'several BFF instances behind one address need the same POS_SESSION_SECRET',
        ),
      ],
      ['info', 'journal: open'],
      ['info', 'listening'],
    ])
    const till = await signIn(main.url)
    const fault = await fetch(`${main.sandboxUrl}/_sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: '/api/v2/rewards/', fault: { kind: 'latency', ms: 1500 } }),
    })
    expect(fault.status).toBe(201)

    const started = performance.now()
    const slow = till.call('/api/v2/rewards/')
    // Wait until the slow request is really in flight, upstream included.
    for (let i = 0; i < 100; i++) {
      const seen = (await (await fetch(`${main.sandboxUrl}/_sandbox/requests`)).json()) as {
        requests: unknown[]
      }
      if (seen.requests.length > 0) break
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    main.child.kill('SIGTERM')
    await new Promise((resolve) => setTimeout(resolve, 200))

    // Stopped accepting: a new connection is refused while the old request is still running.
    await expect(fetch(`${main.url}/api/pos/health`)).rejects.toThrow()
    const answer = await slow
    expect(answer.status).toBe(200)
    expect(performance.now() - started).toBeGreaterThan(1400)
    expect(await main.exit).toBe(0)

    const shutting = main.lines.find((l) => l.msg === 'shutting down')
    expect(shutting).toMatchObject({ level: 'info', signal: 'SIGTERM', in_flight: 1 })
    expect(main.lines.at(-1)).toMatchObject({ msg: 'stopped', drained: true })
    expect(main.lines.filter((l) => l.msg === 'request')).toContainEqual(
      expect.objectContaining({ route: '/api/v2/rewards/', status: 200 }),
    )
    expect(main.stdout.join('\n')).not.toContain(DEFAULT_SANDBOX_API_KEY)
  }, 30_000)
})

describe('drain', () => {
  it('cuts a request that overruns the grace period, and says so', async () => {
    const app = new Hono()
    app.get('/slow', async (c) => {
      await new Promise((resolve) => setTimeout(resolve, 800))
      return c.text('late')
    })
    const server = await startBffServer(app, { host: '127.0.0.1', port: 0 })
    const request = fetch(`${server.url}/slow`).then(
      () => 'answered',
      () => 'cut',
    )
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(server.inFlight()).toBe(1)
    const started = performance.now()
    expect(await server.drain(150)).toEqual({ drained: false })
    expect(performance.now() - started).toBeLessThan(600)
    expect(await request).toBe('cut')
  })

  it('returns at once when nothing is in flight', async () => {
    const server = await startBffServer(new Hono(), { host: '127.0.0.1', port: 0 })
    expect(await server.drain(5000)).toEqual({ drained: true })
  })
})
