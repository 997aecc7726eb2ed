import { IncomingMessage } from 'node:http'
import type { Context, Env } from 'hono'
import { problemResponse, type BffProblem } from './problems'
import type { Session } from './session'
import type { ClientView } from './trust-proxy'

/** What the middleware chain (bff/middleware/) learns about a request, for what runs after it. */
export interface BffVariables {
  requestId: string
  route: string
  upstreamMs: number | null
  /** The canonical raw path, once the guard has accepted it. */
  path: string | null
  query: string | null
  https: boolean
  /** Who sent the request and to which host, as far as TRUST_PROXY lets us believe the proxy. */
  client: ClientView
  /** The cashier session the request carries, once verified. */
  session: Session | null
}

export interface BffBindings extends Env {
  Variables: BffVariables
}

export type BffContext = Context<BffBindings>

export const isApiPath = (path: string) => path === '/api' || path.startsWith('/api/')

/** A problem answer for this request: its canonical path as `instance`, its request id. */
export function sendProblem(
  c: BffContext,
  problem: BffProblem,
  headers?: Record<string, string>,
): Response {
  return problemResponse(problem, {
    instance: c.get('path'),
    requestId: c.get('requestId'),
    headers,
  })
}

/** The node:http request behind this context; undefined under app.request() in tests. */
export function incomingOf(c: BffContext): IncomingMessage | undefined {
  const bindings: unknown = c.env
  if (typeof bindings === 'object' && bindings !== null && 'incoming' in bindings) {
    const incoming: unknown = bindings.incoming
    if (incoming instanceof IncomingMessage) return incoming
  }
  return undefined
}
