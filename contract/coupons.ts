import { z } from 'zod'

/** Partner-facing statuses; the spec's enum also lists internal ones, which we keep as strings. */
export const COUPON_STATUSES = ['active', 'used', 'expired', 'cancelled'] as const
export type CouponStatus = (typeof COUPON_STATUSES)[number]

/** `CouponInventory`: one issued coupon (api-notes §7.1). */
export const CouponSchema = z.object({
  id: z.string(),
  coupon_code: z.string(),
  reward_name: z.string(),
  reward_id: z.string(),
  customer_id: z.string(),
  customer_name: z.string(),
  status: z.string(),
  status_display: z.string(),
  points_spent: z.number().int(),
  redemption_date: z.string(),
  valid_until: z.string(),
  remaining_usages: z.number().int(),
  total_usages_allowed: z.number().int(),
  created_at: z.string(),
  // Absent from the legacy /rewards/coupons/ items (api-notes §7.2).
  usage_date: z.string().nullish(),
  origin_type: z.string().optional(),
})
export type Coupon = z.infer<typeof CouponSchema>

/**
 * `CouponValidateResponse`. `customer_id`, `new_balance` and `new_z_balance` arrived 2026-05-26 and
 * the old Postman example says `status: "used"`, so those are tolerated.
 */
export const ValidateResponseSchema = z.object({
  customer_id: z.string().optional(),
  coupon_code: z.string(),
  status: z.string(),
  remaining_usages: z.number().int(),
  total_usages_allowed: z.number().int(),
  validated_at: z.string(),
  new_balance: z.number().int().optional(),
  new_z_balance: z.string().nullish(),
})
export type ValidateResponse = z.infer<typeof ValidateResponseSchema>

/** Validate takes an empty body; `{}` is tolerated. */
export const ValidateRequestSchema = z.strictObject({})
