import type { TLSSocket } from 'node:tls'
import type { MiddlewareHandler } from 'hono'
import { incomingOf, type BffBindings } from '../context'
import type { ProxyTrust } from '../trust-proxy'

/**
 * The client's address, whether its connection is HTTPS, and the host it asked for. The socket
 * says so, unless its peer is a proxy TRUST_PROXY names: then that proxy's X-Forwarded-For /
 * -Proto / -Host do. Never the request URL, which an absolute-form target lets the client choose.
 */
export function readClientView(trust: ProxyTrust): MiddlewareHandler<BffBindings> {
  return async (c, next) => {
    const incoming = incomingOf(c)
    const client = trust.clientView({
      peer: incoming?.socket.remoteAddress,
      // app.request() in tests has no socket; its URL's scheme stands in for one.
      tls: incoming
        ? (incoming.socket as Partial<TLSSocket>).encrypted === true
        : new URL(c.req.url).protocol === 'https:',
      host: c.req.header('host'),
      forwardedFor: c.req.header('x-forwarded-for'),
      forwardedProto: c.req.header('x-forwarded-proto'),
      forwardedHost: c.req.header('x-forwarded-host'),
    })
    c.set('client', client)
    c.set('https', client.https)
    await next()
  }
}
