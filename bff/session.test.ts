import { describe, expect, it } from 'vitest'
import {
  SESSION_ABSOLUTE_MS,
  clearedSessionCookie,
  createSessionManager,
  readCookie,
  sessionCookie,
  type Session,
} from './session'
import { createMemoryStore } from './state/memory-store'

const SECRET = 'a-session-secret-of-at-least-32-characters'
const IDLE_MS = 15 * 60_000
const START = Date.parse('2026-03-25T08:00:00Z')

function manager(secret = SECRET) {
  const clock = { ms: START }
  const sessions = createSessionManager({
    secret,
    idleMs: IDLE_MS,
    now: () => clock.ms,
    store: createMemoryStore(),
  })
  return { sessions, clock }
}

/** Replaces one character of the token at `index` with another base64url character. */
function flip(token: string, index: number): string {
  const replacement = token[index] === 'A' ? 'B' : 'A'
  return token.slice(0, index) + replacement + token.slice(index + 1)
}

describe('session tokens', () => {
  it('carry 128 random bits and verify to the same session', async () => {
    const { sessions } = manager()
    const { session, token } = sessions.issue()
    expect(Buffer.from(session.id, 'base64url')).toHaveLength(16)
    expect(await sessions.verify(token)).toEqual(session)
    expect(session.expiresAt - session.issuedAt).toBe(SESSION_ABSOLUTE_MS)
    expect(session.idleExpiresAt - session.lastSeen).toBe(IDLE_MS)
    const ids = new Set(Array.from({ length: 200 }, () => sessions.issue().session.id))
    expect(ids.size).toBe(200)
  })

  it('verify on any instance with the same secret, and on none with another', async () => {
    const { token } = manager().sessions.issue()
    expect(await manager().sessions.verify(token)).not.toBeNull()
    expect(
      await manager('another-secret-of-at-least-32-characters').sessions.verify(token),
    ).toBeNull()
  })

  it('refuse any tampering: id, timestamps, signature, truncation, garbage', async () => {
    const { sessions, clock } = manager()
    const { token } = sessions.issue()
    clock.ms += 60_000
    const [version, id, issued, seen, signature] = token.split('.')
    const forged = [
      flip(token, 4),
      [version, id, String(Number(issued) + 60_000), seen, signature].join('.'),
      [version, id, issued, String(Number(seen) + 60_000), signature].join('.'),
      flip(token, token.length - 2),
      token.slice(0, -1),
      `${token}A`,
      ['v2', id, issued, seen, signature].join('.'),
      '',
      'v1....',
      'zupy_pos_session',
    ]
    for (const candidate of forged) expect(await sessions.verify(candidate), candidate).toBeNull()
    expect(await sessions.verify(undefined)).toBeNull()
  })

  it('expire after the idle time unless touched, and touching slides the deadline', async () => {
    const { sessions, clock } = manager()
    const issued = sessions.issue()
    clock.ms += IDLE_MS - 1
    const seen = (await sessions.verify(issued.token)) as Session
    expect(seen).not.toBeNull()
    const touched = sessions.touch(seen)
    expect(touched.session.idleExpiresAt).toBe(clock.ms + IDLE_MS)
    clock.ms += 1
    // The old token has run out; the touched one has not.
    expect(await sessions.verify(issued.token)).toBeNull()
    expect(await sessions.verify(touched.token)).not.toBeNull()
    clock.ms += IDLE_MS
    expect(await sessions.verify(touched.token)).toBeNull()
  })

  it('expire 12 h after sign-in however active the cashier is', async () => {
    const { sessions, clock } = manager()
    let { token } = sessions.issue()
    const end = START + SESSION_ABSOLUTE_MS
    while (clock.ms + 10 * 60_000 < end) {
      clock.ms += 10 * 60_000
      const session = await sessions.verify(token)
      expect(session).not.toBeNull()
      token = sessions.touch(session as Session).token
    }
    const last = (await sessions.verify(token)) as Session
    expect(last.idleExpiresAt).toBe(end)
    clock.ms = end
    expect(await sessions.verify(token)).toBeNull()
  })

  it('stay dead once revoked, in every copy of the token', async () => {
    const { sessions, clock } = manager()
    const issued = sessions.issue()
    clock.ms += 1000
    const touched = sessions.touch(issued.session)
    await sessions.revoke(touched.session)
    expect(await sessions.verify(issued.token)).toBeNull()
    expect(await sessions.verify(touched.token)).toBeNull()
    expect(await sessions.verify(sessions.issue().token)).not.toBeNull()
  })

  it('check expiry and revocation on every use, even of a token verified before', async () => {
    const { sessions, clock } = manager()
    const first = sessions.issue()
    const second = sessions.issue()
    for (let i = 0; i < 3; i++) expect(await sessions.verify(first.token)).not.toBeNull()
    await sessions.revoke(first.session)
    expect(await sessions.verify(first.token)).toBeNull()
    expect(await sessions.verify(second.token)).not.toBeNull()
    // A token one character off its verified twin is still checked, not remembered.
    expect(await sessions.verify(flip(second.token, second.token.length - 2))).toBeNull()
    clock.ms += IDLE_MS
    expect(await sessions.verify(second.token)).toBeNull()
  })

  it('refuse a last-seen time in the future beyond clock skew', async () => {
    const ahead = manager()
    ahead.clock.ms += 5 * 60_000
    const { token } = ahead.sessions.issue()
    expect(await manager().sessions.verify(token)).toBeNull()
  })
})

describe('session cookies', () => {
  const { sessions } = manager()
  const { session, token } = sessions.issue()

  it('are HttpOnly, SameSite=Strict, Path=/ over HTTP, without Secure', () => {
    const cookie = sessionCookie(token, session, false, START)
    expect(cookie).toBe(
      `zupy_pos_session=${token}; Path=/; Max-Age=43200; HttpOnly; SameSite=Strict`,
    )
  })

  it('are __Host- and Secure over HTTPS', () => {
    const cookie = sessionCookie(token, session, true, START + 1000)
    expect(cookie).toBe(
      `__Host-zupy_pos_session=${token}; Path=/; Max-Age=43199; HttpOnly; Secure; SameSite=Strict`,
    )
  })

  it('are cleared with Max-Age=0', () => {
    expect(clearedSessionCookie(false)).toBe(
      'zupy_pos_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict',
    )
    expect(clearedSessionCookie(true)).toMatch(/^__Host-zupy_pos_session=; .*Secure/)
  })

  it('are read from a Cookie header among others', () => {
    expect(readCookie(`a=1; zupy_pos_session=${token}; b=2`, 'zupy_pos_session')).toBe(token)
    expect(readCookie('a=1; xzupy_pos_session=x', 'zupy_pos_session')).toBeUndefined()
    expect(readCookie(undefined, 'zupy_pos_session')).toBeUndefined()
    expect(readCookie(`__Host-zupy_pos_session=${token}`, 'zupy_pos_session')).toBeUndefined()
  })
})
