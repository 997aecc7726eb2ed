import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query'
import { useCallback, useRef } from 'react'
import type { Coupon } from '../../../contract/coupons'
import { getOtpSession, useOtpGate } from '../otp'
import { couponByCodeQueryOptions, couponKeys, couponOwnerQueryOptions } from './api'
import { checkCouponUseAgain, validateCoupon, type UnknownUse, type ValidateDeps } from './validate'
import { applyValidation } from './verdict'

/** A fresh read (retried on transient failures like any query) that also refreshes the cache. */
function readCouponNow(queryClient: QueryClient) {
  return (code: string) => queryClient.query({ ...couponByCodeQueryOptions(code), staleTime: 0 })
}

/** The customer coupon lists; the by-code entry is kept current by the mutations themselves. */
function invalidateLists(queryClient: QueryClient) {
  return queryClient.invalidateQueries({ queryKey: [...couponKeys.all, 'customer'] })
}

// Validate spends a coupon: never paused offline and replayed later, never retried, and one
// at a time per till (reliability.md §5).
const spendOptions = { retry: 0, networkMode: 'always', scope: { id: 'coupon-validate' } } as const

/** "Use coupon": a typed {@link ValidateOutcome}; lists are refreshed whatever happened. */
export function useValidateCoupon() {
  const queryClient = useQueryClient()
  const { requestOtp } = useOtpGate()
  return useMutation({
    ...spendOptions,
    mutationFn: (coupon: Coupon) => {
      const deps: ValidateDeps = {
        otpSession: (customerId) => getOtpSession(customerId)?.token ?? null,
        requestOtp,
        loadOwner: (customerId) => queryClient.query(couponOwnerQueryOptions(customerId)),
        readCoupon: readCouponNow(queryClient),
      }
      return validateCoupon(coupon, deps)
    },
    onSuccess: (outcome, coupon) => {
      // The other outcomes re-read the coupon, which already refreshed its cache entry.
      if (outcome.outcome === 'validated') {
        queryClient.setQueryData(
          couponKeys.byCode(coupon.coupon_code),
          applyValidation(coupon, outcome.result),
        )
      }
    },
    onSettled: () => invalidateLists(queryClient),
  })
}

/**
 * "Check again" after an unknown outcome: reads the coupon, sends nothing to Zupy; once settled,
 * the journal hears of it under the lost attempt's request id.
 */
export function useCheckCouponUse() {
  const queryClient = useQueryClient()
  return useMutation({
    networkMode: 'always',
    mutationFn: (unknown: UnknownUse) => checkCouponUseAgain(unknown, readCouponNow(queryClient)),
    onSettled: () => invalidateLists(queryClient),
  })
}

/**
 * Runs one action at a time. The flag is set synchronously on the first tap: React Query reports
 * "pending" a tick later, and a till must send one POST however fast the cashier taps.
 */
export function useSingleFlight() {
  const inFlight = useRef(false)
  return useCallback((start: (done: () => void) => void) => {
    if (inFlight.current) return
    inFlight.current = true
    start(() => {
      inFlight.current = false
    })
  }, [])
}
