import { describe, expect, it } from 'vitest'
import { ProblemSchema, problemSlug } from '../contract/problem'
import { createBffApp } from './app'
import { ROUTES } from './routes'
import { SESSION_ABSOLUTE_MS } from './session'
import {
  IN_PROCESS_SAME_ORIGIN,
  captureLogger,
  cookiePair,
  inProcessClient,
  testEnv,
} from './testing/http'
import type { Upstream, UpstreamRequest } from './upstream'

/**
 * Cashier sessions through the app (reliability.md G10): sign-in, status, sign-out, 401
 * `session-required` on every table route, idle and absolute expiry on an injected clock, and
 * the PIN lockout.
 */

const ID = '2awthlosjx7kggprferoosvabcd'
const START = Date.parse('2026-03-25T08:00:00Z')
const MINUTE = 60_000

function setup(envChange: Parameters<typeof testEnv>[0] = {}) {
  const calls: UpstreamRequest[] = []
  const upstream: Upstream = {
    send: (request) => {
      calls.push(request)
      return Promise.resolve({
        kind: 'answer',
        status: 200,
        body: { count: 0, next: null, previous: null, results: [] },
        contentType: 'application/json',
        headers: {},
        durationMs: 1,
      })
    },
    close: () => Promise.resolve(),
  }
  const clock = { ms: START }
  const logs = captureLogger()
  const app = createBffApp({
    env: testEnv(envChange),
    upstream,
    logger: logs.logger,
    now: () => clock.ms,
  })
  const signInWith = (pin: unknown, headers: Record<string, string> = {}) =>
    app.request('/api/pos/session', {
      method: 'POST',
      headers: { ...IN_PROCESS_SAME_ORIGIN, ...headers },
      body: JSON.stringify({ pin }),
    })
  const status = async (cookie?: string) => {
    const response = await app.request('/api/pos/session', {
      headers: cookie ? { cookie } : {},
    })
    expect(response.status).toBe(200)
    return (await response.json()) as Record<string, unknown>
  }
  return { app, calls, clock, logs, signInWith, status }
}

/** A concrete path for every table route, with valid parameters. */
const TABLE_PATHS = ROUTES.map((route) => ({
  method: route.method,
  path: route.template.replace(':couponRef', 'CZ-7K3M9P2Q').replace(/:[a-zA-Z]+/g, ID),
}))

async function slugOf(response: Response) {
  return problemSlug(ProblemSchema.parse(await response.json()).type)
}

describe('without a session', () => {
  it.each(TABLE_PATHS)('$method $path → 401 session-required, no upstream call', async (route) => {
    const { app, calls } = setup()
    const response = await app.request(route.path, {
      method: route.method,
      headers: route.method === 'POST' ? IN_PROCESS_SAME_ORIGIN : {},
      body: route.method === 'POST' ? '{}' : undefined,
    })
    expect(response.status).toBe(401)
    expect(await slugOf(response)).toBe('session-required')
    expect(calls).toEqual([])
  })

  it('hides even unknown API paths behind the session', async () => {
    const { app, calls } = setup()
    for (const path of ['/api/v2/nope/', '/api/pos/secret', '/api']) {
      const response = await app.request(path)
      expect(response.status, path).toBe(401)
    }
    expect(calls).toEqual([])
  })

  it('keeps health, config and session status public', async () => {
    const { app, status } = setup()
    expect((await app.request('/api/pos/health')).status).toBe(200)
    expect((await app.request('/api/pos/config')).status).toBe(200)
    expect(await status()).toEqual({ authenticated: false, idle_timeout_s: 900 })
  })

  it('refuses a forged or foreign cookie and tells the browser to drop it', async () => {
    const { app } = setup()
    const other = createBffApp({
      env: testEnv({ sessionSecret: 'another-secret-that-is-32-characters-long' }),
      upstream: { send: () => Promise.reject(new Error('unused')), close: () => Promise.resolve() },
    })
    const { cookie } = await inProcessClient(other)
    const response = await app.request('/api/v2/rewards/', { headers: { cookie } })
    expect(response.status).toBe(401)
    expect(response.headers.get('set-cookie')).toMatch(/^zupy_pos_session=; Path=\/; Max-Age=0/)
  })
})

describe('signing in', () => {
  it('answers 204 with an HttpOnly, SameSite=Strict cookie that opens the API', async () => {
    const { app, calls, clock, signInWith, status } = setup()
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
    const { app } = setup()
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
    const { signInWith } = setup()
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
    const { app, signInWith } = setup()
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

  it('needs the same-origin JSON request like any state change', async () => {
    const { app } = setup()
    const response = await app.request('/api/pos/session', {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: 'http://localhost', host: 'localhost' },
      body: '{"pin":"1234"}',
    })
    expect(response.status).toBe(403)
    expect(response.headers.get('set-cookie')).toBeNull()
  })

  it('replaces the session the browser already had', async () => {
    const { signInWith, status } = setup()
    const first = cookiePair((await signInWith('1234')).headers.get('set-cookie'))
    const second = await signInWith('1234', { cookie: first })
    expect(second.status).toBe(204)
    expect((await status(first)).authenticated).toBe(false)
    expect((await status(cookiePair(second.headers.get('set-cookie')))).authenticated).toBe(true)
  })
})

describe('expiry on the server', () => {
  it('ends a session after 15 idle minutes; activity slides the deadline; status polls do not', async () => {
    const { app, clock, signInWith, status } = setup()
    let cookie = cookiePair((await signInWith('1234')).headers.get('set-cookie'))
    clock.ms += 14 * MINUTE
    // A status poll does not count as activity.
    expect((await status(cookie)).authenticated).toBe(true)
    const active = await app.request('/api/v2/rewards/', { headers: { cookie } })
    expect(active.status).toBe(200)
    cookie = cookiePair(active.headers.get('set-cookie'))
    expect((await status(cookie)).idle_expires_at).toBe(
      new Date(clock.ms + 15 * MINUTE).toISOString(),
    )
    clock.ms += 15 * MINUTE - 1
    expect((await app.request('/api/v2/rewards/', { headers: { cookie } })).status).toBe(200)
    clock.ms += 15 * MINUTE
    const expired = await app.request('/api/v2/rewards/', { headers: { cookie } })
    expect(expired.status).toBe(401)
    expect(await slugOf(expired)).toBe('session-required')
    expect(await status(cookie)).toEqual({ authenticated: false, idle_timeout_s: 900 })
  })

  it('honours POS_SESSION_IDLE_MIN', async () => {
    const { app, clock, signInWith } = setup({ sessionIdleMin: 2 })
    const cookie = cookiePair((await signInWith('1234')).headers.get('set-cookie'))
    clock.ms += 2 * MINUTE
    expect((await app.request('/api/v2/rewards/', { headers: { cookie } })).status).toBe(401)
  })

  it('ends a busy session 12 h after sign-in', async () => {
    const { app, clock, signInWith } = setup()
    let cookie = cookiePair((await signInWith('1234')).headers.get('set-cookie'))
    const end = START + SESSION_ABSOLUTE_MS
    let answered = 0
    while (clock.ms + 10 * MINUTE < end) {
      clock.ms += 10 * MINUTE
      const response = await app.request('/api/v2/rewards/', { headers: { cookie } })
      expect(response.status).toBe(200)
      cookie = cookiePair(response.headers.get('set-cookie'))
      answered += 1
    }
    expect(answered).toBe(71)
    clock.ms = end
    expect((await app.request('/api/v2/rewards/', { headers: { cookie } })).status).toBe(401)
  })
})

describe('signing out', () => {
  it('clears the cookie and revokes the session on the server', async () => {
    const { app, calls, signInWith, status } = setup()
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
    const { app } = setup()
    const out = await app.request('/api/pos/session', {
      method: 'DELETE',
      headers: IN_PROCESS_SAME_ORIGIN,
    })
    expect(out.status).toBe(204)
  })

  it('refuses other methods with 405', async () => {
    const { app } = setup()
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
    const { clock, logs, signInWith } = setup()
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
    const { signInWith } = setup()
    const statuses = await Promise.all(
      Array.from({ length: 20 }, async () => (await signInWith('9999')).status),
    )
    expect(statuses.filter((s) => s === 401)).toHaveLength(4)
    expect(statuses.filter((s) => s === 429)).toHaveLength(16)
  })
})
