import type { TFunction } from 'i18next'
import type { VerdictKind } from '../../lib/verdicts'

/**
 * The line a live region reads when a coupon's verdict arrives or changes ("CZ-7K3M9P2Q:
 * Validated"). Empty while looking, and for a failed lookup, whose message is an alert itself.
 */
export function verdictAnnouncement(t: TFunction, code: string, kind: VerdictKind): string {
  if (kind === 'looking' || kind === 'error') return ''
  return t('coupons.announce', { code, verdict: t(`coupons.verdict.${kind}`) })
}
