import { z } from 'zod'

/** `is_available` is typed string in the spec and boolean in every example (api-notes §13.17). */
const LooseBooleanSchema = z
  .union([z.boolean(), z.enum(['true', 'false', 'True', 'False'])])
  .transform((v) => v === true || v === 'true' || v === 'True')

/**
 * `RewardCatalog` (api-notes §5). Only what every documented example carries is required; the
 * long tail (Z$ and campaign fields) is optional because the guide's examples omit it.
 */
export const RewardSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullish(),
  // The spec's enum lacks "coupon", which Postman examples use.
  reward_type: z.string().optional(),
  points_required: z.number().int(),
  monetary_value: z.string().nullish(),
  validity_days: z.number().int(),
  is_available: LooseBooleanSchema,
  quantity_available: z.number().int().nullish(),
  quantity_redeemed: z.number().int().optional(),
  discount_type: z.string().optional(),
  discount_percentage: z.string().nullish(),
  discount_fixed_amount: z.string().nullish(),
  maximum_discount_value: z.string().nullish(),
  image_url: z.string().nullish(),
  program_id: z.string().optional(),
  program_name: z.string().optional(),
  is_active: z.boolean().optional(),
  already_redeemed: z.boolean().default(false),
  start_date: z.string().nullish(),
  end_date: z.string().nullish(),
  created_at: z.string().optional(),
  updated_at: z.string().optional(),
  origin_type: z.string().optional(),
})
export type Reward = z.infer<typeof RewardSchema>

/** Body of `POST /customers/{id}/rewards/{reward_id}/redeem/` (optional as a whole). */
export const RedeemRequestSchema = z.strictObject({ use_z_tokens: z.boolean().optional() })
export type RedeemRequest = z.infer<typeof RedeemRequestSchema>

/** `RewardRedeemResponse`: no coupon id, by design (api-notes decision 5). */
export const RedeemResponseSchema = z.object({
  customer_id: z.string(),
  coupon_code: z.string(),
  points_used: z.number().int(),
  z_tokens_used: z.string().nullable(),
  new_balance: z.number().int(),
  new_z_balance: z.string().nullable(),
  valid_until: z.string(),
  created_at: z.string(),
})
export type RedeemResponse = z.infer<typeof RedeemResponseSchema>
