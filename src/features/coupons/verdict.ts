import type { Coupon, ValidateResponse } from '../../../contract/coupons'

/** What the cashier may do with a coupon right now, as its verdict card shows it. */
export type CouponState = 'active' | 'used' | 'expired' | 'cancelled' | 'unavailable'

/**
 * The coupon's state at `now`. Zupy flips overdue coupons to `expired` when it lists them, but a
 * cached or slow answer can still say `active` past `valid_until`, and validate would refuse it.
 */
export function couponState(coupon: Coupon, now: number): CouponState {
  switch (coupon.status) {
    case 'active':
      if (Date.parse(coupon.valid_until) <= now) return 'expired'
      return coupon.remaining_usages > 0 ? 'active' : 'used'
    case 'used':
      return 'used'
    case 'expired':
      return 'expired'
    case 'cancelled':
      return 'cancelled'
    default:
      // Internal statuses (pending, failed…) the spec lists but partners should not see.
      return 'unavailable'
  }
}

/** The coupon as it stands after a successful validate, without reading it again. */
export function applyValidation(coupon: Coupon, result: ValidateResponse): Coupon {
  return {
    ...coupon,
    status: result.remaining_usages > 0 ? 'active' : 'used',
    remaining_usages: result.remaining_usages,
    total_usages_allowed: result.total_usages_allowed,
    usage_date: result.validated_at,
  }
}

/**
 * Whether `after` shows a use that `before` did not: fewer uses left, used up, or a later
 * `usage_date`. This is how an unknown outcome is settled without sending validate again.
 */
export function showsNewUse(before: Coupon, after: Coupon): boolean {
  if (after.remaining_usages < before.remaining_usages) return true
  if (after.status === 'used' && before.status !== 'used') return true
  const usedBefore = before.usage_date ? Date.parse(before.usage_date) : Number.NEGATIVE_INFINITY
  const usedAfter = after.usage_date ? Date.parse(after.usage_date) : Number.NEGATIVE_INFINITY
  return usedAfter > usedBefore
}
