/**
 * A throwaway redis-server for tests: a free loopback port, nothing written to disk. One per test
 * file (start it in beforeAll); `stop` and `start` again keep the port, for the "Redis went away
 * and came back" tests.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createConnection } from 'node:net'
import { freePort } from './free-port'

const REDIS_SERVER_BIN = 'redis-server'

export interface TestRedis {
  readonly port: number
  readonly url: string
  /** Starts it (again) on the same port and waits until it answers PING. */
  start(): Promise<void>
  /** Kills it (SIGKILL: a crash, not a shutdown) and waits for the process to end. */
  stop(): Promise<void>
  running(): boolean
  /** FLUSHALL: every key gone, for a test that must start from nothing. */
  flush(): Promise<void>
}

/** Sends one inline command and tells whether the reply starts with `expected`. */
function answers(port: number, command: string, expected: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port })
    socket.setTimeout(500)
    socket.once('connect', () => {
      socket.write(`${command}\r\n`)
    })
    socket.once('data', (data) => {
      socket.destroy()
      resolve(data.toString().startsWith(expected))
    })
    socket.once('error', () => {
      resolve(false)
    })
    socket.once('timeout', () => {
      socket.destroy()
      resolve(false)
    })
  })
}

export async function startTestRedis(): Promise<TestRedis> {
  const port = await freePort()
  let child: ChildProcess | null = null

  const start = async () => {
    const started = spawn(
      REDIS_SERVER_BIN,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    )
    child = started
    const deadline = Date.now() + 10_000
    while (Date.now() < deadline) {
      if (started.exitCode !== null || started.signalCode !== null)
        throw new Error(`${REDIS_SERVER_BIN} exited at start (port ${port})`)
      if (await answers(port, 'PING', '+PONG')) return
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
    throw new Error(`${REDIS_SERVER_BIN} did not answer on port ${port}`)
  }

  const stop = async () => {
    const running = child
    child = null
    if (!running || running.exitCode !== null || running.signalCode !== null) return
    await new Promise<void>((resolve) => {
      running.once('exit', () => {
        resolve()
      })
      running.kill('SIGKILL')
    })
  }

  const running = () => child !== null && child.exitCode === null && child.signalCode === null
  const flush = async () => {
    if (!(await answers(port, 'FLUSHALL', '+OK'))) throw new Error('FLUSHALL failed')
  }

  await start()
  return { port, url: `redis://127.0.0.1:${port}`, start, stop, running, flush }
}
