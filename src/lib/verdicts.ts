/**
 * The one list of verdict names (ADR 009). A coupon card shows one of `COUPON_VERDICTS`; the scan
 * screen records one of `SCAN_OUTCOMES` per read; both translation namespaces are typed against
 * these lists, so a verdict without its words is a type error. Names match the spend-once outcomes
 * (src/lib/spend-once.ts) where they mean the same thing: a 409 is `already-used` from the answer
 * to the screen.
 *
 * This lives in lib, not in the coupons feature, because the scan feature and the translations
 * need it and may not import a feature.
 */
export const COUPON_VERDICTS = [
  'active',
  'validated',
  'confirmed',
  'already-used',
  'expired',
  'cancelled',
  'unavailable',
  'not-found',
  'not-spent',
  'unknown',
  'invalid',
] as const
/** What a coupon card says. */
export type CouponVerdict = (typeof COUPON_VERDICTS)[number]

/** A coupon screen's verdict, plus the two moments without one: still looking, lookup failed. */
export const VERDICT_KINDS = ['looking', ...COUPON_VERDICTS, 'error'] as const
export type VerdictKind = (typeof VERDICT_KINDS)[number]

/** How a scan read ended: a coupon verdict, a card or phone sent to the lookup, or unreadable. */
export const SCAN_OUTCOMES = [...VERDICT_KINDS, 'customer', 'unrecognised'] as const
export type ScanOutcome = (typeof SCAN_OUTCOMES)[number]
