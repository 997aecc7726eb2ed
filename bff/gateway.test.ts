import { describe, expect, it } from 'vitest'
import { ID, VALIDATE, post, problemOf, setupSignedIn } from './testing/app'

/** The gateway (gateway.ts): the route table under /api/v2, its bodies, and upstream faults. */

describe('the /api/v2 route table', () => {
  it('forwards a matched GET with the rebuilt target and passes the JSON answer through', async () => {
    const { call, upstream } = await setupSignedIn()
    upstream.next = {
      kind: 'answer',
      status: 200,
      body: { count: 0, results: [] },
      contentType: 'application/json',
      headers: { 'x-ratelimit-limit': '60', 'retry-after': '3' },
      durationMs: 4,
    }
    const response = await call('/api/v2/customers/?phone=%2B5511&page_size=5')
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ count: 0, results: [] })
    expect(response.headers.get('x-ratelimit-limit')).toBe('60')
    expect(response.headers.get('retry-after')).toBe('3')
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    expect(upstream.calls).toHaveLength(1)
    expect(upstream.calls[0]).toMatchObject({
      method: 'GET',
      target: '/api/v2/customers/?phone=%2B5511&page_size=5',
      body: undefined,
    })
  })

  it('passes a 4xx problem from upstream through with its status', async () => {
    const { call, upstream } = await setupSignedIn()
    const conflict = {
      type: 'https://docs.zupy.com/errors#conflict',
      title: 'Conflict',
      status: 409,
      detail: 'Cupom já Used',
    }
    upstream.next = {
      kind: 'answer',
      status: 409,
      body: conflict,
      contentType: 'application/problem+json',
      headers: {},
      durationMs: 2,
    }
    const response = await call(VALIDATE, { method: 'POST' })
    expect(response.status).toBe(409)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    expect(await response.json()).toEqual(conflict)
  })

  it('sends validate with the canonical code and no body, even when the client sent {}', async () => {
    const { call, upstream } = await setupSignedIn()
    const response = await call(VALIDATE, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-otp-session': 'session-token-123' },
      body: '{}',
    })
    expect(response.status).toBe(200)
    expect(upstream.calls[0]).toMatchObject({
      method: 'POST',
      target: `/api/v2/customers/${ID}/coupons/CZ-7K3M9P2Q/validate/`,
      body: undefined,
      otpSession: 'session-token-123',
    })
  })

  it('forwards the re-serialised body, not the raw bytes', async () => {
    const { call, upstream } = await setupSignedIn()
    const response = await call('/api/v2/auth/verify-otp/', {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: '  {"identifier" : "+5511987654321",\n "otp_code":"123456"}  ',
    })
    expect(response.status).toBe(200)
    expect(upstream.calls[0]?.body).toBe('{"identifier":"+5511987654321","otp_code":"123456"}')
  })

  it('accepts redeem with no body and with an options body', async () => {
    const { call, upstream } = await setupSignedIn()
    const path = `/api/v2/customers/${ID}/rewards/${ID}/redeem/`
    expect((await call(path, { method: 'POST' })).status).toBe(200)
    const withBody = await call(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"use_z_tokens":true}',
    })
    expect(withBody.status).toBe(200)
    expect(upstream.calls.map((call) => call.body)).toEqual([undefined, '{"use_z_tokens":true}'])
  })

  it.each([
    ['an unknown path', 'GET', '/api/v2/customers/x/points/history/', 404, 'not-found'],
    ['the legacy coupon list', 'GET', '/api/v2/rewards/coupons/?customer_id=abc', 404, 'not-found'],
    ['a path outside /api/v2', 'GET', '/api/v1/customers/', 404, 'not-found'],
    ['an unknown /api/pos route', 'GET', '/api/pos/secret', 404, 'not-found'],
    ['/api itself', 'GET', '/api', 404, 'not-found'],
    ['a wrong method', 'DELETE', `/api/v2/customers/${ID}/`, 405, 'method-not-allowed'],
    ['HEAD on a GET route', 'HEAD', '/api/v2/rewards/', 405, 'method-not-allowed'],
    ['a bad id', 'GET', '/api/v2/customers/a-b/', 400, 'validation-error'],
    [
      'a bad coupon code',
      'POST',
      `/api/v2/customers/${ID}/coupons/CZ-1/validate/`,
      400,
      'validation-error',
    ],
    ['an unknown query key', 'GET', '/api/v2/rewards/?admin=1', 400, 'validation-error'],
    [
      'a repeated query key',
      'GET',
      '/api/v2/rewards/?page_size=1&page_size=2',
      400,
      'validation-error',
    ],
  ])('refuses %s without calling upstream', async (_name, method, path, status, slug) => {
    const { call, upstream } = await setupSignedIn()
    const response = await call(path, { method })
    expect(response.status).toBe(status)
    expect(upstream.calls).toHaveLength(0)
    if (method !== 'HEAD') {
      const problem = await problemOf(response)
      expect(problem.slug).toBe(slug)
      expect(problem.status).toBe(status)
      expect(problem.body.request_id).toBe(response.headers.get('x-request-id'))
    }
    if (status === 405) expect(response.headers.get('allow')).toMatch(/^(GET|POST)$/)
  })

  it('lists field errors for an invalid query', async () => {
    const { call } = await setupSignedIn()
    const response = await call('/api/v2/coupons/issued/?status=pending&page_size=500')
    const problem = await problemOf(response)
    expect(problem.errors?.map((e) => e.field).sort()).toEqual(['query.page_size', 'query.status'])
    expect(problem.instance).toBe('/api/v2/coupons/issued/')
  })
})

describe('request bodies on table routes', () => {
  it('refuses a validate body other than {}', async () => {
    const { call, upstream } = await setupSignedIn()
    const response = await post(
      call,
      { headers: { 'content-type': 'application/json' }, body: '{"coupon_id":"CZ-AAAAAAAA"}' },
      VALIDATE,
    )
    expect(response.status).toBe(400)
    expect((await problemOf(response)).errors?.[0]?.field).toBe('body')
    expect(upstream.calls).toHaveLength(0)
  })

  it('refuses a body on a GET route', async () => {
    const { call, upstream } = await setupSignedIn()
    const response = await call('/api/v2/rewards/', {
      method: 'GET',
      headers: { 'content-length': '2' },
    })
    expect(response.status).toBe(400)
    expect(upstream.calls).toHaveLength(0)
  })
})

describe('upstream faults become our problems', () => {
  it.each([
    [{ kind: 'timeout', answered: false, durationMs: 500 } as const, 504, 'upstream-timeout'],
    [
      {
        kind: 'failure',
        reason: 'server-error',
        answered: true,
        status: 503,
        durationMs: 1,
      } as const,
      502,
      'upstream-error',
    ],
    [
      {
        kind: 'failure',
        reason: 'unreachable',
        answered: false,
        status: null,
        durationMs: 1,
      } as const,
      502,
      'upstream-error',
    ],
  ])('%# → %i', async (result, status, slug) => {
    const { call, upstream, logs } = await setupSignedIn()
    upstream.next = result
    const response = await call(VALIDATE, { method: 'POST' })
    expect(response.status).toBe(status)
    const problem = await problemOf(response)
    expect(problem.slug).toBe(slug)
    expect(problem.instance).toBe(VALIDATE)
    expect(upstream.calls).toHaveLength(1)
    expect(logs().at(-1)).toMatchObject({ msg: 'request', status, upstream_ms: result.durationMs })
  })
})
