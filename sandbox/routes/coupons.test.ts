import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CouponSchema, ValidateResponseSchema } from '../../contract/coupons'
import { RESPONSE_SHAPES } from '../config'
import { DAY_MS, HOUR_MS } from '../ids'
import { SEED } from '../seed'
import {
  expectOne,
  expectPage,
  expectProblem,
  makeTestSandbox,
  otpSessionFor,
  TEST_START,
  type TestSandbox,
} from '../testing'

const { maria, joao, ana } = SEED.customers
const C = SEED.coupons

describe.each(RESPONSE_SHAPES)('coupon lists (%s shape)', (shape) => {
  let sb: TestSandbox
  beforeEach(() => {
    sb = makeTestSandbox({ shape })
  })
  afterEach(() => {
    sb.close()
  })

  const issued = async (query = '') =>
    expectPage(await sb.call('GET', `/api/v2/coupons/issued/${query}`), CouponSchema)

  it('lists every coupon of the company, newest first, with status_display', async () => {
    const page = await issued()
    expect(page.count).toBe(8)
    const dates = page.items.map((c) => c.created_at)
    expect([...dates].sort().reverse()).toEqual(dates)
    const byCode = Object.fromEntries(page.items.map((c) => [c.coupon_code, c]))
    expect(byCode[C.mariaActive.code]).toMatchObject({
      status: 'active',
      status_display: 'Ativo',
      usage_date: null,
    })
    expect(byCode[C.mariaUsed.code]).toMatchObject({
      status: 'used',
      status_display: 'Utilizado',
      remaining_usages: 0,
    })
    expect(byCode[C.mariaUsed.code]?.usage_date).toBe(
      new Date(TEST_START - DAY_MS).toISOString().replace('.000', ''),
    )
    expect(byCode[C.mariaExpired.code]).toMatchObject({
      status: 'expired',
      status_display: 'Expirado',
    })
    expect(byCode[C.mariaCancelled.code]).toMatchObject({
      status: 'cancelled',
      status_display: 'Cancelado',
    })
    expect(byCode[C.mariaMultiUse.code]).toMatchObject({
      remaining_usages: 2,
      total_usages_allowed: 3,
      status: 'active',
    })
    expect(byCode[C.joaoExpiringToday.code]?.valid_until).toBe(
      new Date(TEST_START + 2 * HOUR_MS).toISOString().replace('.000', ''),
    )
  })

  it('code= is an exact, case-insensitive lookup; unknown gives [] not 404', async () => {
    const found = await issued(`?code=${C.mariaActive.code.toLowerCase()}`)
    expect(found.items).toEqual([
      expect.objectContaining({ id: C.mariaActive.id, customer_id: maria.id }),
    ])
    expect((await issued('?code=CP-legacy01')).items.map((c) => c.id)).toEqual([C.joaoLegacy.id])
    expect((await issued('?code=CZ-7K3M9P2')).items).toEqual([])
    expect((await issued('?code=CZ-AAAAAAAA')).items).toEqual([])
  })

  it('filters by customer, status, reward and origin type', async () => {
    expect((await issued(`?customer_id=${maria.id}`)).count).toBe(5)
    expect(
      (await issued(`?customer_id=${maria.id}&status=active`)).items
        .map((c) => c.coupon_code)
        .sort(),
    ).toEqual([C.mariaActive.code, C.mariaMultiUse.code].sort())
    expect(
      (await issued(`?reward_id=${SEED.rewards.cafe.id}`)).items.map((c) => c.customer_id).sort(),
    ).toEqual([maria.id, ana.id].sort())
    expect((await issued('?origin_type=marketing')).items).toEqual([])
    expect((await issued('?customer_id=nobody')).items).toEqual([])
  })

  it('bad status / origin_type → 422', async () => {
    const p1 = await expectProblem(
      await sb.call('GET', '/api/v2/coupons/issued/?status=pending'),
      422,
      'validation-error',
    )
    expect(p1.errors?.[0]?.field).toBe('status')
    const p2 = await expectProblem(
      await sb.call('GET', '/api/v2/coupons/issued/?origin_type=x'),
      422,
      'validation-error',
    )
    expect(p2.errors?.[0]?.field).toBe('origin_type')
  })

  it('reports coupons past valid_until as expired (and persists it)', async () => {
    sb.clock.advance(3 * HOUR_MS)
    const [coupon] = (await issued(`?code=${C.joaoExpiringToday.code}`)).items
    expect(coupon).toMatchObject({ status: 'expired', status_display: 'Expirado' })
    expect((await issued('?status=active')).items.map((c) => c.coupon_code)).not.toContain(
      C.joaoExpiringToday.code,
    )
  })

  it('paginates', async () => {
    const first = await issued('?page_size=3')
    const second = await issued(`?page_size=3&cursor=${first.nextCursor ?? ''}`)
    const third = await issued(`?page_size=3&cursor=${second.nextCursor ?? ''}`)
    expect(third.nextCursor).toBeNull()
    expect(new Set([...first.items, ...second.items, ...third.items].map((c) => c.id)).size).toBe(8)
  })

  it('legacy /rewards/coupons/ needs customer_id and drops usage_date and origin_type', async () => {
    const problem = await expectProblem(
      await sb.call('GET', '/api/v2/rewards/coupons/'),
      422,
      'validation-error',
    )
    expect(problem.errors).toEqual([{ field: 'customer_id', detail: 'Este campo é obrigatório.' }])
    const page = await expectPage(
      await sb.call('GET', `/api/v2/rewards/coupons/?customer_id=${joao.id}`),
      CouponSchema,
    )
    expect(page.items.map((c) => c.coupon_code).sort()).toEqual(
      [C.joaoExpiringToday.code, C.joaoLegacy.code].sort(),
    )
    for (const item of page.items) {
      expect(item).not.toHaveProperty('usage_date')
      expect(item).not.toHaveProperty('origin_type')
    }
    const active = await expectPage(
      await sb.call('GET', `/api/v2/rewards/coupons/?customer_id=${maria.id}&status=used`),
      CouponSchema,
    )
    expect(active.items.map((c) => c.coupon_code)).toEqual([C.mariaUsed.code])
  })
})

describe.each(RESPONSE_SHAPES)('validate (%s shape)', (shape) => {
  let sb: TestSandbox
  beforeEach(() => {
    sb = makeTestSandbox({ shape, otpPolicy: 'trusted' })
  })
  afterEach(() => {
    sb.close()
  })

  const validatePath = (customerId: string, ref: string) =>
    `/api/v2/customers/${customerId}/coupons/${ref}/validate/`
  const validate = (customerId: string, ref: string) =>
    sb.call('POST', validatePath(customerId, ref))
  const coupon = async (code: string) => {
    const [item] = (
      await expectPage(await sb.call('GET', `/api/v2/coupons/issued/?code=${code}`), CouponSchema)
    ).items
    if (!item) throw new Error(`coupon ${code} not listed`)
    return item
  }

  it('single-use: 200 validated, then 409 "Cupom já Used"', async () => {
    const ok = await expectOne(await validate(maria.id, C.mariaActive.code), ValidateResponseSchema)
    expect(ok).toEqual({
      customer_id: maria.id,
      coupon_code: C.mariaActive.code,
      status: 'validated',
      remaining_usages: 0,
      total_usages_allowed: 1,
      validated_at: new Date(TEST_START).toISOString().replace('.000', ''),
      new_balance: 1250,
      new_z_balance: '0.000000',
    })
    expect(await coupon(C.mariaActive.code)).toMatchObject({
      status: 'used',
      remaining_usages: 0,
      usage_date: ok.validated_at,
    })
    const again = await expectProblem(await validate(maria.id, C.mariaActive.code), 409, 'conflict')
    expect(again).toMatchObject({ title: 'Conflict', detail: 'Cupom já Used' })
  })

  it('multi-use counts down, stays active until the last use, keeps the last usage_date', async () => {
    const first = await expectOne(
      await validate(maria.id, C.mariaMultiUse.code),
      ValidateResponseSchema,
    )
    expect(first).toMatchObject({ remaining_usages: 1, total_usages_allowed: 3 })
    expect(await coupon(C.mariaMultiUse.code)).toMatchObject({
      status: 'active',
      remaining_usages: 1,
    })
    sb.clock.advance(HOUR_MS)
    const last = await expectOne(
      await validate(maria.id, C.mariaMultiUse.code),
      ValidateResponseSchema,
    )
    expect(last.remaining_usages).toBe(0)
    expect(await coupon(C.mariaMultiUse.code)).toMatchObject({
      status: 'used',
      remaining_usages: 0,
      usage_date: last.validated_at,
    })
    expect(
      (await expectProblem(await validate(maria.id, C.mariaMultiUse.code), 409, 'conflict')).detail,
    ).toBe('Cupom já Used')
  })

  it.each([
    [C.mariaUsed.code, 'Cupom já Used'],
    [C.mariaExpired.code, 'Cupom já Expired'],
    [C.mariaCancelled.code, 'Cupom já Cancelled'],
  ])('%s → 409 %j', async (code, detail) => {
    const problem = await expectProblem(await validate(maria.id, code), 409, 'conflict')
    expect(problem.detail).toBe(detail)
    expect(problem.instance).toBe(validatePath(maria.id, code))
  })

  it('auto-expires an active coupon past valid_until: 409 Expired, and it stays expired', async () => {
    sb.clock.advance(2 * HOUR_MS)
    const problem = await expectProblem(
      await validate(joao.id, C.joaoExpiringToday.code),
      409,
      'conflict',
    )
    expect(problem.detail).toBe('Cupom já Expired')
    expect((await coupon(C.joaoExpiringToday.code)).status).toBe('expired')
    expect(sb.ctx.db.coupons.byCode(C.joaoExpiringToday.code)?.status).toBe('expired')
  })

  it('one minute before valid_until it still validates', async () => {
    sb.clock.advance(2 * HOUR_MS - 60_000)
    await expectOne(await validate(joao.id, C.joaoExpiringToday.code), ValidateResponseSchema)
  })

  it('takes the coupon id or the code, any case, and echoes the canonical code', async () => {
    const byLower = await expectOne(await validate(joao.id, 'cp-legacy01'), ValidateResponseSchema)
    expect(byLower.coupon_code).toBe('CP-LEGACY01')
    const byId = await expectOne(await validate(ana.id, C.anaActive.id), ValidateResponseSchema)
    expect(byId.coupon_code).toBe(C.anaActive.code)
  })

  it('404 for a coupon of another customer, an unknown code or an unknown customer', async () => {
    await expectProblem(await validate(joao.id, C.mariaActive.code), 404, 'not-found')
    await expectProblem(await validate(maria.id, 'CZ-AAAAAAAA'), 404, 'not-found')
    await expectProblem(await validate('nobody', C.mariaActive.code), 404, 'not-found')
    // The wrong-customer attempt changed nothing.
    expect((await coupon(C.mariaActive.code)).status).toBe('active')
  })

  it('accepts an empty body or {}, rejects anything else with 400', async () => {
    const path = validatePath(maria.id, C.mariaMultiUse.code)
    await expectOne(await sb.call('POST', path, { body: {} }), ValidateResponseSchema)
    await expectProblem(
      await sb.call('POST', path, { body: { force: true } }),
      400,
      'validation-error',
    )
    await expectProblem(
      await sb.call('POST', path, { rawBody: 'not json' }),
      400,
      'validation-error',
    )
    expect((await coupon(C.mariaMultiUse.code)).remaining_usages).toBe(1)
  })
})

describe('validate under OTP policies', () => {
  let sb: TestSandbox
  afterEach(() => {
    sb.close()
  })
  const path = `/api/v2/customers/${maria.id}/coupons/${C.mariaActive.code}/validate/`

  it.each(['strict', 'relaxed'] as const)(
    '%s: needs a session bound to the customer',
    async (policy) => {
      sb = makeTestSandbox({ otpPolicy: policy })
      const problem = await expectProblem(await sb.call('POST', path), 403, 'otp-required')
      expect(problem).toMatchObject({
        title: 'Permission Denied',
        detail: 'OTP verification required',
      })
      const other = await otpSessionFor(sb, joao.phone)
      await expectProblem(await sb.call('POST', path, { otpSession: other }), 403, 'otp-required')
      const session = await otpSessionFor(sb, maria.email)
      await expectOne(await sb.call('POST', path, { otpSession: session }), ValidateResponseSchema)
    },
  )

  it('trusted: validates without a session', async () => {
    sb = makeTestSandbox({ otpPolicy: 'trusted' })
    await expectOne(await sb.call('POST', path), ValidateResponseSchema)
  })

  it('the OTP check comes after the 404s and before the 409s', async () => {
    sb = makeTestSandbox({ otpPolicy: 'relaxed' })
    await expectProblem(
      await sb.call('POST', `/api/v2/customers/${joao.id}/coupons/${C.mariaActive.code}/validate/`),
      404,
      'not-found',
    )
    await expectProblem(
      await sb.call('POST', `/api/v2/customers/${maria.id}/coupons/${C.mariaUsed.code}/validate/`),
      403,
      'otp-required',
    )
  })
})
