import type { TFunction } from 'i18next'
import type { CouponVerdictKind } from './coupon-verdict'

const WORDS = {
  active: 'coupons.verdict.active',
  validated: 'coupons.verdict.validated',
  confirmed: 'coupons.verdict.confirmed',
  used: 'coupons.verdict.used',
  expired: 'coupons.verdict.expired',
  cancelled: 'coupons.verdict.cancelled',
  unavailable: 'coupons.verdict.unavailable',
  'not-found': 'coupons.verdict.notFound',
  'not-used': 'coupons.verdict.notUsed',
  unknown: 'coupons.verdict.unknown',
  invalid: 'coupons.invalidCode.heading',
} as const satisfies Partial<Record<CouponVerdictKind, string>>

/**
 * The line a live region reads when a coupon's verdict arrives or changes ("CZ-7K3M9P2Q:
 * Validated"). Empty while looking, and for a failed lookup, whose message is an alert itself.
 */
export function verdictAnnouncement(t: TFunction, code: string, kind: CouponVerdictKind): string {
  if (kind === 'looking' || kind === 'error') return ''
  return t('coupons.announce', { code, verdict: t(WORDS[kind]) })
}
