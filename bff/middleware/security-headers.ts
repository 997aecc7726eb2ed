import type { MiddlewareHandler } from 'hono'
import { isApiPath, type BffBindings } from '../context'
import { securityHeaders } from '../security'

/** The security headers on every answer, and API answers (or refused paths) kept out of caches. */
export const addSecurityHeaders: MiddlewareHandler<BffBindings> = async (c, next) => {
  await next()
  // Set on the answer's own headers, never with c.header(): on a finished answer Hono re-wraps it
  // in a new Response at each call, which turns a string body into a stream the adapter then
  // pipes (with the session cookie, 9 re-wraps per proxied request; setting in place took ~30 %
  // off the BFF's CPU time per request, by bench:proxy). Every answer here is built by the BFF,
  // so its headers are mutable.
  const headers = c.res.headers
  for (const [name, value] of Object.entries(securityHeaders(c.get('https'))))
    headers.set(name, value)
  const path = c.get('path')
  if (path === null || isApiPath(path)) headers.set('Cache-Control', 'no-store')
}
