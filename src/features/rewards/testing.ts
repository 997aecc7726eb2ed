import { CouponSchema, type Coupon } from '../../../contract/coupons'
import { RedeemResponseSchema, RewardSchema, type Reward } from '../../../contract/rewards'

// Built through the contract schemas, so a fixture cannot drift from what the app accepts.

export function buildReward(overrides: Partial<Reward> = {}): Reward {
  return RewardSchema.parse({
    id: 'cafe01',
    name: 'Café expresso',
    description: 'Um café expresso da casa.',
    points_required: 100,
    validity_days: 7,
    is_available: true,
    already_redeemed: false,
    origin_type: 'loyalty_reward',
    ...overrides,
  })
}

export function buildRedeemAnswer(overrides: Record<string, unknown> = {}) {
  return RedeemResponseSchema.parse({
    customer_id: 'maria01',
    coupon_code: 'CZ-914F15F3',
    points_used: 100,
    z_tokens_used: '0.000000',
    new_balance: 1150,
    new_z_balance: '0.000000',
    valid_until: '2026-04-25T14:30:00Z',
    created_at: new Date().toISOString(),
    ...overrides,
  })
}

export function buildCoupon(overrides: Partial<Coupon> = {}): Coupon {
  const now = new Date().toISOString()
  return CouponSchema.parse({
    id: 'coupon01',
    coupon_code: 'CZ-914F15F3',
    reward_name: 'Café expresso',
    reward_id: 'cafe01',
    customer_id: 'maria01',
    customer_name: 'Maria Santos',
    status: 'active',
    status_display: 'Ativo',
    points_spent: 100,
    redemption_date: now,
    valid_until: '2026-04-25T14:30:00Z',
    remaining_usages: 1,
    total_usages_allowed: 1,
    created_at: now,
    usage_date: null,
    origin_type: 'loyalty_reward',
    ...overrides,
  })
}
