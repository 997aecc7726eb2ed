import type { MiddlewareHandler } from 'hono'
import { sendProblem, type BffBindings } from '../context'
import { bffProblem } from '../problems'
import { checkCsrf, isStateChanging } from '../security'

/** Cross-site request forgery: before sessions, so a forged request learns nothing else. */
export const refuseCrossSite: MiddlewareHandler<BffBindings> = async (c, next) => {
  if (!isStateChanging(c.req.method)) return next()
  const refusal = checkCsrf({
    method: c.req.method,
    contentType: c.req.header('content-type'),
    origin: c.req.header('origin'),
    secFetchSite: c.req.header('sec-fetch-site'),
    host: c.get('client').host,
    https: c.get('https'),
  })
  if (refusal === null) return next()
  c.set('route', 'forbidden-origin')
  return sendProblem(c, bffProblem(403, 'forbidden-origin', refusal))
}
