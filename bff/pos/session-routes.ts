import { z } from 'zod'
import { sendProblem, type BffContext } from '../context'
import type { BffLogger } from '../logger'
import { createPinLockout, createPinMatcher } from '../pin-lockout'
import { bffProblem } from '../problems'
import { readJsonBody } from '../request-body'
import type { StateStore } from '../state/store'
import type { BodyRule } from '../routes'
import {
  clearedSessionCookie,
  sessionCookie,
  sessionTokenOf,
  type SessionManager,
} from '../session'

const SignInSchema = z.strictObject({ pin: z.string().max(64) })
const SIGN_IN_BODY: BodyRule = { schema: SignInSchema, optional: false, forward: false }

const isoTime = (ms: number) => new Date(ms).toISOString()

export interface SessionRoutesOptions {
  posPin: string
  sessions: SessionManager
  /** Where PIN failures are counted (shared by every instance when it is Redis). */
  state: StateStore
  logger: BffLogger
  /** The keyed hash that stands for a session id or a client address in logs. */
  hash: (value: string) => string
  now: () => number
}

/** /api/pos/session: GET the status, POST the PIN to sign in, DELETE to sign out. */
export function createSessionRoutes(
  options: SessionRoutesOptions,
): (c: BffContext) => Response | Promise<Response> {
  const { sessions, logger, hash, now } = options
  const lockout = createPinLockout(options.state, now)
  const pinMatches = createPinMatcher(options.posPin)

  const sessionStatus = (c: BffContext): Response => {
    const session = c.get('session')
    const idleTimeoutS = Math.round(sessions.idleMs / 1000)
    const body = session
      ? {
          authenticated: true,
          idle_expires_at: isoTime(session.idleExpiresAt),
          expires_at: isoTime(session.expiresAt),
          idle_timeout_s: idleTimeoutS,
        }
      : { authenticated: false, idle_timeout_s: idleTimeoutS }
    const hadCookie = sessionTokenOf(c.req.header('cookie'), c.get('https'))
    return c.json(
      body,
      200,
      !session && hadCookie !== undefined
        ? { 'Set-Cookie': clearedSessionCookie(c.get('https')) }
        : {},
    )
  }

  const signIn = async (c: BffContext): Promise<Response> => {
    const read = await readJsonBody(c.req.raw, SIGN_IN_BODY)
    const client = c.get('client').address
    const lockedOut = (retryAfterS: number) =>
      sendProblem(
        c,
        bffProblem(429, 'rate-limit-exceeded', 'Too many wrong PINs; sign-in is locked for now.'),
        { 'Retry-After': String(retryAfterS) },
      )
    if (!read.ok) {
      // No PIN to count, but a locked-out client still hears that it is locked out.
      const lock = await lockout.check(client)
      return lock.locked ? lockedOut(lock.retryAfterS) : sendProblem(c, read.problem)
    }
    const { pin } = SignInSchema.parse(read.value)
    // Counted as wrong before comparing, so parallel guesses (on any instance) are counted one by one.
    const attempt = await lockout.attempt(client)
    if (attempt.locked && !attempt.startedNow) return lockedOut(attempt.retryAfterS)
    if (!pinMatches(pin)) {
      if (attempt.locked) {
        logger.warn(
          { client_hash: hash(client), retry_after_s: attempt.retryAfterS },
          'sign-in locked: too many wrong PINs',
        )
        return lockedOut(attempt.retryAfterS)
      }
      return sendProblem(
        c,
        bffProblem(401, 'invalid-pin', 'Wrong PIN.', undefined, {
          attempts_remaining: attempt.attemptsRemaining,
        }),
      )
    }
    await lockout.succeed(client)
    // A new sign-in replaces the session the browser had, which must not stay usable elsewhere.
    const previous = c.get('session')
    if (previous) await sessions.revoke(previous)
    const { session, token } = sessions.issue()
    c.set('session', session)
    logger.info({ session_hash: hash(session.id) }, 'cashier signed in')
    return new Response(null, {
      status: 204,
      headers: { 'Set-Cookie': sessionCookie(token, session, c.get('https'), now()) },
    })
  }

  const signOut = async (c: BffContext): Promise<Response> => {
    const session = c.get('session')
    if (session) {
      await sessions.revoke(session)
      logger.info({ session_hash: hash(session.id) }, 'cashier signed out')
    }
    return new Response(null, {
      status: 204,
      headers: { 'Set-Cookie': clearedSessionCookie(c.get('https')) },
    })
  }

  return (c) => {
    c.set('route', '/api/pos/session')
    switch (c.req.method) {
      case 'GET':
        return sessionStatus(c)
      case 'POST':
        return signIn(c)
      case 'DELETE':
        return signOut(c)
      default:
        return sendProblem(c, bffProblem(405, 'method-not-allowed', 'Use GET, POST or DELETE.'), {
          Allow: 'GET, POST, DELETE',
        })
    }
  }
}
