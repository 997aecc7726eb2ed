import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import type { Coupon } from '../../../contract/coupons'
import type { Page } from '../../../contract/envelope'
import { couponEndpoints } from '../../../contract/endpoints/coupons'
import { rewardEndpoints } from '../../../contract/endpoints/rewards'
import type { Problem } from '../../../contract/problem-body'
import type { Reward } from '../../../contract/rewards'
import { call, problemError } from '../../lib/api-client'
import type { SettledEntry } from '../../lib/journal-settlement'
import { settleAgain, settleByReading, spendOnce, type OtpCancelled } from '../../lib/spend-once'
import { getOtpSession, useOtpGate, type OtpCustomer } from '../otp'

/** Other features invalidate by the literal root `['rewards']` (they cannot import this). */
export const rewardKeys = {
  all: ['rewards'] as const,
  catalogs: () => [...rewardKeys.all, 'catalog'] as const,
  catalog: (customerId: string, filters: { redeemable: boolean }) =>
    [...rewardKeys.catalogs(), customerId, filters] as const,
}

const CATALOG_PAGE_SIZE = 100
/** A store's catalog is a screenful; the cap only stops a cursor loop from running forever. */
const MAX_CATALOG_PAGES = 10

async function fetchCatalog(
  customerId: string,
  redeemable: boolean,
  signal: AbortSignal,
): Promise<Reward[]> {
  const rewards: Reward[] = []
  let cursor: string | null = null
  for (let page = 0; page < MAX_CATALOG_PAGES; page += 1) {
    const query = {
      customer_id: customerId,
      page_size: CATALOG_PAGE_SIZE,
      redeemable: redeemable ? 'true' : undefined,
      cursor: cursor ?? undefined,
    }
    const result: Page<Reward> = (await call(rewardEndpoints.list, { query, signal })).data
    rewards.push(...result.items)
    cursor = result.nextCursor
    if (cursor === null) break
  }
  return rewards
}

/** The catalog as this customer sees it (`customer_id` adds `already_redeemed`). */
export const rewardCatalogQueryOptions = (customerId: string, filters: { redeemable: boolean }) =>
  queryOptions({
    queryKey: rewardKeys.catalog(customerId, filters),
    queryFn: ({ signal }) => fetchCatalog(customerId, filters.redeemable, signal),
  })

/** The coupon a redeem produced, whichever way we learnt about it. */
export interface RedeemedCoupon {
  code: string
  validUntil: string
  /** From the redeem answer; null when the coupon was found afterwards (the header refreshes). */
  newBalance: number | null
}

/**
 * A redeem nobody knows the outcome of: `startedAt` is when its POST left (a coupon created since
 * is ours), `requestId` the lost attempt's (none when no answer reached us), kept for the journal
 * until a check settles it.
 */
export type UnknownRedeem = { outcome: 'unknown'; startedAt: number; requestId?: string }

/**
 * Every way a redeem can end for the cashier, in the spend-once vocabulary (ADR 009): `redeemed`
 * (the answer said so), `refused` (422, with Zupy's reasons), `otp-cancelled`, or after a lost
 * answer `confirmed` (we looked and found the coupon), `not-spent` (we looked and found none) or
 * `unknown` (we could not even look). A second `otp-required` after verifying throws.
 */
export type RedeemOutcome =
  | { outcome: 'redeemed'; coupon: RedeemedCoupon }
  | { outcome: 'confirmed'; coupon: RedeemedCoupon }
  | { outcome: 'refused'; problem: Problem }
  | { outcome: 'not-spent' }
  | UnknownRedeem
  | OtpCancelled

/**
 * How far before the POST a coupon's `created_at` may be and still be ours: Zupy's clock and the
 * till's disagree a little.
 */
export const CLOCK_SLACK_MS = 60_000

/**
 * After an unknown outcome: the newest coupon of this reward for this customer created since the
 * POST started (minus clock slack), or null. Throws ApiError when the lookup itself fails.
 */
export async function findRedeemedCoupon(
  customerId: string,
  rewardId: string,
  startedAt: number,
): Promise<Coupon | null> {
  const query = { customer_id: customerId, reward_id: rewardId, page_size: 10 }
  const { data: page } = await call(couponEndpoints.issued, { query })
  const since = startedAt - CLOCK_SLACK_MS
  // Zupy lists newest first, but nothing here depends on that order.
  const mine = page.items
    .filter((coupon) => coupon.reward_id === rewardId && Date.parse(coupon.created_at) >= since)
    .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at))
  return mine[0] ?? null
}

type CheckOutcome = Extract<RedeemOutcome, { outcome: 'confirmed' | 'not-spent' | 'unknown' }>

/**
 * Looks for the coupon a lost redeem may have created; never re-sends the redeem. Reports
 * nothing: a still unknown outcome keeps `requestId` for whoever reports once it settles.
 */
export async function checkRedeem(
  customerId: string,
  rewardId: string,
  startedAt: number,
  requestId?: string,
): Promise<CheckOutcome> {
  const settled = await settleByReading(
    () => findRedeemedCoupon(customerId, rewardId, startedAt),
    (coupon) => coupon !== null,
  )
  if (settled.outcome === 'unknown') return { outcome: 'unknown', startedAt, requestId }
  if (settled.outcome === 'not-spent' || settled.after === null) return { outcome: 'not-spent' }
  const coupon = settled.after
  return {
    outcome: 'confirmed',
    coupon: { code: coupon.coupon_code, validUntil: coupon.valid_until, newBalance: null },
  }
}

/** One redeem POST. Definite refusals other than 422 throw: no points were spent. */
async function sendRedeem(
  customerId: string,
  rewardId: string,
  otpSession: string | undefined,
): Promise<Extract<RedeemOutcome, { outcome: 'redeemed' | 'refused' }>> {
  const params = { id: customerId, rewardId }
  const answer = await call(rewardEndpoints.redeem, { params, body: {}, otpSession })
  if (answer.status === 403) {
    // spendOnce reads a 403 from the error: `otp-required` opens the OTP step, any other
    // (permission-denied: a read-only key) is not the cashier's to fix here.
    throw problemError(rewardEndpoints.redeem, params, answer)
  }
  if (answer.status === 422) return { outcome: 'refused', problem: answer.data }
  return {
    outcome: 'redeemed',
    coupon: {
      code: answer.data.coupon_code,
      validUntil: answer.data.valid_until,
      newBalance: answer.data.new_balance,
    },
  }
}

/** A settled redeem as the till's journal names it (null while still unknown). */
function journalSettlement(settled: CheckOutcome): SettledEntry | null {
  switch (settled.outcome) {
    case 'confirmed':
      return { outcome: 'redeemed', coupon_code: settled.coupon.code }
    case 'not-spent':
      return { outcome: 'not-spent' }
    case 'unknown':
      return null
  }
}

export interface RedeemInput {
  customer: OtpCustomer
  rewardId: string
}

/** Redeems once (see {@link spendOnce}: at most two POSTs, never re-sent). */
export async function redeemReward(
  { customer, rewardId }: RedeemInput,
  requestOtp: (customer: OtpCustomer) => Promise<string | null>,
): Promise<RedeemOutcome> {
  const outcome = await spendOnce({
    send: (otpSession) => sendRedeem(customer.id, rewardId, otpSession),
    otpSession: getOtpSession(customer.id)?.token,
    verify: () => requestOtp(customer),
    settle: (sentAt, requestId) => checkRedeem(customer.id, rewardId, sentAt, requestId),
    journal: journalSettlement,
  })
  // The dialog shows Zupy's second refusal as the error it is.
  if (outcome.outcome === 'otp-refused') throw outcome.error
  return outcome
}

function useInvalidateAfterRedeem() {
  const queryClient = useQueryClient()
  return () =>
    Promise.all([
      // Owned by the customers feature (customerKeys.all): header balance and search results.
      queryClient.invalidateQueries({ queryKey: ['customers'] }),
      queryClient.invalidateQueries({ queryKey: rewardKeys.all }),
      // Owned by the coupons feature (couponKeys.all): the new coupon joins the Active list.
      queryClient.invalidateQueries({ queryKey: ['coupons'] }),
    ])
}

/** Redeem, with the OTP step when Zupy asks for it. Never retried (it spends points). */
export function useRedeemReward() {
  const { requestOtp } = useOtpGate()
  const invalidate = useInvalidateAfterRedeem()
  return useMutation({
    mutationFn: (input: RedeemInput) => redeemReward(input, requestOtp),
    retry: 0,
    onSuccess: (result) => (result.outcome === 'otp-cancelled' ? undefined : invalidate()),
  })
}

/**
 * "Check again" after an unknown outcome: looks for the coupon (never re-sends the redeem) and,
 * once that settles it, tells the journal under the lost attempt's request id, as
 * {@link redeemReward} does.
 */
export function checkRedeemAgain(
  customerId: string,
  rewardId: string,
  { startedAt, requestId }: UnknownRedeem,
): Promise<CheckOutcome> {
  return settleAgain(requestId, {
    settle: () => checkRedeem(customerId, rewardId, startedAt, requestId),
    journal: journalSettlement,
  })
}

/** "Check again" after an unknown outcome: a read only, so the cashier may press it freely. */
export function useCheckRedeem() {
  const invalidate = useInvalidateAfterRedeem()
  return useMutation({
    mutationFn: ({
      customerId,
      rewardId,
      unknown,
    }: {
      customerId: string
      rewardId: string
      unknown: UnknownRedeem
    }) => checkRedeemAgain(customerId, rewardId, unknown),
    retry: 0,
    onSuccess: (result) => (result.outcome === 'confirmed' ? invalidate() : undefined),
  })
}
