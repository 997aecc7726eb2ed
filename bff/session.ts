import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { StateStore } from './state/store'

/**
 * Cashier sessions (docs/decisions/004-cashier-session.md). The token carries its own id and
 * timestamps and is HMAC-signed, so any instance holding the same secret can verify it; the idle
 * deadline slides because every authenticated API request re-issues the token with a new
 * last-seen time. Only sign-out needs server memory: a revocation set in the state store (shared
 * by every instance when it is Redis), kept until the revoked session would have expired anyway.
 */

export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000
export const SESSION_COOKIE = 'zupy_pos_session'
/** Over HTTPS: the prefix makes browsers refuse the cookie unless Secure, Path=/ and host-only. */
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`

/** Tokens from a peer instance whose clock runs slightly ahead are still accepted. */
const CLOCK_SKEW_MS = 60_000
const TOKEN = /^v1\.([A-Za-z0-9_-]{22})\.(\d{1,15})\.(\d{1,15})\.([A-Za-z0-9_-]{43})$/
/**
 * Tokens whose signature checked out, and signatures just computed: an HMAC costs ~8 µs, and a
 * till re-sends one token many times while its next last-seen time is often the same millisecond.
 * A signature depends only on the secret and the text, so remembering it changes no answer; expiry
 * and revocation are still checked on every request. Cleared when full, so bounded.
 */
const SIGNATURE_CACHE_SIZE = 1024

export interface Session {
  /** 128 random bits, base64url. */
  readonly id: string
  readonly issuedAt: number
  readonly lastSeen: number
  readonly idleExpiresAt: number
  readonly expiresAt: number
}

export interface SessionManagerOptions {
  readonly secret: string
  readonly idleMs: number
  readonly absoluteMs?: number
  readonly now: () => number
  /** Holds the sign-outs. */
  readonly store: StateStore
}

export interface SessionManager {
  readonly idleMs: number
  /** A new session and its token. */
  issue(): { session: Session; token: string }
  /** The session a token stands for, or null when forged, malformed, expired or revoked. */
  verify(token: string | undefined): Promise<Session | null>
  /** The same session seen now: a token with a new last-seen time (slides the idle deadline). */
  touch(session: Session): { session: Session; token: string }
  revoke(session: Session): Promise<void>
}

export function createSessionManager(options: SessionManagerOptions): SessionManager {
  const { secret, idleMs, now, store } = options
  const absoluteMs = options.absoluteMs ?? SESSION_ABSOLUTE_MS

  const sign = (payload: string) => createHmac('sha256', secret).update(payload).digest()
  const verifiedTokens = new Set<string>()
  const signedPayloads = new Map<string, string>()

  const describe = (id: string, issuedAt: number, lastSeen: number): Session => ({
    id,
    issuedAt,
    lastSeen,
    idleExpiresAt: Math.min(lastSeen + idleMs, issuedAt + absoluteMs),
    expiresAt: issuedAt + absoluteMs,
  })

  const tokenFor = (session: Session) => {
    const payload = `v1.${session.id}.${session.issuedAt}.${session.lastSeen}`
    const known = signedPayloads.get(payload)
    if (known !== undefined) return known
    const token = `${payload}.${sign(payload).toString('base64url')}`
    if (signedPayloads.size >= SIGNATURE_CACHE_SIZE) signedPayloads.clear()
    signedPayloads.set(payload, token)
    return token
  }

  return {
    idleMs,
    issue() {
      const at = now()
      const session = describe(randomBytes(16).toString('base64url'), at, at)
      return { session, token: tokenFor(session) }
    },
    async verify(token) {
      if (token === undefined) return null
      const match = TOKEN.exec(token)
      if (!match) return null
      const [, id = '', issued = '', seen = '', signature = ''] = match
      if (!verifiedTokens.has(token)) {
        // Compared as text: base64url decoding ignores a last character's spare bits.
        const expected = Buffer.from(sign(`v1.${id}.${issued}.${seen}`).toString('base64url'))
        const given = Buffer.from(signature)
        if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
        if (verifiedTokens.size >= SIGNATURE_CACHE_SIZE) verifiedTokens.clear()
        verifiedTokens.add(token)
      }
      const session = describe(id, Number(issued), Number(seen))
      const at = now()
      if (session.lastSeen < session.issuedAt || session.lastSeen > at + CLOCK_SKEW_MS) return null
      if (at >= session.idleExpiresAt || at >= session.expiresAt) return null
      if (await store.isRevoked(id, at)) return null
      return session
    },
    touch(session) {
      const next = describe(session.id, session.issuedAt, Math.max(now(), session.lastSeen))
      return { session: next, token: tokenFor(next) }
    },
    revoke(session) {
      return store.revokeSession(session.id, session.expiresAt, now())
    },
  }
}

/** The value of cookie `name` in a Cookie header (the first one, if the browser sent several). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined
  for (const part of header.split(';')) {
    const equals = part.indexOf('=')
    if (equals === -1) continue
    if (part.slice(0, equals).trim() === name) return part.slice(equals + 1).trim()
  }
  return undefined
}

export function sessionCookieName(https: boolean): string {
  return https ? SECURE_SESSION_COOKIE : SESSION_COOKIE
}

/** The session token a request's Cookie header carries, under the name for its scheme. */
export function sessionTokenOf(
  cookieHeader: string | undefined,
  https: boolean,
): string | undefined {
  return readCookie(cookieHeader, sessionCookieName(https))
}

/**
 * The Set-Cookie value for a session. Its Max-Age is the absolute lifetime left, so the browser
 * keeps sending it and the server (not the browser) decides when idleness has ended it.
 */
export function sessionCookie(token: string, session: Session, https: boolean, at: number): string {
  const maxAge = Math.max(0, Math.floor((session.expiresAt - at) / 1000))
  return cookieLine(sessionCookieName(https), token, maxAge, https)
}

export function clearedSessionCookie(https: boolean): string {
  return cookieLine(sessionCookieName(https), '', 0, https)
}

function cookieLine(name: string, value: string, maxAge: number, https: boolean): string {
  const attributes = [`${name}=${value}`, 'Path=/', `Max-Age=${maxAge}`, 'HttpOnly']
  if (https) attributes.push('Secure')
  attributes.push('SameSite=Strict')
  return attributes.join('; ')
}
