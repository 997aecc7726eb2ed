import type { MiddlewareHandler } from 'hono'
import { isApiPath, sendProblem, type BffBindings } from '../context'
import { bffProblem } from '../problems'
import {
  clearedSessionCookie,
  sessionCookie,
  sessionTokenOf,
  type SessionManager,
} from '../session'

/** The only /api routes open without a cashier session. */
const PUBLIC_API_PATHS = new Set(['/api/pos/health', '/api/pos/config', '/api/pos/session'])

/**
 * Cashier sessions: every request's session is verified, and every API route but the three
 * public ones needs one, checked before routing.
 */
export function requireSession(
  sessions: SessionManager,
  now: () => number,
): MiddlewareHandler<BffBindings> {
  return async (c, next) => {
    const https = c.get('https')
    const token = sessionTokenOf(c.req.header('cookie'), https)
    const session = await sessions.verify(token)
    c.set('session', session)
    const path = c.get('path') ?? ''
    if (!isApiPath(path) || PUBLIC_API_PATHS.has(path)) return next()
    if (!session) {
      c.set('route', 'session-required')
      return sendProblem(
        c,
        bffProblem(401, 'session-required', 'Sign in with the cashier PIN first.'),
        // A stale cookie is cleared so the browser stops sending it.
        token === undefined ? undefined : { 'Set-Cookie': clearedSessionCookie(https) },
      )
    }
    // Activity slides the idle deadline; status polls (GET /api/pos/session) deliberately do not.
    const touched = sessions.touch(session)
    c.set('session', touched.session)
    await next()
    // In place, like the security headers (see security-headers.ts).
    c.res.headers.append('Set-Cookie', sessionCookie(touched.token, touched.session, https, now()))
  }
}
