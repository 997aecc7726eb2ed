import { ApiError, isUnknownOutcome } from './api-client'
import { reportSettlement, type SettledEntry } from './journal-settlement'

/**
 * Spend-once: the one flow behind every POST that spends a coupon use or points (validate,
 * redeem). ADR 009 names the outcomes; they are spelled like Zupy's problem slugs (kebab-case):
 *
 * - the feature's own answers, classified by its `send`: `validated` / `redeemed` (spent),
 *   `already-used`, `expired`, `cancelled` (a 409, told apart by re-reading the coupon),
 *   `not-found` (404), `refused` (422: Zupy said no, with its reasons);
 * - `otp-cancelled`: Zupy asked for an OTP and the cashier closed the step; nothing was spent;
 * - `otp-refused`: Zupy asked again right after the customer verified; nothing was spent;
 * - after an unknown outcome (no answer, a 5xx, a timeout after sending), settled by reading:
 *   `confirmed` (it was spent), `not-spent` (nothing changed: a deliberate retry is safe),
 *   `unknown` (the read failed too).
 */
export type OtpCancelled = { outcome: 'otp-cancelled' }
/** `error` is Zupy's second `otp-required` refusal, for a flow that shows it as an error. */
export type OtpRefused = { outcome: 'otp-refused'; error: ApiError }

/** How a re-read settled an unknown outcome; `after` is what the read found. */
export type Settlement<After> =
  | { outcome: 'confirmed'; after: After }
  | { outcome: 'not-spent'; after: After }
  | { outcome: 'unknown' }

export interface SpendOnceSteps<Answer, Settled> {
  /**
   * Sends the POST once and classifies its answer. Anything that is not an answer throws the
   * `ApiError` from `request` (a 403 `otp-required` and unknown outcomes are handled here).
   */
  send: (otpSession: string | undefined) => Promise<Answer>
  /** The customer's stored OTP session, sent with the first attempt. */
  otpSession: string | undefined
  /** The OTP step: the new session token, or null when the cashier cancels. */
  verify: () => Promise<string | null>
  /**
   * Settles an unknown outcome by reading (never by sending); `sentAt` is when the POST left.
   * `requestId` is the lost attempt's (undefined when no answer reached us): an outcome that stays
   * unknown keeps it, so a later "Check again" can report under it (see {@link settleAgain}).
   */
  settle: (sentAt: number, requestId: string | undefined) => Promise<Settled>
  /**
   * How a settled outcome reads in the till's journal (`validated` / `redeemed` / `not-spent`),
   * or null while it is still unknown. With it, a settlement is reported to the BFF under the
   * lost attempt's request id (see {@link reportSettlement}).
   */
  journal?: (settled: Settled) => SettledEntry | null
}

/** An attempt whose outcome nobody knows; `error` carries the BFF's request id when it answered. */
class Unknown {
  constructor(readonly error: ApiError) {}
}

async function attempt<Answer>(
  send: (otpSession: string | undefined) => Promise<Answer>,
  otpSession: string | undefined,
): Promise<Answer | Unknown | ApiError> {
  try {
    return await send(otpSession)
  } catch (error) {
    if (error instanceof ApiError && error.status === 403 && error.slug === 'otp-required') {
      return error
    }
    if (error instanceof ApiError && isUnknownOutcome(error)) return new Unknown(error)
    throw error
  }
}

/**
 * One cashier action: at most two POSTs, the first and one more only after the customer verified
 * an OTP. Never retried automatically; an unknown outcome is settled by `settle`, never re-sent.
 */
export async function spendOnce<Answer, Settled>(
  steps: SpendOnceSteps<Answer, Settled>,
): Promise<Answer | Settled | OtpCancelled | OtpRefused> {
  let sentAt = Date.now()
  let result = await attempt(steps.send, steps.otpSession)
  if (result instanceof ApiError) {
    const token = await steps.verify()
    if (token === null) return { outcome: 'otp-cancelled' }
    sentAt = Date.now()
    result = await attempt(steps.send, token)
    // A second refusal right after verifying is not something another code would fix.
    if (result instanceof ApiError) return { outcome: 'otp-refused', error: result }
  }
  if (result instanceof Unknown) {
    const { requestId } = result.error
    const settled = await steps.settle(sentAt, requestId)
    report(requestId, steps.journal?.(settled) ?? null)
    return settled
  }
  return result
}

/**
 * Reports a settled outcome to the journal. The BFF journalled the lost attempt as `unknown` under
 * `requestId` (its 502/504 problems carry it); with no id (no answer reached us at all) there is
 * nothing to point at, and a null entry is an outcome still unknown.
 */
function report(requestId: string | undefined, entry: SettledEntry | null): void {
  if (requestId !== undefined && entry !== null) reportSettlement(requestId, entry)
}

/**
 * "Check again" after an unknown outcome the first re-read could not settle: reads once more
 * (never sends) and, when that settles it, reports it under the lost attempt's `requestId`, which
 * the unknown outcome kept. Still unknown: nothing is reported, and `settle` keeps the id in the
 * outcome for the next check. A settled outcome offers no further check, so it is reported once.
 */
export async function settleAgain<Settled>(
  requestId: string | undefined,
  steps: {
    settle: () => Promise<Settled>
    journal: (settled: Settled) => SettledEntry | null
  },
): Promise<Settled> {
  const settled = await steps.settle()
  report(requestId, steps.journal(settled))
  return settled
}

/**
 * Settles an unknown outcome by reading: `spent(after)` says whether the read shows the spend
 * (true), shows nothing changed (false), or proves nothing either way (null). A failed read is
 * `unknown`: nobody knows yet, and the cashier may check again.
 */
export async function settleByReading<After>(
  read: () => Promise<After>,
  spent: (after: After) => boolean | null,
): Promise<Settlement<After>> {
  let after: After
  try {
    after = await read()
  } catch {
    return { outcome: 'unknown' }
  }
  const shows = spent(after)
  if (shows === null) return { outcome: 'unknown' }
  return shows ? { outcome: 'confirmed', after } : { outcome: 'not-spent', after }
}
