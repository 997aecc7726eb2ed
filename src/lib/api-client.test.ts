import { delay, http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { listOf, singleOf } from '../../contract/envelope'
import { PROBLEM_TYPE_BASE, ProblemBodySchema } from '../../contract/problem-body'
import { RewardSchema } from '../../contract/rewards'
import { ValidateResponseSchema } from '../../contract/coupons'
import { server } from '../testing/msw-server'
import { ApiError, getJson, parseRetryAfter, request } from './api-client'

const reward = {
  id: 'r1',
  name: 'Free Dessert',
  points_required: 200,
  validity_days: 30,
  is_available: true,
}

const validated = {
  coupon_code: 'CZ-A1B2C3D4',
  status: 'validated',
  remaining_usages: 0,
  total_usages_allowed: 1,
  validated_at: '2026-03-25T14:30:00Z',
}

function problem(slug: string, status: number, title = 'Problem') {
  return { type: `${PROBLEM_TYPE_BASE}${slug}`, title, status, detail: 'details' }
}

function problemResponse(body: ReturnType<typeof problem>, headers: Record<string, string> = {}) {
  return HttpResponse.json(body, {
    status: body.status,
    headers: { 'Content-Type': 'application/problem+json', ...headers },
  })
}

/** Resolves to the ApiError `promise` rejects with (and fails the test if it resolves). */
async function caught(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ApiError)
  return error as ApiError
}

describe('request', () => {
  const validatePath = '/api/v2/customers/u1/coupons/CZ-A1B2C3D4/validate/'
  const validateExpect = { 200: singleOf(ValidateResponseSchema), 409: ProblemBodySchema }

  it('parses a 200 list in the root shape', async () => {
    server.use(
      http.get('/api/v2/rewards/', () =>
        HttpResponse.json({ count: 1, next: null, previous: null, results: [reward] }),
      ),
    )
    const page = await getJson('/api/v2/rewards/', listOf(RewardSchema))
    expect(page.items.map((r) => r.name)).toEqual(['Free Dessert'])
    expect(page.count).toBe(1)
  })

  it('parses the same list in the {data, meta} envelope', async () => {
    server.use(
      http.get('/api/v2/rewards/', () =>
        HttpResponse.json({ data: [reward], meta: { cursor: null, has_next: false, count: 1 } }),
      ),
    )
    const page = await getJson('/api/v2/rewards/', listOf(RewardSchema))
    expect(page.items.map((r) => r.name)).toEqual(['Free Dessert'])
  })

  it('unwraps a single object in either shape', async () => {
    let envelope = false
    server.use(
      http.post(validatePath, () =>
        HttpResponse.json(envelope ? { data: validated, meta: {} } : validated),
      ),
    )
    const root = await request({ path: validatePath, method: 'POST', expect: validateExpect })
    envelope = true
    const wrapped = await request({ path: validatePath, method: 'POST', expect: validateExpect })
    expect(root).toEqual({ status: 200, data: validated })
    expect(wrapped).toEqual(root)
  })

  it('returns an expected 409 as a value, not a throw', async () => {
    server.use(
      http.post(validatePath, () => problemResponse(problem('conflict', 409, 'Cupom já Used'))),
    )
    const answer = await request({ path: validatePath, method: 'POST', expect: validateExpect })
    expect(answer.status).toBe(409)
    if (answer.status === 409) expect(answer.data.title).toBe('Cupom já Used')
  })

  it('sends JSON headers, the body and the OTP session', async () => {
    let seen: { headers: Headers; body: unknown } | undefined
    server.use(
      http.post('/api/v2/auth/verify-otp/', async ({ request: req }) => {
        seen = { headers: req.headers, body: await req.json() }
        return HttpResponse.json({ ok: true })
      }),
    )
    await request({
      path: '/api/v2/auth/verify-otp/',
      method: 'POST',
      body: { identifier: '+5511999990000' },
      otpSession: 'session-token-123',
      expect: { 200: z.object({ ok: z.boolean() }) },
    })
    expect(seen?.headers.get('accept')).toBe('application/json')
    expect(seen?.headers.get('content-type')).toBe('application/json')
    expect(seen?.headers.get('x-otp-session')).toBe('session-token-123')
    expect(seen?.body).toEqual({ identifier: '+5511999990000' })
  })

  it('sends Content-Type: application/json on a body-less POST, with an empty body', async () => {
    let seen: { contentType: string | null; body: string } | undefined
    server.use(
      http.post(validatePath, async ({ request: req }) => {
        seen = { contentType: req.headers.get('content-type'), body: await req.text() }
        return HttpResponse.json(validated)
      }),
    )
    await request({ path: validatePath, method: 'POST', expect: validateExpect })
    expect(seen).toEqual({ contentType: 'application/json', body: '' })
  })

  it('sends Content-Type: application/json on a body-less DELETE', async () => {
    let contentType: string | null | undefined
    server.use(
      http.delete('/api/pos/session', ({ request: req }) => {
        contentType = req.headers.get('content-type')
        return new HttpResponse(null, { status: 204 })
      }),
    )
    await request({ path: '/api/pos/session', method: 'DELETE', expect: { 204: z.undefined() } })
    expect(contentType).toBe('application/json')
  })

  it('sends no Content-Type or OTP header on a plain GET', async () => {
    let headers: Headers | undefined
    server.use(
      http.get('/api/pos/config', ({ request: req }) => {
        headers = req.headers
        return HttpResponse.json({})
      }),
    )
    await getJson('/api/pos/config', z.object({}))
    expect(headers?.get('content-type')).toBeNull()
    expect(headers?.get('x-otp-session')).toBeNull()
  })

  it('throws ApiError http with the problem and its slug on an unexpected 502', async () => {
    server.use(
      http.post(validatePath, () =>
        problemResponse(problem('upstream-error', 502), { 'X-Request-Id': 'req-42' }),
      ),
    )
    const error = await caught(
      request({ path: validatePath, method: 'POST', expect: validateExpect }),
    )
    expect(error).toMatchObject({ kind: 'http', status: 502, slug: 'upstream-error' })
    expect(error.problem?.type).toBe(`${PROBLEM_TYPE_BASE}upstream-error`)
    expect(error.requestId).toBe('req-42')
  })

  it('reads the slug from the other documented problem URI form', async () => {
    server.use(
      http.get('/api/v2/rewards/', () =>
        HttpResponse.json(
          {
            type: 'https://api.zupy.com/errors/permission-denied',
            title: 'Forbidden',
            status: 403,
          },
          { status: 403 },
        ),
      ),
    )
    const error = await caught(getJson('/api/v2/rewards/', listOf(RewardSchema)))
    expect(error.slug).toBe('permission-denied')
  })

  it('throws http without a problem when the error body is not one', async () => {
    server.use(http.get('/api/v2/rewards/', () => new HttpResponse('Bad gateway', { status: 502 })))
    const error = await caught(getJson('/api/v2/rewards/', listOf(RewardSchema)))
    expect(error).toMatchObject({ kind: 'http', status: 502, problem: undefined, slug: undefined })
  })

  it('parses Retry-After on a 429', async () => {
    server.use(
      http.get('/api/v2/rewards/', () =>
        problemResponse(problem('rate-limit-exceeded', 429), { 'Retry-After': '17' }),
      ),
    )
    const error = await caught(getJson('/api/v2/rewards/', listOf(RewardSchema)))
    expect(error).toMatchObject({
      kind: 'http',
      status: 429,
      slug: 'rate-limit-exceeded',
      retryAfterSeconds: 17,
    })
  })

  it('throws contract when an expected status carries a body that fails its schema', async () => {
    server.use(
      http.get('/api/v2/rewards/', () =>
        HttpResponse.json({ results: [{ id: 'r1', name: 'No points field' }] }),
      ),
    )
    const error = await caught(getJson('/api/v2/rewards/', listOf(RewardSchema)))
    expect(error).toMatchObject({ kind: 'contract', status: 200 })
    expect(error.cause).toBeInstanceOf(z.core.$ZodError)
  })

  it('throws contract when an expected status carries no JSON at all', async () => {
    server.use(http.get('/api/pos/config', () => new HttpResponse('<html>', { status: 200 })))
    const error = await caught(getJson('/api/pos/config', z.object({})))
    expect(error.kind).toBe('contract')
  })

  it('throws network with status 0 when there is no response', async () => {
    server.use(http.get('/api/pos/config', () => HttpResponse.error()))
    const error = await caught(getJson('/api/pos/config', z.object({})))
    expect(error).toMatchObject({ kind: 'network', status: 0, problem: undefined })
  })

  it('throws timeout when the deadline passes first', async () => {
    server.use(
      http.get('/api/pos/config', async () => {
        await delay(1_000)
        return HttpResponse.json({})
      }),
    )
    const error = await caught(
      request({ path: '/api/pos/config', expect: { 200: z.object({}) }, timeoutMs: 50 }),
    )
    expect(error).toMatchObject({ kind: 'timeout', status: 0 })
  })

  it('refuses anything but a same-origin path', async () => {
    await expect(
      request({ path: 'https://api.zupy.com/api/v2/rewards/', expect: { 200: z.unknown() } }),
    ).rejects.toThrow(TypeError)
  })
})

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-03-25T14:30:00Z')
  it.each([
    ['0', 0],
    [' 120 ', 120],
    ['Wed, 25 Mar 2026 14:30:30 GMT', 30],
    ['Wed, 25 Mar 2026 14:29:00 GMT', 0],
    ['soon', undefined],
    [null, undefined],
  ])('%j → %j', (value, seconds) => {
    expect(parseRetryAfter(value, now)).toBe(seconds)
  })
})
