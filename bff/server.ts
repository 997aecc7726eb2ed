import { randomUUID } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { getRequestListener } from '@hono/node-server'
import { bffProblem, problemResponse } from './problems'

export interface BffServer {
  readonly url: string
  readonly port: number
  readonly server: Server
  close(): Promise<void>
}

interface Fetchable {
  fetch: (request: Request, env: never) => Response | Promise<Response>
}

/**
 * Serves a BFF app on node:http. The Hono node adapter refuses some targets (a backslash, a bad
 * Host) before the app runs; those get our problem body too instead of a bare 400.
 */
export async function startBffServer(
  app: Fetchable,
  options: { host: string; port: number },
): Promise<BffServer> {
  const listener = getRequestListener(app.fetch as Parameters<typeof getRequestListener>[0], {
    errorHandler: () =>
      problemResponse(bffProblem(400, 'validation-error', 'The request could not be parsed.'), {
        instance: null,
        requestId: randomUUID(),
      }),
  })
  const server = createServer((incoming, outgoing) => {
    void listener(incoming, outgoing)
  })
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
  return {
    url: `http://${host}:${port}`,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve()
        })
        server.closeAllConnections()
      }),
  }
}
