import type { Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { serve } from '@hono/node-server'
import { buildSandbox } from './app'
import type { SandboxConfig } from './config'
import type { SandboxContext } from './context'
import { openSandboxDb } from './db'

export interface RunningSandbox {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string
  port: number
  /** The config it runs with, `port` being the real one. */
  config: SandboxConfig
  close(): Promise<void>
}

export interface StartSandboxOptions {
  log?: (line: string) => void
  now?: () => Date
}

/** What tests get besides the public handle: the context behind the app (database, state, clock). */
export interface RunningSandboxInternals extends RunningSandbox {
  ctx: SandboxContext
}

/** Starts the sandbox on 127.0.0.1 (loopback only). */
export async function startSandbox(
  config: SandboxConfig,
  opts: StartSandboxOptions = {},
): Promise<RunningSandboxInternals> {
  const shutdown = new AbortController()
  const db = openSandboxDb(config.dbPath)
  const { app, ctx } = buildSandbox({
    config,
    db,
    signal: shutdown.signal,
    ...(opts.log ? { log: opts.log } : {}),
    ...(opts.now ? { now: opts.now } : {}),
  })

  const sockets = new Set<Socket>()
  let server: Server
  try {
    server = await new Promise<Server>((resolve, reject) => {
      const s = serve({ fetch: app.fetch, port: config.port, hostname: '127.0.0.1' }) as Server
      s.once('error', reject)
      s.once('listening', () => {
        s.off('error', reject)
        resolve(s)
      })
      s.on('connection', (socket: Socket) => {
        sockets.add(socket)
        socket.once('close', () => sockets.delete(socket))
      })
    })
  } catch (error) {
    db.close()
    throw error
  }

  const port = (server.address() as AddressInfo).port
  let closing: Promise<void> | undefined
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    config: { ...config, port },
    ctx,
    close() {
      closing ??= new Promise<void>((resolve) => {
        shutdown.abort()
        // A "hang" fault holds its socket open forever; close() must not wait for it.
        server.close(() => {
          db.close()
          resolve()
        })
        server.closeAllConnections()
        for (const socket of sockets) socket.destroy()
      })
      return closing
    },
  }
}
