import { randomUUID } from 'node:crypto'
import { createServer as createHttpServer, type Server } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { getRequestListener } from '@hono/node-server'
import { bffProblem, problemResponse } from './problems'
import { securityHeaders } from './security'

/** Larger request heads get Node's own 431 before any of our code runs. */
export const MAX_HEADER_BYTES = 16 * 1024

/** A TLS handshake must finish in this long, like a request head (Slowloris). */
export const TLS_HANDSHAKE_TIMEOUT_MS = 10_000

export interface BffServer {
  /** `https://…` when the server was given a certificate, else `http://…`. */
  readonly url: string
  readonly port: number
  readonly server: Server
  /** Requests being handled right now. */
  inFlight(): number
  /** Closes at once, cutting every connection (tests). */
  close(): Promise<void>
  /**
   * Graceful stop: no new connections, requests in flight may finish for up to `graceMs`, then
   * whatever is left is cut. Resolves with whether everything finished in time.
   */
  drain(graceMs: number): Promise<{ drained: boolean }>
}

interface Fetchable {
  fetch: (request: Request, env: never) => Response | Promise<Response>
}

export interface BffServerOptions {
  host: string
  port: number
  /** PEM certificate chain and private key: serve HTTPS (node:https) instead of HTTP. */
  tls?: { cert: string; key: string }
}

/**
 * Serves a BFF app on node:http, or node:https when given a certificate: the same handler, limits,
 * timeouts and drain either way. The Hono node adapter refuses some targets (a backslash, a bad
 * Host) before the app runs; those get our problem body and headers too instead of a bare 400.
 */
export async function startBffServer(
  app: Fetchable,
  options: BffServerOptions,
): Promise<BffServer> {
  const https = options.tls !== undefined
  const listener = getRequestListener(app.fetch as Parameters<typeof getRequestListener>[0], {
    errorHandler: () =>
      problemResponse(bffProblem(400, 'validation-error', 'The request could not be parsed.'), {
        instance: null,
        requestId: randomUUID(),
        headers: securityHeaders(https),
      }),
  })
  let active = 0
  let draining = false
  const idle: (() => void)[] = []
  const handler: Parameters<typeof createHttpServer>[1] = (incoming, outgoing) => {
    active += 1
    // While draining, answers close their connection so keep-alive clients reconnect elsewhere.
    if (draining) outgoing.setHeader('Connection', 'close')
    outgoing.once('close', () => {
      active -= 1
      if (active === 0) for (const resolve of idle.splice(0)) resolve()
    })
    void listener(incoming, outgoing)
  }
  // node:https's Server is an http.Server underneath (same timeouts, closeAllConnections…).
  const server: Server = options.tls
    ? createHttpsServer(
        {
          maxHeaderSize: MAX_HEADER_BYTES,
          cert: options.tls.cert,
          key: options.tls.key,
          handshakeTimeout: TLS_HANDSHAKE_TIMEOUT_MS,
        },
        handler,
      )
    : createHttpServer({ maxHeaderSize: MAX_HEADER_BYTES }, handler)
  // Slow clients must not hold sockets open forever (Slowloris); Node requires both non-zero.
  server.headersTimeout = 10_000
  server.requestTimeout = 30_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  const host = options.host.includes(':') ? `[${options.host}]` : options.host
  let closed: Promise<void> | null = null
  const stopListening = () => {
    closed ??= new Promise<void>((resolve) => {
      server.close(() => {
        resolve()
      })
    })
    return closed
  }
  return {
    url: `${https ? 'https' : 'http'}://${host}:${port}`,
    port,
    server,
    inFlight: () => active,
    close: () => {
      const done = stopListening()
      server.closeAllConnections()
      return done
    },
    drain: async (graceMs) => {
      draining = true
      const done = stopListening()
      server.closeIdleConnections()
      let timer: NodeJS.Timeout | undefined
      const drained =
        active === 0 ||
        (await Promise.race([
          new Promise<boolean>((resolve) => {
            idle.push(() => {
              resolve(true)
            })
          }),
          new Promise<boolean>((resolve) => {
            timer = setTimeout(() => {
              resolve(false)
            }, graceMs)
          }),
        ]))
      clearTimeout(timer)
      // Whatever is left is idle keep-alive sockets, or requests that overran the grace period.
      server.closeAllConnections()
      await done
      return { drained }
    },
  }
}
