import { z } from 'zod'

/** Loyalty tiers as documented; kept open (`string`) because the enum's own description adds "diamond". */
export const KNOWN_TIERS = ['default', 'bronze', 'silver', 'gold', 'platinum', 'vip'] as const

/**
 * One customer as `GET /customers/` lists it. The newest Postman text says the list returns a
 * summary (api-notes §4.1), so everything beyond the summary is optional.
 */
export const CustomerListItemSchema = z.object({
  id: z.string(),
  full_name: z.string(),
  avatar_url: z.string().nullish(),
  email: z.string().nullish(),
  is_email_verified: z.boolean().optional(),
  phone: z.string().nullish(),
  is_phone_verified: z.boolean().optional(),
  card_number: z.string().nullish(),
  points_balance: z.number().int(),
  zupy_balance: z.string().nullish(),
  tier: z.string().nullish(),
  rfm_segment: z.string().nullish(),
  join_date: z.string().nullish(),
  last_activity_date: z.string().nullish(),
  is_active: z.boolean().optional(),
  cpf: z.string().nullish(),
  birth_date: z.string().nullish(),
  points_earned: z.number().int().optional(),
  points_spent: z.number().int().optional(),
  program_id: z.string().optional(),
  program_name: z.string().optional(),
  company_id: z.string().optional(),
  created_at: z.string().optional(),
  updated_at: z.string().optional(),
})
export type CustomerListItem = z.infer<typeof CustomerListItemSchema>

/** `GET /customers/{id}/`: the full `Customer` profile (api-notes §4.2). */
export const CustomerSchema = CustomerListItemSchema.extend({
  points_earned: z.number().int(),
  points_spent: z.number().int(),
})
export type Customer = z.infer<typeof CustomerSchema>

/** `GET /customers/{id}/points/` (`PointsBalance`). */
export const PointsBalanceSchema = z.object({
  customer_id: z.string(),
  points_balance: z.number().int(),
  points_earned: z.number().int(),
  points_spent: z.number().int(),
  points_name: z.string(),
  last_activity_date: z.string().nullable(),
  tier: z.string().nullable(),
})
export type PointsBalance = z.infer<typeof PointsBalanceSchema>
