import type { Coupon, ValidateResponse } from '../../../contract/coupons'
import { couponEndpoints } from '../../../contract/endpoints/coupons'
import { call, problemError } from '../../lib/api-client'
import type { SettledEntry } from '../../lib/journal-settlement'
import {
  settleAgain,
  settleByReading,
  spendOnce,
  type OtpCancelled,
  type OtpRefused,
} from '../../lib/spend-once'
import type { OtpCustomer } from '../otp'
import { couponState, showsNewUse } from './verdict'

/**
 * Still unknown: `before` is the coupon as the till saw it before the tap, `requestId` the lost
 * attempt's (none when no answer reached us), kept for the journal until a check settles it.
 */
export type UnknownUse = { outcome: 'unknown'; before: Coupon; requestId?: string }

/** How "Check again" (or the flow itself) settled an unknown outcome by reading the coupon. */
export type CheckResult =
  { outcome: 'confirmed'; coupon: Coupon } | { outcome: 'not-spent'; coupon: Coupon } | UnknownUse

/** A 409: never "active". `coupon` is the refreshed coupon, null when that read failed. */
export type ConflictOutcome =
  | { outcome: 'already-used'; coupon: Coupon | null }
  | { outcome: 'expired' | 'cancelled'; coupon: Coupon }

/** Every way a tap on "Use coupon" can end, in the spend-once vocabulary (ADR 009). */
export type ValidateOutcome =
  | { outcome: 'validated'; result: ValidateResponse }
  | ConflictOutcome
  | { outcome: 'not-found' }
  | OtpCancelled
  | OtpRefused
  | CheckResult

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

/**
 * Which "no" a 409 was, from the coupon read again after it. Zupy's validate never applies twice
 * (api-notes §8); without the read it stays `already-used`, as the till always said.
 */
export function conflictOutcome(refreshed: Coupon | null, now: number): ConflictOutcome {
  const state = refreshed && couponState(refreshed, now)
  if (refreshed && (state === 'expired' || state === 'cancelled')) {
    return { outcome: state, coupon: refreshed }
  }
  return { outcome: 'already-used', coupon: refreshed }
}

/** One validate POST. Definite refusals (400, 401, 403, 429…) throw: the coupon was not used. */
async function sendValidate(
  coupon: Coupon,
  otpSession: string | undefined,
  readCoupon: ValidateDeps['readCoupon'],
): Promise<Exclude<ValidateOutcome, OtpCancelled | OtpRefused | CheckResult>> {
  const params = { id: coupon.customer_id, couponRef: coupon.coupon_code }
  const answer = await call(couponEndpoints.validate, { params, otpSession })
  switch (answer.status) {
    case 200:
      return { outcome: 'validated', result: answer.data }
    case 404:
      return { outcome: 'not-found' }
    case 409: {
      const refreshed = await readCoupon(coupon.coupon_code).catch(() => null)
      return conflictOutcome(refreshed, Date.now())
    }
    case 403:
      // spendOnce reads a 403 from the error: `otp-required` opens the OTP step, any other
      // (permission-denied: a read-only key) is not the cashier's to fix here.
      throw problemError(couponEndpoints.validate, params, answer)
  }
}

/**
 * Re-reads the coupon and compares it with what the till saw before the tap. Reports nothing: a
 * still unknown outcome keeps `requestId` for whoever reports once it settles.
 */
export async function checkCouponUse(
  before: Coupon,
  readCoupon: ValidateDeps['readCoupon'],
  requestId?: string,
): Promise<CheckResult> {
  const settled = await settleByReading(
    () => readCoupon(before.coupon_code),
    // A coupon that vanished from the lookup proves nothing either way.
    (after) => (after === null ? null : showsNewUse(before, after)),
  )
  if (settled.outcome === 'unknown' || settled.after === null) {
    return { outcome: 'unknown', before, requestId }
  }
  return { outcome: settled.outcome, coupon: settled.after }
}

/** A settled validate as the till's journal names it (null while still unknown). */
function journalSettlement(settled: CheckResult, code: string): SettledEntry | null {
  switch (settled.outcome) {
    case 'confirmed':
      return { outcome: 'validated', coupon_code: code }
    case 'not-spent':
      return { outcome: 'not-spent', coupon_code: code }
    case 'unknown':
      return null
  }
}

/** Uses `coupon` once (see {@link spendOnce}: at most two POSTs, never re-sent). */
export function validateCoupon(coupon: Coupon, deps: ValidateDeps): Promise<ValidateOutcome> {
  const customerId = coupon.customer_id
  return spendOnce({
    send: (otpSession) => sendValidate(coupon, otpSession, deps.readCoupon),
    otpSession: deps.otpSession(customerId) ?? undefined,
    verify: async () => deps.requestOtp(await deps.loadOwner(customerId)),
    settle: (_sentAt, requestId) => checkCouponUse(coupon, deps.readCoupon, requestId),
    journal: (settled) => journalSettlement(settled, coupon.coupon_code),
  })
}

/**
 * "Check again" after an unknown outcome: reads the coupon (sends nothing) and, once that settles
 * it, tells the journal under the lost attempt's request id, as {@link validateCoupon} does.
 */
export function checkCouponUseAgain(
  unknown: UnknownUse,
  readCoupon: ValidateDeps['readCoupon'],
): Promise<CheckResult> {
  const { before, requestId } = unknown
  return settleAgain(requestId, {
    settle: () => checkCouponUse(before, readCoupon, requestId),
    journal: (settled) => journalSettlement(settled, before.coupon_code),
  })
}
