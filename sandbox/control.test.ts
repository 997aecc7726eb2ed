import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CouponSchema, ValidateResponseSchema } from '../contract/coupons'
import { PointsBalanceSchema } from '../contract/customers'
import { OtpRequestResponseSchema } from '../contract/otp'
import { RedeemResponseSchema } from '../contract/rewards'
import { DAY_MS } from './ids'
import type { LoggedRequest } from './state'
import { SEED } from './seed'
import {
  expectOne,
  expectPage,
  expectProblem,
  makeTestSandbox,
  TEST_START,
  type TestSandbox,
} from './testing'

const { maria, joao } = SEED.customers

describe('control routes', () => {
  let sb: TestSandbox
  beforeEach(() => {
    sb = makeTestSandbox({ otpPolicy: 'trusted' })
  })
  afterEach(() => {
    sb.close()
  })

  const control = (method: string, path: string, body?: unknown) =>
    sb.call(method, `/_sandbox${path}`, body === undefined ? { key: null } : { key: null, body })
  const balance = async (id: string) =>
    (await expectOne(await sb.call('GET', `/api/v2/customers/${id}/points/`), PointsBalanceSchema))
      .points_balance

  it('reset restores the seed and clears state and settings', async () => {
    await expectOne(
      await sb.call(
        'POST',
        `/api/v2/customers/${maria.id}/rewards/${SEED.rewards.cafe.id}/redeem/`,
      ),
      RedeemResponseSchema,
    )
    await sb.call(
      'POST',
      `/api/v2/customers/${maria.id}/coupons/${SEED.coupons.mariaActive.code}/validate/`,
    )
    await sb.call('POST', '/api/v2/auth/request-otp/', { body: { identifier: maria.phone } })
    expect(await balance(maria.id)).toBe(1150)
    await control('PUT', '/settings', {
      shape: 'envelope',
      otp_policy: 'strict',
      rate_limit_per_minute: 5,
    })
    await control('POST', '/faults', { fault: { kind: 'status', status: 503 }, count: 10 })

    sb.clock.advance(DAY_MS)
    const reset = await control('POST', '/reset')
    expect(await reset.json()).toEqual({ ok: true })

    expect(await (await control('GET', '/settings')).json()).toEqual({
      otp_policy: 'trusted',
      shape: 'root',
      rate_limit_per_minute: null,
    })
    expect(await (await control('GET', '/faults')).json()).toEqual({ faults: [] })
    expect(await (await control('GET', '/requests')).json()).toEqual({ requests: [] })
    await expectProblem(
      await control('GET', `/otp?identifier=${encodeURIComponent(maria.phone)}`),
      404,
      'not-found',
    )
    expect(await balance(maria.id)).toBe(1250)
    const coupons = await expectPage(
      await sb.call('GET', `/api/v2/coupons/issued/?customer_id=${maria.id}`),
      CouponSchema,
    )
    expect(coupons.count).toBe(5)
    expect(coupons.items.find((c) => c.id === SEED.coupons.mariaActive.id)?.status).toBe('active')
    // Timestamps move with the reset: João's coupon again expires 2 h after it.
    const [joaos] = (
      await expectPage(
        await sb.call('GET', `/api/v2/coupons/issued/?code=${SEED.coupons.joaoExpiringToday.code}`),
        CouponSchema,
      )
    ).items
    expect(Date.parse(joaos?.valid_until ?? '')).toBe(TEST_START + DAY_MS + 2 * 3_600_000)
  })

  it('records /api/v2 requests (raw path, query, redacted key), newest last; DELETE clears', async () => {
    await sb.call('GET', '/api/v2/customers/?phone=11987654321&page_size=5', {
      headers: { 'X-Trace': 'abc' },
    })
    await sb.call('POST', '/api/v2/auth/request-otp/', {
      key: null,
      body: { identifier: joao.phone },
    })
    await control('GET', '/settings')
    const { requests } = (await (await control('GET', '/requests')).json()) as {
      requests: LoggedRequest[]
    }
    expect(requests).toHaveLength(2)
    expect(requests[0]).toMatchObject({
      method: 'GET',
      path: '/api/v2/customers/',
      query: { phone: '11987654321', page_size: '5' },
      at: '2026-03-25T14:30:00Z',
    })
    expect(requests[0]?.headers['x-api-key']).toBe('[redacted]')
    expect(requests[0]?.headers['x-trace']).toBe('abc')
    expect(JSON.stringify(requests)).not.toContain(sb.config.apiKey)
    expect(requests[1]).toMatchObject({ method: 'POST', path: '/api/v2/auth/request-otp/' })
    expect(requests[1]?.headers).not.toHaveProperty('x-api-key')

    await control('DELETE', '/requests')
    expect(await (await control('GET', '/requests')).json()).toEqual({ requests: [] })
  })

  it('keeps only the last 500 requests', async () => {
    for (let i = 0; i < 505; i++) await sb.call('GET', `/api/v2/rewards/?n=${i}`)
    const { requests } = (await (await control('GET', '/requests')).json()) as {
      requests: LoggedRequest[]
    }
    expect(requests).toHaveLength(500)
    expect(requests[0]?.query.n).toBe('5')
    expect(requests.at(-1)?.query.n).toBe('504')
  })

  it('GET /otp shows the live code with its expiry; 404 when none; 422 for a bad identifier', async () => {
    await expectOne(
      await sb.call('POST', '/api/v2/auth/request-otp/', { body: { identifier: maria.phone } }),
      OtpRequestResponseSchema,
    )
    const res = await control('GET', `/otp?identifier=${encodeURIComponent(maria.phone)}`)
    const body = (await res.json()) as { identifier: string; code: string; expires_at: string }
    expect(body).toEqual({
      identifier: maria.phone,
      code: expect.stringMatching(/^\d{6}$/) as unknown,
      expires_at: '2026-03-25T14:35:00Z',
    })
    sb.clock.advance(300_000)
    await expectProblem(
      await control('GET', `/otp?identifier=${encodeURIComponent(maria.phone)}`),
      404,
      'not-found',
    )
    await expectProblem(await control('GET', '/otp?identifier=nope'), 422, 'validation-error')
  })

  it('PUT /settings switches the shape, OTP policy and rate limit at runtime', async () => {
    const res = await control('PUT', '/settings', {
      shape: 'envelope',
      otp_policy: 'strict',
      rate_limit_per_minute: 1,
    })
    expect(await res.json()).toEqual({
      otp_policy: 'strict',
      shape: 'envelope',
      rate_limit_per_minute: 1,
    })
    const raw = (await (
      await sb.call('GET', `/api/v2/customers/${maria.id}/points/`)
    ).json()) as Record<string, unknown>
    expect(Object.keys(raw).sort()).toEqual(['data', 'meta'])
    expect((await sb.call('GET', '/api/v2/rewards/')).status).toBe(429)
    await control('PUT', '/settings', { rate_limit_per_minute: null })
    const validate = await sb.call(
      'POST',
      `/api/v2/customers/${maria.id}/coupons/${SEED.coupons.mariaActive.code}/validate/`,
    )
    await expectProblem(validate, 403, 'otp-required')
    expect(await (await control('GET', '/settings')).json()).toEqual({
      otp_policy: 'strict',
      shape: 'envelope',
      rate_limit_per_minute: null,
    })
  })

  it('PUT /settings rejects unknown values', async () => {
    await expectProblem(
      await control('PUT', '/settings', { shape: 'flat' }),
      422,
      'validation-error',
    )
    await expectProblem(
      await control('PUT', '/settings', { rate_limit_per_minute: 0 }),
      422,
      'validation-error',
    )
    await expectProblem(
      await control('PUT', '/settings', { colour: 'red' }),
      422,
      'validation-error',
    )
  })

  it('POST /coupons makes a fresh Maria/Sobremesa single-use coupon by default, points untouched', async () => {
    const res = await control('POST', '/coupons', {})
    const coupon = await expectOne(res, CouponSchema, 201)
    expect(coupon).toMatchObject({
      customer_id: maria.id,
      reward_id: SEED.rewards.sobremesa.id,
      status: 'active',
      remaining_usages: 1,
      total_usages_allowed: 1,
      valid_until: new Date(TEST_START + 30 * DAY_MS).toISOString().replace('.000', ''),
    })
    expect(coupon.coupon_code).toMatch(/^CZ-[2-9A-HJKMNP-Z]{8}$/)
    expect(await balance(maria.id)).toBe(1250)
    const ok = await expectOne(
      await sb.call('POST', `/api/v2/customers/${maria.id}/coupons/${coupon.id}/validate/`),
      ValidateResponseSchema,
    )
    expect(ok.coupon_code).toBe(coupon.coupon_code)
  })

  it('POST /coupons honours customer, reward, usages, status, valid_until and a fixed code', async () => {
    const coupon = await expectOne(
      await control('POST', '/coupons', {
        customer_id: joao.id,
        reward_id: SEED.rewards.combo.id,
        total_usages: 4,
        valid_until: '2026-04-01T00:00:00Z',
        coupon_code: 'cz-914f15f3',
      }),
      CouponSchema,
      201,
    )
    expect(coupon).toMatchObject({
      coupon_code: 'CZ-914F15F3',
      customer_id: joao.id,
      total_usages_allowed: 4,
      remaining_usages: 4,
      valid_until: '2026-04-01T00:00:00Z',
    })
    const used = await expectOne(
      await control('POST', '/coupons', { status: 'used' }),
      CouponSchema,
      201,
    )
    expect(used).toMatchObject({ status: 'used', remaining_usages: 0, status_display: 'Utilizado' })
    await expectProblem(
      await control('POST', '/coupons', { coupon_code: 'CZ-914F15F3' }),
      409,
      'conflict',
    )
    await expectProblem(
      await control('POST', '/coupons', { customer_id: 'nobody' }),
      422,
      'validation-error',
    )
    await expectProblem(
      await control('POST', '/coupons', { status: 'lost' }),
      422,
      'validation-error',
    )
  })

  it('faults: POST adds, GET lists, DELETE clears; bad input → 422', async () => {
    const created = await control('POST', '/faults', {
      method: 'get',
      path: '/\\/rewards\\//',
      count: 2,
      fault: { kind: 'latency', ms: 5 },
    })
    expect(created.status).toBe(201)
    expect(await created.json()).toMatchObject({
      method: 'GET',
      path: '/\\/rewards\\//',
      count: 2,
      remaining: 2,
      fault: { kind: 'latency', ms: 5 },
    })
    await control('POST', '/faults', { fault: { kind: 'huge-body' } })
    const { faults } = (await (await control('GET', '/faults')).json()) as {
      faults: { fault: { kind: string; bytes?: number } }[]
    }
    expect(faults.map((f) => f.fault)).toEqual([
      { kind: 'latency', ms: 5 },
      { kind: 'huge-body', bytes: 10 * 1024 * 1024 },
    ])
    await control('DELETE', '/faults')
    expect(await (await control('GET', '/faults')).json()).toEqual({ faults: [] })

    await expectProblem(
      await control('POST', '/faults', { fault: { kind: 'explode' } }),
      422,
      'validation-error',
    )
    await expectProblem(
      await control('POST', '/faults', { path: '/[/', fault: { kind: 'reset' } }),
      422,
      'validation-error',
    )
    await expectProblem(
      await control('POST', '/faults', { count: 0, fault: { kind: 'reset' } }),
      422,
      'validation-error',
    )
    const broken = await sb.call('POST', '/_sandbox/faults', { key: null, rawBody: '{' })
    await expectProblem(broken, 400, 'validation-error')
  })

  it('a status fault applies to the next matching requests only (by method and path), then stops', async () => {
    await control('POST', '/faults', {
      method: 'GET',
      path: '/coupons/issued/',
      count: 2,
      fault: { kind: 'status', status: 503 },
    })
    const other = await sb.call('GET', '/api/v2/rewards/')
    expect(other.status).toBe(200)
    for (let i = 0; i < 2; i++) {
      const problem = await expectProblem(
        await sb.call('GET', '/api/v2/coupons/issued/'),
        503,
        'service-unavailable',
      )
      expect(problem.instance).toBe('/api/v2/coupons/issued/')
    }
    expect((await sb.call('GET', '/api/v2/coupons/issued/')).status).toBe(200)
    const { requests } = (await (await control('GET', '/requests')).json()) as {
      requests: LoggedRequest[]
    }
    expect(requests).toHaveLength(4)
  })

  it('a status fault can carry a custom JSON body and changes no state', async () => {
    const path = `/api/v2/customers/${maria.id}/coupons/${SEED.coupons.mariaActive.code}/validate/`
    await control('POST', '/faults', {
      path: '/validate/',
      fault: { kind: 'status', status: 500, body: { oops: true } },
    })
    const res = await sb.call('POST', path)
    expect(res.status).toBe(500)
    expect(await res.json()).toEqual({ oops: true })
    expect(sb.ctx.db.coupons.byId(SEED.coupons.mariaActive.id)?.status).toBe('active')
  })
})
