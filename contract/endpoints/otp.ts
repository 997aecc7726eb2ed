import { endpoint, problem } from '../endpoint'
import { singleOf } from '../envelope'
import {
  OtpRequestBodySchema,
  OtpRequestResponseSchema,
  OtpVerifyBodySchema,
  OtpVerifyResponseSchema,
} from '../otp'

export const otpEndpoints = {
  /** `POST /auth/request-otp/`: Zupy sends the customer a 6-digit code (api-notes §3.2). */
  request: endpoint({
    name: 'otp.request',
    method: 'POST',
    path: '/api/v2/auth/request-otp/',
    params: {},
    query: {},
    body: { schema: OtpRequestBodySchema, optional: false, forward: true },
    values: { 200: singleOf(OtpRequestResponseSchema) },
    problems: {},
  }),
  /**
   * `POST /auth/verify-otp/` (api-notes §3.3): 401 is a wrong or expired code, 404 no code to
   * check, 429 too many attempts.
   */
  verify: endpoint({
    name: 'otp.verify',
    method: 'POST',
    path: '/api/v2/auth/verify-otp/',
    params: {},
    query: {},
    body: { schema: OtpVerifyBodySchema, optional: false, forward: true },
    values: { 200: singleOf(OtpVerifyResponseSchema) },
    problems: { 401: problem(), 404: problem(), 429: problem() },
  }),
}
