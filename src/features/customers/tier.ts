import type { TFunction } from 'i18next'

const TIER_KEYS = ['default', 'bronze', 'silver', 'gold', 'platinum', 'vip', 'diamond'] as const
type TierKey = (typeof TIER_KEYS)[number]

const isTierKey = (tier: string): tier is TierKey => (TIER_KEYS as readonly string[]).includes(tier)

/** The tier in the UI language; a tier Zupy adds later shows as sent rather than not at all. */
export function tierLabel(t: TFunction, tier: string | null | undefined): string | null {
  if (!tier) return null
  const key = tier.toLowerCase()
  return isTierKey(key) ? t(`customers.tier.${key}`) : tier
}
