import { useMutation } from '@tanstack/react-query'
import { otpEndpoints } from '../../../contract/endpoints/otp'
import type { OtpRequestResponse, OtpVerifyResponse } from '../../../contract/otp'
import { call } from '../../lib/api-client'
import { assertNever } from '../../lib/assert-never'

/** `POST /auth/request-otp/`: Zupy sends a 6-digit code (WhatsApp first, e-mail as fallback). */
export async function sendOtp(identifier: string): Promise<OtpRequestResponse> {
  const answer = await call(otpEndpoints.request, { body: { identifier } })
  return answer.data
}

/**
 * What verify-otp can answer (api-notes §3.3). A 401 means wrong *or* expired code; only the
 * caller knows whether its countdown has run out, so it is returned as such.
 */
export type VerifyOtpOutcome =
  | { outcome: 'verified'; session: OtpVerifyResponse }
  | { outcome: 'rejected' }
  | { outcome: 'no-code' }
  | { outcome: 'too-many' }

export async function verifyOtp(identifier: string, code: string): Promise<VerifyOtpOutcome> {
  const answer = await call(otpEndpoints.verify, { body: { identifier, otp_code: code } })
  switch (answer.status) {
    case 200:
      return { outcome: 'verified', session: answer.data }
    case 401:
      return { outcome: 'rejected' }
    case 404:
      return { outcome: 'no-code' }
    case 429:
      return { outcome: 'too-many' }
    default:
      return assertNever(answer)
  }
}

// Neither call spends anything, but a resend is the cashier's decision: no automatic retries.
export function useSendOtp() {
  return useMutation({ mutationFn: sendOtp, retry: 0 })
}

export function useVerifyOtp() {
  return useMutation({
    mutationFn: ({ identifier, code }: { identifier: string; code: string }) =>
      verifyOtp(identifier, code),
    retry: 0,
  })
}
