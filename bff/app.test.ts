import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ProblemSchema, problemSlug } from '../contract/problem'
import { createBffApp } from './app'
import { captureLogger, inProcessClient, testEnv } from './testing/http'
import type { Upstream, UpstreamRequest, UpstreamResult } from './upstream'

const ID = '2awthlosjx7kggprferoosvabcd'
const VALIDATE = `/api/v2/customers/${ID}/coupons/cz-7k3m9p2q/validate/`

interface FakeUpstream extends Upstream {
  calls: UpstreamRequest[]
  next: UpstreamResult
}

function fakeUpstream(): FakeUpstream {
  const fake: FakeUpstream = {
    calls: [],
    next: {
      kind: 'answer',
      status: 200,
      body: { ok: true },
      contentType: 'application/json',
      headers: {},
      durationMs: 3,
    },
    send: (request) => {
      fake.calls.push(request)
      return Promise.resolve(fake.next)
    },
    close: () => Promise.resolve(),
  }
  return fake
}

/** An app on a fake upstream, and a signed-in `call` (cookie, and same-origin headers on POST). */
async function setup(options: { staticRoot?: string } = {}) {
  const upstream = fakeUpstream()
  const capture = captureLogger()
  const app = createBffApp({
    env: testEnv(),
    upstream,
    logger: capture.logger,
    sandboxInfo: { otp_policy: 'relaxed', shape: 'root' },
    ...options,
  })
  const client = await inProcessClient(app)
  // The sign-in's own log line is not what these tests look at.
  capture.lines.length = 0
  return { app, upstream, call: client.request, logs: () => capture.records() }
}

async function problemOf(response: Response) {
  expect(response.headers.get('content-type')).toBe('application/problem+json')
  const body: unknown = await response.json()
  const problem = ProblemSchema.loose().parse(body)
  return { ...problem, slug: problemSlug(problem.type), body: body as Record<string, unknown> }
}

describe('the /api/v2 route table', () => {
  it('forwards a matched GET with the rebuilt target and passes the JSON answer through', async () => {
    const { call, upstream } = await setup()
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
    const { call, upstream } = await setup()
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
    const { call, upstream } = await setup()
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
    const { call, upstream } = await setup()
    const response = await call('/api/v2/auth/verify-otp/', {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: '  {"identifier" : "+5511987654321",\n "otp_code":"123456"}  ',
    })
    expect(response.status).toBe(200)
    expect(upstream.calls[0]?.body).toBe('{"identifier":"+5511987654321","otp_code":"123456"}')
  })

  it('accepts redeem with no body and with an options body', async () => {
    const { call, upstream } = await setup()
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
    const { call, upstream } = await setup()
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
    const { call } = await setup()
    const response = await call('/api/v2/coupons/issued/?status=pending&page_size=500')
    const problem = await problemOf(response)
    expect(problem.errors?.map((e) => e.field).sort()).toEqual(['query.page_size', 'query.status'])
    expect(problem.instance).toBe('/api/v2/coupons/issued/')
  })
})

describe('request bodies', () => {
  const post = (
    call: Awaited<ReturnType<typeof setup>>['call'],
    init: RequestInit,
    path = '/api/v2/auth/request-otp/',
  ) => call(path, { method: 'POST', ...init })

  it('refuses a body over 4 KB with 413, by declared length or by actual size', async () => {
    const { call, upstream } = await setup()
    const big = JSON.stringify({ identifier: 'x'.repeat(5000) })
    const declared = await post(call, {
      headers: { 'content-type': 'application/json', 'content-length': String(big.length) },
      body: big,
    })
    expect(declared.status).toBe(413)
    const streamed = await post(call, {
      headers: { 'content-type': 'application/json' },
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < 10; i++)
            controller.enqueue(new TextEncoder().encode('x'.repeat(1000)))
          controller.close()
        },
      }),
      // @ts-expect-error undici needs duplex for a streamed request body; lib.dom lacks the field
      duplex: 'half',
    })
    expect(streamed.status).toBe(413)
    expect((await problemOf(streamed)).slug).toBe('payload-too-large')
    expect(upstream.calls).toHaveLength(0)
  })

  it('refuses a non-JSON content type with 403 before reading the body (a form post is CSRF)', async () => {
    const { call, upstream } = await setup()
    const response = await post(call, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'identifier=%2B5511987654321',
    })
    expect(response.status).toBe(403)
    expect((await problemOf(response)).slug).toBe('forbidden-origin')
    const plain = await post(call, {
      headers: { 'content-type': 'text/plain' },
      body: '{"identifier":"+5511987654321"}',
    })
    expect(plain.status).toBe(403)
    expect(upstream.calls).toHaveLength(0)
  })

  it.each([
    ['invalid JSON', '{"identifier":'],
    ['a schema failure', '{"identifier":"+5511987654321","extra":1}'],
    ['a wrong type', '{"identifier":5511987654321}'],
    ['an array', '[]'],
    ['a missing body', ''],
  ])('refuses %s with 400 validation-error', async (_name, body) => {
    const { call, upstream } = await setup()
    const response = await post(call, { headers: { 'content-type': 'application/json' }, body })
    expect(response.status).toBe(400)
    expect((await problemOf(response)).slug).toBe('validation-error')
    expect(upstream.calls).toHaveLength(0)
  })

  it('refuses a validate body other than {}', async () => {
    const { call, upstream } = await setup()
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
    const { call, upstream } = await setup()
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
    const { call, upstream, logs } = await setup()
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

describe('own routes', () => {
  it('reports health with a cached upstream probe', async () => {
    const { call, upstream } = await setup()
    upstream.next = {
      kind: 'failure',
      reason: 'server-error',
      answered: true,
      status: 500,
      durationMs: 7,
    }
    const first = await call('/api/pos/health')
    expect(first.status).toBe(200)
    expect(await first.json()).toEqual({
      status: 'ok',
      mode: 'sandbox',
      upstream: { reachable: true, latency_ms: 7 },
    })
    await call('/api/pos/health')
    expect(upstream.calls).toHaveLength(1)
    expect(upstream.calls[0]).toMatchObject({
      method: 'GET',
      target: '/api/v2/rewards/?page_size=1',
      timeoutMs: 2000,
    })
  })

  it('reports an unreachable upstream', async () => {
    const { call, upstream } = await setup()
    upstream.next = {
      kind: 'failure',
      reason: 'unreachable',
      answered: false,
      status: null,
      durationMs: 1,
    }
    const response = await call('/api/pos/health')
    expect(await response.json()).toMatchObject({
      upstream: { reachable: false, latency_ms: null },
    })
  })

  it('describes the mode and sandbox settings, nothing secret', async () => {
    const { call } = await setup()
    const response = await call('/api/pos/config')
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(await response.json()).toEqual({
      mode: 'sandbox',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/) as unknown,
      pin_hint: '1234',
      sandbox: { otp_policy: 'relaxed', shape: 'root' },
    })
  })

  it('omits the sandbox block and the PIN hint in live mode', async () => {
    const app = createBffApp({
      env: testEnv({ mode: 'live', posPin: '918273', posPinIsDefault: false }),
      upstream: fakeUpstream(),
    })
    const body = (await (await app.request('/api/pos/config')).json()) as Record<string, unknown>
    expect(body.mode).toBe('live')
    expect(body.pin_hint).toBeNull()
    expect(body).not.toHaveProperty('sandbox')
    expect(JSON.stringify(body)).not.toContain('918273')
  })

  it('gives no PIN hint in sandbox mode when POS_PIN is set', async () => {
    const app = createBffApp({
      env: testEnv({ posPin: '55667788', posPinIsDefault: false }),
      upstream: fakeUpstream(),
    })
    const body = (await (await app.request('/api/pos/config')).json()) as Record<string, unknown>
    expect(body.pin_hint).toBeNull()
  })

  it('refuses other methods on own routes', async () => {
    const { call } = await setup()
    const response = await call('/api/pos/health', { method: 'POST' })
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe('GET')
  })
})

describe('logging', () => {
  it('logs the route template, never the raw path, query values or body', async () => {
    const { call, logs } = await setup()
    await call(`/api/v2/customers/?email=${encodeURIComponent('maria@example.com')}`)
    await call(VALIDATE, { method: 'POST' })
    await call('/api/v2/auth/verify-otp/', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-otp-session': 'secret-session-value' },
      body: '{"identifier":"+5511987654321","otp_code":"654321"}',
    })
    const records = logs()
    expect(records.map((r) => r.route)).toEqual([
      '/api/v2/customers/',
      '/api/v2/customers/:id/coupons/:couponRef/validate/',
      '/api/v2/auth/verify-otp/',
    ])
    const text = JSON.stringify(records)
    for (const secret of [
      'maria',
      ID,
      'CZ-7K3M9P2Q',
      '7k3m9p2q',
      '5511987654321',
      '654321',
      'secret-session-value',
    ])
      expect(text).not.toContain(secret)
    expect(records[0]).toEqual({
      service: 'zupy-pos-bff',
      time: expect.any(String) as unknown,
      level: 'info',
      msg: 'request',
      request_id: expect.any(String) as unknown,
      method: 'GET',
      route: '/api/v2/customers/',
      status: 200,
      duration_ms: expect.any(Number) as unknown,
      upstream_ms: 3,
      session_hash: expect.stringMatching(/^[A-Za-z0-9_-]{16}$/) as unknown,
    })
  })

  it('answers 500 internal-error without a stack when something throws, and logs it', async () => {
    const { call, upstream, logs } = await setup()
    upstream.send = () => Promise.reject(new Error('boom at /secret/place'))
    const response = await call('/api/v2/rewards/')
    expect(response.status).toBe(500)
    const text = await response.text()
    expect(text).not.toContain('boom')
    expect(text).not.toContain(' at ')
    expect(JSON.parse(text)).toMatchObject({
      type: 'https://docs.zupy.com/errors#internal-error',
      status: 500,
    })
    expect(logs().map((r) => [r.level, r.msg])).toEqual([
      ['error', 'unhandled error'],
      ['info', 'request'],
    ])
    expect(JSON.stringify(logs())).not.toContain('boom')
  })
})

describe('static serving', () => {
  let root: string

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'bff-static-'))
    mkdirSync(join(root, 'assets'))
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>app</title>')
    writeFileSync(join(root, 'assets', 'app-abc123.js'), 'console.log(1)')
    writeFileSync(join(root, 'assets', 'app-abc123.js.map'), '{}')
    writeFileSync(join(root, 'favicon.svg'), '<svg/>')
    writeFileSync(join(root, '.env'), 'SECRET=1')
    mkdirSync(join(root, '.git'))
    writeFileSync(join(root, '.git', 'config'), '[core]')
  })

  afterAll(() => {
    rmSync(root, { recursive: true, force: true })
  })

  it('serves hashed assets as immutable', async () => {
    const { call } = await setup({ staticRoot: root })
    const response = await call('/assets/app-abc123.js')
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(response.headers.get('content-type')).toContain('javascript')
    expect(await response.text()).toBe('console.log(1)')
  })

  it('serves index.html and the SPA fallback with no-cache', async () => {
    const { call } = await setup({ staticRoot: root })
    for (const path of ['/', '/index.html', '/customers/abc', '/scan']) {
      const response = await call(path)
      expect(response.status).toBe(200)
      expect(response.headers.get('cache-control')).toBe('no-cache')
      expect(response.headers.get('content-type')).toContain('text/html')
      expect(await response.text()).toContain('<title>app</title>')
    }
  })

  it('answers HEAD without a body', async () => {
    const { call } = await setup({ staticRoot: root })
    const response = await call('/assets/app-abc123.js', { method: 'HEAD' })
    expect(response.status).toBe(200)
    expect(await response.text()).toBe('')
  })

  it('never serves dotfiles', async () => {
    const { call } = await setup({ staticRoot: root })
    for (const path of ['/.env', '/.git/config', '/assets/../.env']) {
      const response = await call(path)
      expect(await response.text()).not.toMatch(/SECRET|\[core\]/)
    }
  })

  it('answers 404 for a missing hashed asset', async () => {
    const { call } = await setup({ staticRoot: root })
    expect((await call('/assets/old-build.js')).status).toBe(404)
  })

  it('refuses other methods on pages', async () => {
    const { call } = await setup({ staticRoot: root })
    const response = await call('/', { method: 'POST' })
    expect(response.status).toBe(405)
  })

  it('answers 503 with a hint when the app is not built', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'bff-empty-'))
    try {
      const { call } = await setup({ staticRoot: empty })
      const response = await call('/anything')
      expect(response.status).toBe(503)
      expect(await response.text()).toContain('npm run build')
    } finally {
      rmSync(empty, { recursive: true, force: true })
    }
  })
})
