import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import type { Coupon } from '../../../contract/coupons'
import { endpointPath } from '../../../contract/endpoint'
import type { Page } from '../../../contract/envelope'
import { couponEndpoints } from '../../../contract/endpoints/coupons'
import { rewardEndpoints } from '../../../contract/endpoints/rewards'
import { isProblem, type Problem } from '../../../contract/problem-body'
import type { Reward } from '../../../contract/rewards'
import { ApiError, call, isUnknownOutcome } from '../../lib/api-client'
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
 * Every way a redeem can end for the cashier. `confirmed` marks a coupon found by looking after
 * the answer was lost; `not-redeemed` means we looked and found none; `unknown` means we could not
 * even look.
 */
export type RedeemOutcome =
  | { outcome: 'redeemed'; coupon: RedeemedCoupon; confirmed: boolean }
  | { outcome: 'rejected'; problem: Problem }
  | { outcome: 'not-redeemed' }
  | { outcome: 'unknown'; startedAt: number }
  | { outcome: 'otp-cancelled' }

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

/** Looks for the coupon a lost redeem may have created; never re-sends the redeem. */
export async function checkRedeem(
  customerId: string,
  rewardId: string,
  startedAt: number,
): Promise<RedeemOutcome> {
  try {
    const coupon = await findRedeemedCoupon(customerId, rewardId, startedAt)
    return coupon
      ? {
          outcome: 'redeemed',
          confirmed: true,
          coupon: { code: coupon.coupon_code, validUntil: coupon.valid_until, newBalance: null },
        }
      : { outcome: 'not-redeemed' }
  } catch (error) {
    if (error instanceof ApiError) return { outcome: 'unknown', startedAt }
    throw error
  }
}

type Attempt = RedeemOutcome | { outcome: 'otp-required'; error: ApiError }

async function attemptRedeem(
  customerId: string,
  rewardId: string,
  otpSession: string | undefined,
): Promise<Attempt> {
  const startedAt = Date.now()
  try {
    const params = { id: customerId, rewardId }
    const answer = await call(rewardEndpoints.redeem, { params, body: {}, otpSession })
    if (answer.status === 403) {
      const error = new ApiError({
        kind: 'http',
        method: 'POST',
        path: endpointPath(rewardEndpoints.redeem, params),
        status: 403,
        problem: answer.data,
      })
      if (isProblem(answer.data, 'otp-required')) return { outcome: 'otp-required', error }
      // permission-denied (a read-only key) is not the cashier's to fix here.
      throw error
    }
    if (answer.status === 422) return { outcome: 'rejected', problem: answer.data }
    return {
      outcome: 'redeemed',
      confirmed: false,
      coupon: {
        code: answer.data.coupon_code,
        validUntil: answer.data.valid_until,
        newBalance: answer.data.new_balance,
      },
    }
  } catch (error) {
    if (isUnknownOutcome(error)) return checkRedeem(customerId, rewardId, startedAt)
    throw error
  }
}

export interface RedeemInput {
  customer: OtpCustomer
  rewardId: string
}

/**
 * One cashier action = at most one redeem POST, plus exactly one more after the customer proves
 * who they are when Zupy asks for OTP. Nothing else is ever re-sent.
 */
export async function redeemReward(
  { customer, rewardId }: RedeemInput,
  requestOtp: (customer: OtpCustomer) => Promise<string | null>,
): Promise<RedeemOutcome> {
  const first = await attemptRedeem(customer.id, rewardId, getOtpSession(customer.id)?.token)
  if (first.outcome !== 'otp-required') return first
  const token = await requestOtp(customer)
  if (token === null) return { outcome: 'otp-cancelled' }
  const second = await attemptRedeem(customer.id, rewardId, token)
  // A second refusal right after verifying is not something another code would fix.
  if (second.outcome === 'otp-required') throw second.error
  return second
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

/** "Check again" after an unknown outcome: a read only, so the cashier may press it freely. */
export function useCheckRedeem() {
  const invalidate = useInvalidateAfterRedeem()
  return useMutation({
    mutationFn: ({
      customerId,
      rewardId,
      startedAt,
    }: {
      customerId: string
      rewardId: string
      startedAt: number
    }) => checkRedeem(customerId, rewardId, startedAt),
    retry: 0,
    onSuccess: (result) => (result.outcome === 'redeemed' ? invalidate() : undefined),
  })
}
