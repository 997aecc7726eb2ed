import { describe, expect, it } from 'vitest'
import { problemSlug } from '../../contract/problem'
import { SESSION_ABSOLUTE_MS } from '../session'
import { MINUTE, setupSessions, slugOf } from '../testing/app'
import { IN_PROCESS_SAME_ORIGIN, cookiePair } from '../testing/http'

/**
 * Cashier sign-in, status and sign-out through the app (session-routes.ts, reliability.md G10),
 * and the PIN lockout.
 */

describe('signing in', () => {
  it('answers 204 with an HttpOnly, SameSite=Strict cookie that opens the API', async () => {
    const { app, calls, clock, signInWith, status } = setupSessions()
    const response = await signInWith('1234')
    expect(response.status).toBe(204)
    const setCookie = response.headers.get('set-cookie') ?? ''
    expect(setCookie).toMatch(
      /^zupy_pos_session=v1\.[\w-]{22}\.\d+\.\d+\.[\w-]{43}; Path=\/; Max-Age=43200; HttpOnly; SameSite=Strict$/,
    )
    const cookie = cookiePair(setCookie)
    expect(await status(cookie)).toEqual({
      authenticated: true,
      idle_expires_at: new Date(clock.ms + 15 * MINUTE).toISOString(),
      expires_at: new Date(clock.ms + SESSION_ABSOLUTE_MS).toISOString(),
      idle_timeout_s: 900,
    })
    const api = await app.request('/api/v2/rewards/', { headers: { cookie } })
    expect(api.status).toBe(200)
    expect(calls).toHaveLength(1)
  })

  it('sets a __Host-, Secure cookie and HSTS when the request came over HTTPS', async () => {
    const { app } = setupSessions()
    const response = await app.request('https://pos.example/api/pos/session', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: 'https://pos.example',
        host: 'pos.example',
      },
      body: '{"pin":"1234"}',
    })
    expect(response.status).toBe(204)
    const setCookie = response.headers.get('set-cookie') ?? ''
    expect(setCookie).toMatch(
      /^__Host-zupy_pos_session=v1\..*; Path=\/; .*HttpOnly; Secure; SameSite=Strict$/,
    )
    expect(response.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/)
    // The plain-HTTP name is not accepted over HTTPS, nor the other way round.
    const token = setCookie.split(';')[0]?.split('=')[1] ?? ''
    const overHttps = await app.request('https://pos.example/api/v2/rewards/', {
      headers: { cookie: `__Host-zupy_pos_session=${token}` },
    })
    expect(overHttps.status).toBe(200)
    const wrongName = await app.request('https://pos.example/api/v2/rewards/', {
      headers: { cookie: `zupy_pos_session=${token}` },
    })
    expect(wrongName.status).toBe(401)
  })

  it('refuses a wrong PIN with 401 invalid-pin and the attempts left, and no cookie', async () => {
    const { signInWith } = setupSessions()
    const response = await signInWith('0000')
    expect(response.status).toBe(401)
    expect(response.headers.get('set-cookie')).toBeNull()
    const body = (await response.json()) as Record<string, unknown>
    expect(problemSlug(body.type as string)).toBe('invalid-pin')
    expect(body.attempts_remaining).toBe(4)
  })

  it.each([
    ['no body', undefined],
    ['a number', 1234],
    ['an extra field', { pin: '1234', admin: true }],
  ])('refuses %s with 400 and counts no attempt', async (_name, value) => {
    const { app, signInWith } = setupSessions()
    const body = value === undefined ? '' : JSON.stringify(value)
    const response = await app.request('/api/pos/session', {
      method: 'POST',
      headers: IN_PROCESS_SAME_ORIGIN,
      body,
    })
    expect(response.status).toBe(400)
    const wrong = await signInWith('0000')
    expect(((await wrong.json()) as { attempts_remaining: number }).attempts_remaining).toBe(4)
  })

  it('replaces the session the browser already had', async () => {
    const { signInWith, status } = setupSessions()
    const first = cookiePair((await signInWith('1234')).headers.get('set-cookie'))
    const second = await signInWith('1234', { cookie: first })
    expect(second.status).toBe(204)
    expect((await status(first)).authenticated).toBe(false)
    expect((await status(cookiePair(second.headers.get('set-cookie')))).authenticated).toBe(true)
  })
})

describe('signing out', () => {
  it('clears the cookie and revokes the session on the server', async () => {
    const { app, calls, signInWith, status } = setupSessions()
    const cookie = cookiePair((await signInWith('1234')).headers.get('set-cookie'))
    const out = await app.request('/api/pos/session', {
      method: 'DELETE',
      headers: { ...IN_PROCESS_SAME_ORIGIN, cookie },
    })
    expect(out.status).toBe(204)
    expect(out.headers.get('set-cookie')).toBe(
      'zupy_pos_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict',
    )
    // A copy of the old cookie (another tab, a stolen one) no longer works.
    const replay = await app.request('/api/v2/rewards/', { headers: { cookie } })
    expect(replay.status).toBe(401)
    expect((await status(cookie)).authenticated).toBe(false)
    expect(calls).toEqual([])
  })

  it('answers 204 without a session too', async () => {
    const { app } = setupSessions()
    const out = await app.request('/api/pos/session', {
      method: 'DELETE',
      headers: IN_PROCESS_SAME_ORIGIN,
    })
    expect(out.status).toBe(204)
  })

  it('refuses other methods with 405', async () => {
    const { app } = setupSessions()
    const response = await app.request('/api/pos/session', {
      method: 'PUT',
      headers: IN_PROCESS_SAME_ORIGIN,
    })
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe('GET, POST, DELETE')
  })
})

describe('PIN lockout', () => {
  it('locks sign-in for 5 minutes after 5 wrong PINs, checks no PIN meanwhile, then lifts', async () => {
    const { clock, logs, signInWith } = setupSessions()
    const statuses: number[] = []
    for (let i = 0; i < 5; i++) statuses.push((await signInWith('0000')).status)
    expect(statuses).toEqual([401, 401, 401, 401, 429])

    // The right PIN is not even checked while locked.
    const locked = await signInWith('1234')
    expect(locked.status).toBe(429)
    expect(await slugOf(locked)).toBe('rate-limit-exceeded')
    expect(locked.headers.get('retry-after')).toBe('300')
    expect(locked.headers.get('set-cookie')).toBeNull()

    clock.ms += 4 * MINUTE
    const later = await signInWith('1234')
    expect(later.status).toBe(429)
    expect(later.headers.get('retry-after')).toBe('60')

    clock.ms += MINUTE
    expect((await signInWith('1234')).status).toBe(204)

    const warnings = logs.records().filter((r) => r.level === 'warn' && r.msg !== 'request')
    expect(warnings).toEqual([
      expect.objectContaining({
        msg: 'sign-in locked: too many wrong PINs',
        client_hash: expect.stringMatching(/^[\w-]{16}$/) as unknown,
        retry_after_s: 300,
      }),
    ])
    expect(logs.lines.join('\n')).not.toContain('0000')
  })

  it('counts 20 parallel wrong PINs one by one: 4 × 401, then 429s', async () => {
    const { signInWith } = setupSessions()
    const statuses = await Promise.all(
      Array.from({ length: 20 }, async () => (await signInWith('9999')).status),
    )
    expect(statuses.filter((s) => s === 401)).toHaveLength(4)
    expect(statuses.filter((s) => s === 429)).toHaveLength(16)
  })
})
