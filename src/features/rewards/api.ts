import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { CouponSchema, type Coupon } from '../../../contract/coupons'
import { listOf, singleOf } from '../../../contract/envelope'
import { ProblemBodySchema, type Problem } from '../../../contract/problem-body'
import { RedeemResponseSchema, RewardSchema, type Reward } from '../../../contract/rewards'
import { ApiError, getJson, isUnknownOutcome, request } from '../../lib/api-client'
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
    const params = new URLSearchParams({
      customer_id: customerId,
      page_size: String(CATALOG_PAGE_SIZE),
    })
    if (redeemable) params.set('redeemable', 'true')
    if (cursor !== null) params.set('cursor', cursor)
    const result = await getJson(`/api/v2/rewards/?${params.toString()}`, listOf(RewardSchema), {
      signal,
    })
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
  const params = new URLSearchParams({
    customer_id: customerId,
    reward_id: rewardId,
    page_size: '10',
  })
  const page = await getJson(`/api/v2/coupons/issued/?${params.toString()}`, listOf(CouponSchema))
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
    const answer = await request({
      path: `/api/v2/customers/${encodeURIComponent(customerId)}/rewards/${encodeURIComponent(rewardId)}/redeem/`,
      method: 'POST',
      body: {},
      otpSession,
      expect: { 200: singleOf(RedeemResponseSchema), 422: ProblemBodySchema },
    })
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
    if (error instanceof ApiError && error.status === 403 && error.slug === 'otp-required') {
      return { outcome: 'otp-required', error }
    }
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
