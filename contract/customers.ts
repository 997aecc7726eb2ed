import * as z from 'zod/mini'

/** Loyalty tiers as documented; kept open (`string`) because the enum's own description adds "diamond". */
export const KNOWN_TIERS = ['default', 'bronze', 'silver', 'gold', 'platinum', 'vip'] as const

/**
 * One customer as `GET /customers/` lists it. The newest Postman text says the list returns a
 * summary (api-notes §4.1), so everything beyond the summary is optional.
 */
export const CustomerListItemSchema = z.object({
  id: z.string(),
  full_name: z.string(),
  avatar_url: z.nullish(z.string()),
  email: z.nullish(z.string()),
  is_email_verified: z.optional(z.boolean()),
  phone: z.nullish(z.string()),
  is_phone_verified: z.optional(z.boolean()),
  card_number: z.nullish(z.string()),
  points_balance: z.int(),
  zupy_balance: z.nullish(z.string()),
  tier: z.nullish(z.string()),
  rfm_segment: z.nullish(z.string()),
  join_date: z.nullish(z.string()),
  last_activity_date: z.nullish(z.string()),
  is_active: z.optional(z.boolean()),
  cpf: z.nullish(z.string()),
  birth_date: z.nullish(z.string()),
  points_earned: z.optional(z.int()),
  points_spent: z.optional(z.int()),
  program_id: z.optional(z.string()),
  program_name: z.optional(z.string()),
  company_id: z.optional(z.string()),
  created_at: z.optional(z.string()),
  updated_at: z.optional(z.string()),
})
export type CustomerListItem = z.infer<typeof CustomerListItemSchema>

/** `GET /customers/{id}/`: the full `Customer` profile (api-notes §4.2). */
export const CustomerSchema = z.extend(CustomerListItemSchema, {
  points_earned: z.int(),
  points_spent: z.int(),
})
export type Customer = z.infer<typeof CustomerSchema>

/** `GET /customers/{id}/points/` (`PointsBalance`). */
export const PointsBalanceSchema = z.object({
  customer_id: z.string(),
  points_balance: z.int(),
  points_earned: z.int(),
  points_spent: z.int(),
  points_name: z.string(),
  last_activity_date: z.nullable(z.string()),
  tier: z.nullable(z.string()),
})
export type PointsBalance = z.infer<typeof PointsBalanceSchema>
