import { z } from 'zod'

/** `POST /auth/request-otp/` body: phone in E.164, e-mail or CPF (api-notes §3.2). */
export const OtpRequestBodySchema = z.strictObject({ identifier: z.string().min(3).max(254) })
export type OtpRequestBody = z.infer<typeof OtpRequestBodySchema>

export const OtpRequestResponseSchema = z.object({
  status: z.string(),
  channel: z.string(),
  expires_in: z.number().int(),
})
export type OtpRequestResponse = z.infer<typeof OtpRequestResponseSchema>

export const OtpVerifyBodySchema = z.strictObject({
  identifier: z.string().min(3).max(254),
  otp_code: z.string().regex(/^\d{6}$/),
})
export type OtpVerifyBody = z.infer<typeof OtpVerifyBodySchema>

export const OtpVerifyResponseSchema = z.object({
  customer_id: z.string(),
  is_new: z.boolean(),
  otp_session: z.string(),
  full_name: z.string(),
  points_balance: z.number().int(),
  tier: z.string().nullable(),
})
export type OtpVerifyResponse = z.infer<typeof OtpVerifyResponseSchema>

/** What the BFF accepts as an `X-OTP-Session` value before forwarding it. */
export const OTP_SESSION_PATTERN = /^[A-Za-z0-9._~+/=-]{8,256}$/
