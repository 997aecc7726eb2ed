import type { Coupon, ValidateResponse } from '../../../contract/coupons'
import { endpointPath } from '../../../contract/endpoint'
import { couponEndpoints } from '../../../contract/endpoints/coupons'
import { isProblem } from '../../../contract/problem-body'
import { ApiError, call, isUnknownOutcome } from '../../lib/api-client'
import type { OtpCustomer } from '../otp'
import { showsNewUse } from './verdict'

/**
 * How an unknown outcome was settled by reading the coupon again: `confirmed` (the use was
 * recorded), `not_used` (nothing changed; a deliberate retry is safe) or `unresolved` (the read
 * failed too, so nobody knows yet).
 */
export type CheckResult =
  | { state: 'confirmed'; coupon: Coupon }
  | { state: 'not_used'; coupon: Coupon }
  | { state: 'unresolved' }

/** Every way a tap on "Use coupon" can end; the screen switches on `outcome`. */
export type ValidateOutcome =
  | { outcome: 'validated'; result: ValidateResponse }
  /** 409. `coupon` is the refreshed coupon (says used, expired or cancelled), null if that read failed. */
  | { outcome: 'already_used'; coupon: Coupon | null }
  /** The customer was not verified (`cancelled`) or Zupy refused the fresh session (`refused`). */
  | { outcome: 'otp_required'; reason: 'cancelled' | 'refused' }
  | { outcome: 'not_found' }
  /** No answer after sending (or a 5xx): never re-sent; `check` is what a re-read said. */
  | { outcome: 'unknown'; before: Coupon; check: CheckResult }

export interface ValidateDeps {
  /** The customer's stored OTP session, if any, sent with the first attempt. */
  otpSession: (customerId: string) => string | null
  /** Opens the OTP step; the new session token, or null when the cashier cancels. */
  requestOtp: (customer: OtpCustomer) => Promise<string | null>
  /** The coupon's owner, for the OTP step (name, phone, e-mail). */
  loadOwner: (customerId: string) => Promise<OtpCustomer>
  /** Reads the coupon by code from Zupy now (not from a cache). */
  readCoupon: (code: string) => Promise<Coupon | null>
}

type Attempt =
  | { kind: 'validated'; result: ValidateResponse }
  | { kind: 'conflict' }
  | { kind: 'not_found' }
  | { kind: 'otp_required' }
  | { kind: 'unknown' }

/** One validate POST. Definite refusals (400, 401, 429…) throw: the coupon was not used. */
async function attemptValidate(
  customerId: string,
  code: string,
  otpSession: string | null,
): Promise<Attempt> {
  const params = { id: customerId, couponRef: code }
  let answer
  try {
    answer = await call(couponEndpoints.validate, {
      params,
      otpSession: otpSession ?? undefined,
    })
  } catch (error) {
    if (isUnknownOutcome(error)) return { kind: 'unknown' }
    throw error
  }
  switch (answer.status) {
    case 200:
      return { kind: 'validated', result: answer.data }
    case 409:
      // Used, expired, cancelled or a lost race: Zupy's validate never applies twice (api-notes §8).
      return { kind: 'conflict' }
    case 404:
      return { kind: 'not_found' }
    case 403:
      if (isProblem(answer.data, 'otp-required')) return { kind: 'otp_required' }
      // permission-denied (a read-only key) is not the cashier's to fix here.
      throw new ApiError({
        kind: 'http',
        method: 'POST',
        path: endpointPath(couponEndpoints.validate, params),
        status: 403,
        problem: answer.data,
      })
  }
}

/** Re-reads the coupon and compares it with what the till saw before the tap. */
export async function checkCouponUse(
  before: Coupon,
  readCoupon: ValidateDeps['readCoupon'],
): Promise<CheckResult> {
  let after: Coupon | null
  try {
    after = await readCoupon(before.coupon_code)
  } catch {
    return { state: 'unresolved' }
  }
  // A coupon that vanished from the lookup proves nothing either way.
  if (after === null) return { state: 'unresolved' }
  return showsNewUse(before, after)
    ? { state: 'confirmed', coupon: after }
    : { state: 'not_used', coupon: after }
}

/**
 * Uses `coupon` once. At most two POSTs: the first, and one more only after the customer
 * verified an OTP. An unknown outcome is settled by reading, never by sending again.
 */
export async function validateCoupon(coupon: Coupon, deps: ValidateDeps): Promise<ValidateOutcome> {
  const customerId = coupon.customer_id
  const code = coupon.coupon_code
  let attempt = await attemptValidate(customerId, code, deps.otpSession(customerId))

  if (attempt.kind === 'otp_required') {
    const owner = await deps.loadOwner(customerId)
    const token = await deps.requestOtp(owner)
    if (token === null) return { outcome: 'otp_required', reason: 'cancelled' }
    attempt = await attemptValidate(customerId, code, token)
    if (attempt.kind === 'otp_required') return { outcome: 'otp_required', reason: 'refused' }
  }

  switch (attempt.kind) {
    case 'validated':
      return { outcome: 'validated', result: attempt.result }
    case 'conflict': {
      const refreshed = await deps.readCoupon(code).catch(() => null)
      return { outcome: 'already_used', coupon: refreshed }
    }
    case 'not_found':
      return { outcome: 'not_found' }
    case 'unknown':
      return {
        outcome: 'unknown',
        before: coupon,
        check: await checkCouponUse(coupon, deps.readCoupon),
      }
  }
}
