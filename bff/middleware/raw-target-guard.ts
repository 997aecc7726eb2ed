import type { MiddlewareHandler } from 'hono'
import { incomingOf, sendProblem, type BffBindings, type BffContext } from '../context'
import { bffProblem } from '../problems'
import { checkRawTarget } from '../raw-target'

/** The request target exactly as it came off the wire (before any URL parser touched it). */
function rawTargetOf(c: BffContext): string {
  const incoming = incomingOf(c)
  if (incoming?.url !== undefined) return incoming.url
  // app.request() in tests has no socket: its URL was already parsed, so this is the best we get.
  const url = new URL(c.req.url)
  return url.pathname + url.search
}

/** The first middleware that looks at the path: nothing after it ever sees a non-canonical one. */
export const guardRawTarget: MiddlewareHandler<BffBindings> = async (c, next) => {
  const check = checkRawTarget(rawTargetOf(c))
  if (!check.ok) {
    c.set('route', 'rejected')
    return sendProblem(c, bffProblem(400, 'validation-error', check.reason))
  }
  c.set('path', check.path)
  c.set('query', check.query)
  await next()
}
