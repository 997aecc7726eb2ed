import { describe, expect, it } from 'vitest'
import { ApiError, isUnknownOutcome } from '../../lib/api-client'
import { buildCoupon } from './test-fixtures'
import { checkCouponUse, conflictOutcome } from './validate'
import { couponState, showsNewUse } from './verdict'

const now = Date.now()
const iso = (ms: number) => new Date(ms).toISOString()

describe('couponState', () => {
  it.each([
    [buildCoupon(), 'active'],
    [buildCoupon({ valid_until: iso(now - 1) }), 'expired'],
    [buildCoupon({ remaining_usages: 0 }), 'used'],
    [buildCoupon({ status: 'used' }), 'used'],
    [buildCoupon({ status: 'expired' }), 'expired'],
    [buildCoupon({ status: 'cancelled' }), 'cancelled'],
    [buildCoupon({ status: 'pending_blockchain' }), 'unavailable'],
  ])('%#: → %s', (coupon, expected) => {
    expect(couponState(coupon, now)).toBe(expected)
  })
})

describe('showsNewUse', () => {
  const before = buildCoupon({
    remaining_usages: 2,
    total_usages_allowed: 3,
    usage_date: iso(now - 86_400_000),
  })
  it('sees fewer uses left, a used-up status or a later usage_date', () => {
    expect(showsNewUse(before, { ...before, remaining_usages: 1 })).toBe(true)
    expect(showsNewUse(before, { ...before, status: 'used' })).toBe(true)
    expect(showsNewUse(before, { ...before, usage_date: iso(now) })).toBe(true)
  })
  it('sees nothing when the coupon is unchanged', () => {
    expect(showsNewUse(before, { ...before })).toBe(false)
  })
})

describe('checkCouponUse', () => {
  const before = buildCoupon()
  it('is unknown when the re-read fails or finds nothing', async () => {
    expect(await checkCouponUse(before, () => Promise.reject(new Error('down')))).toEqual({
      outcome: 'unknown',
      before,
    })
    expect(await checkCouponUse(before, () => Promise.resolve(null))).toEqual({
      outcome: 'unknown',
      before,
    })
  })
  it('is confirmed by a new use, not-spent when nothing changed', async () => {
    const after = { ...before, remaining_usages: 0, status: 'used' }
    expect(await checkCouponUse(before, () => Promise.resolve(after))).toEqual({
      outcome: 'confirmed',
      coupon: after,
    })
    expect(await checkCouponUse(before, () => Promise.resolve(before))).toEqual({
      outcome: 'not-spent',
      coupon: before,
    })
  })
  it('reads by the coupon code', async () => {
    const codes: string[] = []
    await checkCouponUse(before, (code) => {
      codes.push(code)
      return Promise.resolve(before)
    })
    expect(codes).toEqual([before.coupon_code])
  })
})

describe('isUnknownOutcome', () => {
  const error = (init: Partial<ConstructorParameters<typeof ApiError>[0]>) =>
    new ApiError({ kind: 'http', method: 'POST', path: '/x', ...init })
  it.each([
    [error({ kind: 'network' }), true],
    [error({ kind: 'timeout' }), true],
    [error({ status: 502 }), true],
    [error({ status: 504 }), true],
    [error({ kind: 'contract', status: 200 }), true],
    [error({ status: 429 }), false],
    [error({ status: 400 }), false],
    [error({ kind: 'contract', status: 409 }), false],
  ])('%#: %s', (e, expected) => {
    expect(isUnknownOutcome(e)).toBe(expected)
  })
})

describe('conflictOutcome (a 409, told apart by the coupon read after it)', () => {
  const noon = Date.parse('2026-06-01T12:00:00Z')
  it.each([
    ['used', buildCoupon({ status: 'used', remaining_usages: 0 }), 'already-used'],
    ['expired', buildCoupon({ status: 'expired' }), 'expired'],
    ['past valid_until', buildCoupon({ valid_until: '2026-05-31T00:00:00Z' }), 'expired'],
    ['cancelled', buildCoupon({ status: 'cancelled' }), 'cancelled'],
    // A 409 is final: a coupon that still reads as active was used by a race (api-notes §8).
    ['still active', buildCoupon({ valid_until: '2026-07-01T00:00:00Z' }), 'already-used'],
  ])('%s → %s', (_, refreshed, outcome) => {
    expect(conflictOutcome(refreshed, noon)).toEqual({ outcome, coupon: refreshed })
  })
  it('stays already-used when the re-read failed', () => {
    expect(conflictOutcome(null, noon)).toEqual({ outcome: 'already-used', coupon: null })
  })
})
