import { z } from 'zod'

/**
 * The till's journal (issue 13): the BFF's own API under /api/pos/journal, not Zupy's. It lives in
 * contract/ because both sides speak it: the BFF writes these bodies and the SPA parses them, so
 * one definition keeps them from drifting.
 *
 * Zupy stays the system of record; the journal is what this BFF's tills sent and what came back.
 */

export const JOURNAL_KINDS = ['redeem', 'validate'] as const
export type JournalKind = (typeof JOURNAL_KINDS)[number]

/**
 * Outcomes, named like the spend-once outcomes and problem slugs. `unknown`: no answer (timeout,
 * lost connection, a 5xx), so the points or the use may or may not be spent. The app settles an
 * unknown entry by reading Zupy again and writes a second entry that names it (`settles`):
 * `validated` / `redeemed` when the re-read shows it spent, `not-spent` when it shows it was not.
 * `cancelled` is kept apart from `already-used` and `expired` (a 409 re-read by the BFF).
 */
export const JOURNAL_OUTCOMES = [
  'validated',
  'already-used',
  'expired',
  'cancelled',
  'not-found',
  'redeemed',
  'refused',
  'unknown',
  'not-spent',
] as const
export type JournalOutcome = (typeof JOURNAL_OUTCOMES)[number]

/** Outcomes an app may report when it settles an `unknown` entry. */
export const SETTLED_OUTCOMES = ['validated', 'redeemed', 'not-spent'] as const
export type SettledOutcome = (typeof SETTLED_OUTCOMES)[number]

/** One journal entry. No customer name, phone or e-mail: the customer is their Zupy id. */
export const JournalEntrySchema = z.object({
  id: z.number().int().positive(),
  /** When the upstream answer (or its absence) came, ISO 8601 UTC. */
  at: z.string(),
  kind: z.enum(JOURNAL_KINDS),
  outcome: z.enum(JOURNAL_OUTCOMES),
  coupon_code: z.string().nullable(),
  reward_id: z.string().nullable(),
  reward_name: z.string().nullable(),
  customer_id: z.string(),
  /** Points this entry spent: a redeem's `points_used`; null when nothing is known to be spent. */
  points_spent: z.number().int().nullable(),
  /** Keyed hash of the cashier session (the same value the BFF's log lines carry). */
  session: z.string(),
  till: z.string(),
  /** For an entry that settles an `unknown` one, that entry's id. */
  settles: z.number().int().positive().nullable(),
  /** The BFF's X-Request-Id of the call; the app names it to settle an unknown outcome. */
  request_id: z.string(),
})
export type JournalEntry = z.infer<typeof JournalEntrySchema>

/** `GET /api/pos/journal?from=&to=&kind=&outcome=&cursor=&limit=`: newest first. */
export const JournalPageSchema = z.object({
  results: z.array(JournalEntrySchema),
  /** Opaque cursor for the next (older) page, or null at the end. */
  next: z.string().nullable(),
})
export type JournalPage = z.infer<typeof JournalPageSchema>

const countsByOutcome = z.partialRecord(z.enum(JOURNAL_OUTCOMES), z.number().int().nonnegative())

/** `GET /api/pos/journal/summary?date=YYYY-MM-DD`: one day in the store's time zone. */
export const JournalSummarySchema = z.object({
  date: z.string(),
  time_zone: z.string(),
  /** The day's bounds as instants, ISO 8601 UTC: `from` inclusive, `to` exclusive. */
  from: z.string(),
  to: z.string(),
  /** Entries per kind and outcome; outcomes with no entry are left out. */
  counts: z.object({ redeem: countsByOutcome, validate: countsByOutcome }),
  /** Per reward (by id, or by name when the id is unknown), busiest first. */
  rewards: z.array(
    z.object({
      reward_id: z.string().nullable(),
      reward_name: z.string().nullable(),
      redeemed: z.number().int().nonnegative(),
      validated: z.number().int().nonnegative(),
      points_spent: z.number().int().nonnegative(),
    }),
  ),
  /** Points spent by redeems the day (confirmed unknowns included). */
  points_spent: z.number().int().nonnegative(),
})
export type JournalSummary = z.infer<typeof JournalSummarySchema>

/** `POST /api/pos/journal/settlements`: the app's re-read settled an unknown outcome. */
export const JournalSettlementSchema = z.strictObject({
  request_id: z.string().min(1).max(100),
  outcome: z.enum(SETTLED_OUTCOMES),
  /** The coupon the re-read found (a redeem whose answer was lost has no code until then). */
  coupon_code: z.string().max(40).optional(),
})
export type JournalSettlement = z.infer<typeof JournalSettlementSchema>
