import type { CouponView, CustomerRow, RewardRow } from './db'
import { isoUtc } from './ids'
import { POINTS_NAME, SEED_COMPANY_ID, SEED_PROGRAM } from './seed'

const isoOrNull = (ms: number | null) => (ms === null ? null : isoUtc(ms))

export function pointsBalanceOf(row: CustomerRow): number {
  return row.points_earned - row.points_spent
}

/**
 * The list item: the "simplified summary" the newest Postman description gives for
 * `GET /customers/` (api-notes §4.1). Serving the lean form keeps clients honest about fields
 * that only `GET /customers/{id}/` promises.
 */
export function customerSummary(row: CustomerRow) {
  return {
    id: row.id,
    full_name: row.full_name,
    avatar_url: null,
    email: row.email,
    is_email_verified: row.is_email_verified === 1,
    phone: row.phone,
    card_number: row.card_number,
    points_balance: pointsBalanceOf(row),
    zupy_balance: row.zupy_balance,
    tier: row.tier,
    rfm_segment: row.rfm_segment,
    join_date: isoUtc(row.join_date),
    last_activity_date: isoOrNull(row.last_activity_date),
    is_active: row.is_active === 1,
  }
}

/** The full `Customer` schema, field for field (openapi.json). */
export function customerProfile(row: CustomerRow) {
  return {
    id: row.id,
    full_name: row.full_name,
    avatar_url: null,
    email: row.email,
    is_email_verified: row.is_email_verified === 1,
    phone: row.phone,
    is_phone_verified: row.is_phone_verified === 1,
    cpf: row.cpf,
    birth_date: row.birth_date,
    points_balance: pointsBalanceOf(row),
    points_earned: row.points_earned,
    points_spent: row.points_spent,
    tier: row.tier,
    card_number: row.card_number,
    join_date: isoUtc(row.join_date),
    last_activity_date: isoOrNull(row.last_activity_date),
    is_active: row.is_active === 1,
    zupy_balance: row.zupy_balance,
    program_id: SEED_PROGRAM.id,
    program_name: SEED_PROGRAM.name,
    rfm_segment: row.rfm_segment,
    company_id: SEED_COMPANY_ID,
    created_at: isoUtc(row.created_at),
    updated_at: isoUtc(row.updated_at),
  }
}

export function pointsBalance(row: CustomerRow) {
  return {
    customer_id: row.id,
    points_balance: pointsBalanceOf(row),
    points_earned: row.points_earned,
    points_spent: row.points_spent,
    points_name: POINTS_NAME,
    last_activity_date: isoOrNull(row.last_activity_date),
    tier: row.tier,
  }
}

export function isInStock(row: RewardRow): boolean {
  return row.quantity_available === null || row.quantity_redeemed < row.quantity_available
}

/** Switched on, active and inside its date window (stock is checked separately). */
export function isOffered(row: RewardRow, now: number): boolean {
  return (
    row.available === 1 &&
    row.is_active === 1 &&
    (row.start_date === null || row.start_date <= now) &&
    (row.end_date === null || now < row.end_date)
  )
}

/** `RewardCatalog`; `is_available` folds in dates and stock, which is what a cashier needs to know. */
export function rewardCatalog(row: RewardRow, now: number, alreadyRedeemed: boolean) {
  const marketing = row.origin_type === 'marketing'
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    reward_type: row.reward_type,
    points_required: row.points_required,
    monetary_value: row.monetary_value,
    validity_days: row.validity_days,
    is_available: isOffered(row, now) && isInStock(row),
    quantity_available: row.quantity_available,
    quantity_redeemed: row.quantity_redeemed,
    discount_type: row.discount_type,
    discount_percentage: row.discount_percentage,
    discount_fixed_amount: row.discount_fixed_amount,
    maximum_discount_value: row.maximum_discount_value,
    image_url: row.image_url,
    program_id: SEED_PROGRAM.id,
    program_name: SEED_PROGRAM.name,
    is_active: row.is_active === 1,
    already_redeemed: alreadyRedeemed,
    start_date: isoOrNull(row.start_date),
    end_date: isoOrNull(row.end_date),
    created_at: isoUtc(row.created_at),
    updated_at: isoUtc(row.updated_at),
    // The Z$ / campaign tail, with the values the spec says production carries today.
    settlement_budget: null,
    customer_split_pct: '50.00',
    operator_split_pct: null,
    publisher_split_pct: null,
    sharer_split_pct: null,
    z_distributed_total: marketing ? '0.000000' : null,
    origin_type: row.origin_type,
    budget_mode: 'unlimited',
    campaign_status: marketing ? 'active' : null,
    campaign_operator_id: null,
    campaign_operator_name: null,
  }
}

const STATUS_DISPLAY: Record<string, string> = {
  active: 'Ativo',
  used: 'Utilizado',
  expired: 'Expirado',
  cancelled: 'Cancelado',
}

/** `CouponInventory`, as `GET /coupons/issued/` lists it. */
export function couponInventory(row: CouponView) {
  return {
    id: row.id,
    coupon_code: row.coupon_code,
    reward_name: row.reward_name,
    reward_id: row.reward_id,
    customer_id: row.customer_id,
    customer_name: row.customer_name,
    status: row.status,
    status_display: STATUS_DISPLAY[row.status] ?? row.status,
    points_spent: row.points_spent,
    redemption_date: isoUtc(row.redemption_date),
    valid_until: isoUtc(row.valid_until),
    remaining_usages: row.remaining_usages,
    total_usages_allowed: row.total_usages_allowed,
    created_at: isoUtc(row.created_at),
    usage_date: isoOrNull(row.usage_date),
    origin_type: row.origin_type,
  }
}

/** The legacy `/rewards/coupons/` item: the same minus `usage_date` and `origin_type` (§7.2). */
export function legacyCouponInventory(row: CouponView) {
  const { usage_date: _usage, origin_type: _origin, ...rest } = couponInventory(row)
  return rest
}
