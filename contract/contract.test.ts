import { describe, expect, it } from 'vitest'
import * as z from 'zod/mini'
import examples from './fixtures/zupy-examples.json' with { type: 'json' }
import { listOf, singleOf } from './envelope'
import { CustomerListItemSchema, CustomerSchema, PointsBalanceSchema } from './customers'
import { RewardSchema, RedeemResponseSchema } from './rewards'
import { CouponSchema, ValidateResponseSchema } from './coupons'
import { OtpRequestResponseSchema, OtpVerifyResponseSchema } from './otp'
import { ProblemSchema, problemSlug, isProblem } from './problem'
import { canonicalCouponCode, isCouponRef } from './codes'

const schemas: Record<string, z.core.$ZodType> = {
  otpRequest: singleOf(OtpRequestResponseSchema),
  otpVerify: singleOf(OtpVerifyResponseSchema),
  customerList: listOf(CustomerListItemSchema),
  customer: singleOf(CustomerSchema),
  points: singleOf(PointsBalanceSchema),
  rewardList: listOf(RewardSchema),
  redeem: singleOf(RedeemResponseSchema),
  couponList: listOf(CouponSchema),
  validate: singleOf(ValidateResponseSchema),
  problem: ProblemSchema,
}

describe('documented Zupy example bodies parse', () => {
  it.each(examples.examples.map((e) => [e.source, e] as const))('%s', (_source, example) => {
    const schema = schemas[example.schema]
    if (!schema) throw new Error(`unknown schema ${example.schema}`)
    const result = z.safeParse(schema, example.body)
    expect(result.error?.issues ?? []).toEqual([])
  })
})

describe('both response shapes normalise to the same value', () => {
  const coupon = {
    id: 'c1',
    coupon_code: 'CZ-A1B2C3D4',
    reward_name: 'Free Dessert',
    reward_id: 'r1',
    customer_id: 'u1',
    customer_name: 'Maria',
    status: 'active',
    status_display: 'Ativo',
    points_spent: 200,
    redemption_date: '2026-03-25T14:30:00Z',
    valid_until: '2026-04-25T00:00:00Z',
    remaining_usages: 1,
    total_usages_allowed: 1,
    created_at: '2026-03-25T14:30:00Z',
    usage_date: null,
    origin_type: 'loyalty_reward',
  }
  const list = listOf(CouponSchema)

  it('root list with a next link yields its cursor', () => {
    const page = list.parse({
      count: 3,
      next: 'https://api.zupy.com/api/v2/coupons/issued/?cursor=abc%3D&page_size=1',
      previous: null,
      results: [coupon],
    })
    expect(page).toEqual({ items: [coupon], count: 3, nextCursor: 'abc=' })
  })

  it('envelope list yields the same page', () => {
    const page = list.parse({ data: [coupon], meta: { cursor: 'abc=', has_next: true, count: 3 } })
    expect(page).toEqual({ items: [coupon], count: 3, nextCursor: 'abc=' })
  })

  it('envelope list on its last page has no cursor', () => {
    expect(
      list.parse({ data: [], meta: { cursor: 'stale', has_next: false, count: 0 } }).nextCursor,
    ).toBeNull()
  })

  it('single object in either shape unwraps to the fields', () => {
    const single = singleOf(CouponSchema)
    expect(single.parse(coupon)).toEqual(coupon)
    expect(single.parse({ data: coupon, meta: {} })).toEqual(coupon)
  })

  it('rejects a body that matches neither shape', () => {
    expect(list.safeParse({ items: [coupon] }).success).toBe(false)
    expect(singleOf(CouponSchema).safeParse({ data: { id: 'x' }, meta: {} }).success).toBe(false)
  })
})

describe('problemSlug', () => {
  it.each([
    ['https://docs.zupy.com/errors#otp-required', 'otp-required'],
    ['https://api.zupy.com/errors/otp-required', 'otp-required'],
    ['https://api.zupy.com/errors/conflict/', 'conflict'],
    ['conflict', 'conflict'],
    ['about:blank', undefined],
    ['https://example.com/', undefined],
    [undefined, undefined],
  ])('%s → %s', (type, slug) => {
    expect(problemSlug(type)).toBe(slug)
  })

  it('isProblem matches by slug only', () => {
    expect(isProblem({ type: 'https://api.zupy.com/errors/otp-required' }, 'otp-required')).toBe(
      true,
    )
    expect(
      isProblem({ type: 'https://docs.zupy.com/errors#permission-denied' }, 'otp-required'),
    ).toBe(false)
  })
})

describe('coupon codes', () => {
  it('canonicalises case and trims', () => {
    expect(canonicalCouponCode(' cz-914f15f3 ')).toBe('CZ-914F15F3')
    expect(canonicalCouponCode('CP-LEGACY01')).toBe('CP-LEGACY01')
  })
  it.each(['CZ-914F15F', 'CZ-914F15F3X', 'CZ_914F15F3', 'CZ-914F15F/', 'ZP-ABC123', ''])(
    'rejects %j',
    (raw) => {
      expect(canonicalCouponCode(raw)).toBeNull()
    },
  )
  it('a validate path ref is an id or a code', () => {
    expect(isCouponRef('16a33f27fbbc1801d63d56d2027')).toBe(true)
    expect(isCouponRef('cz-914f15f3')).toBe(true)
    expect(isCouponRef('../x')).toBe(false)
  })
})
