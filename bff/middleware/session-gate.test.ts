import { describe, expect, it } from 'vitest'
import { createBffApp } from '../app'
import { ROUTES } from '../routes'
import { SESSION_ABSOLUTE_MS } from '../session'
import { ID, MINUTE, START, setupSessions, slugOf } from '../testing/app'
import { IN_PROCESS_SAME_ORIGIN, cookiePair, inProcessClient, testEnv } from '../testing/http'

/**
 * The session gate (session-gate.ts, reliability.md G10): 401 `session-required` on every table
 * route, idle and absolute expiry on an injected clock.
 */

/** A concrete path for every table route, with valid parameters. */
const TABLE_PATHS = ROUTES.map((route) => ({
  method: route.method,
  path: route.template.replace(':couponRef', 'CZ-7K3M9P2Q').replace(/:[a-zA-Z]+/g, ID),
}))

describe('without a session', () => {
  it.each(TABLE_PATHS)('$method $path → 401 session-required, no upstream call', async (route) => {
    const { app, calls } = setupSessions()
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
    const { app, calls } = setupSessions()
    for (const path of ['/api/v2/nope/', '/api/pos/secret', '/api']) {
      const response = await app.request(path)
      expect(response.status, path).toBe(401)
    }
    expect(calls).toEqual([])
  })

  it('keeps health, config and session status public', async () => {
    const { app, status } = setupSessions()
    expect((await app.request('/api/pos/health')).status).toBe(200)
    expect((await app.request('/api/pos/config')).status).toBe(200)
    expect(await status()).toEqual({ authenticated: false, idle_timeout_s: 900 })
  })

  it('refuses a forged or foreign cookie and tells the browser to drop it', async () => {
    const { app } = setupSessions()
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

describe('expiry on the server', () => {
  it('ends a session after 15 idle minutes; activity slides the deadline; status polls do not', async () => {
    const { app, clock, signInWith, status } = setupSessions()
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
    const { app, clock, signInWith } = setupSessions({ sessionIdleMin: 2 })
    const cookie = cookiePair((await signInWith('1234')).headers.get('set-cookie'))
    clock.ms += 2 * MINUTE
    expect((await app.request('/api/v2/rewards/', { headers: { cookie } })).status).toBe(401)
  })

  it('ends a busy session 12 h after sign-in', async () => {
    const { app, clock, signInWith } = setupSessions()
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
