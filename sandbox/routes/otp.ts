import { randomBytes, randomInt } from 'node:crypto'
import type { FieldError } from '../../contract/problem'
import type { OtpPolicy } from '../config'
import type { SandboxContext, SandboxHonoContext } from '../context'
import type { CustomerRow } from '../db'
import { MINUTE_MS, SECOND_MS, digitsOf, newCardNumber, newId } from '../ids'
import {
  REQUIRED_FIELD,
  fail,
  problem,
  malformedJsonProblem,
  validationProblem,
  type ProblemOutcome,
} from '../problems'
import { sendOne } from '../responses'
import { pointsBalanceOf } from '../serializers'
import type { OtpRecord } from '../state'
import { otpEndpoints } from '../../contract/endpoints/otp'
import { isPlainObject, readJsonBody, served, type ApiRoute } from './route'

export const OTP_TTL_SECONDS = 300
export const OTP_SESSION_TTL_MS = 30 * MINUTE_MS
/** Sends allowed per identifier per window before request-otp answers 429. */
export const OTP_SENDS_PER_WINDOW = 5
export const OTP_SEND_WINDOW_MS = 10 * MINUTE_MS
/** The wrong guess that burns the code (undocumented by Zupy; see api-notes §13.7). */
export const OTP_MAX_WRONG_ATTEMPTS = 5

export type OtpAction = 'redemption' | 'coupon_usage'

/** The presets of api-notes §3.1 (enrollment is not served by the sandbox). */
const POLICY_REQUIRES: Record<OtpPolicy, ReadonlySet<OtpAction>> = {
  strict: new Set(['redemption', 'coupon_usage']),
  relaxed: new Set(['redemption', 'coupon_usage']),
  trusted: new Set(),
}

/**
 * The 403 for a missing, expired or foreign `X-OTP-Session`, or null when the action may go on.
 * A session is bound to the customer who verified: Zupy does not say, and binding is the safe guess.
 */
export function checkOtpSession(
  ctx: SandboxContext,
  c: SandboxHonoContext,
  customerId: string,
  action: OtpAction,
): ProblemOutcome | null {
  if (!POLICY_REQUIRES[ctx.state.settings.otpPolicy].has(action)) return null
  const token = c.req.header('x-otp-session')?.trim()
  const session = token ? ctx.state.sessions.get(token) : undefined
  if (session && session.expiresAt > ctx.now() && session.customerId === customerId) return null
  return fail(403, 'otp-required', 'OTP verification required')
}

export type Identifier =
  { kind: 'phone'; key: string } | { kind: 'email'; key: string } | { kind: 'cpf'; key: string }

/** Phone in E.164 (separators tolerated), e-mail, or CPF with or without its dots and dash. */
export function parseIdentifier(raw: string): Identifier | null {
  const value = raw.trim()
  if (value.startsWith('+')) {
    const phone = `+${digitsOf(value)}`
    return /^\+[1-9]\d{7,14}$/.test(phone) && /^\+[\d\s().-]+$/.test(value)
      ? { kind: 'phone', key: phone }
      : null
  }
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) return { kind: 'email', key: value.toLowerCase() }
  if (/^\d{3}\.?\d{3}\.?\d{3}-?\d{2}$/.test(value)) return { kind: 'cpf', key: digitsOf(value) }
  return null
}

const IDENTIFIER_HINT = 'Informe um telefone no formato E.164 (+5511...), um e-mail ou um CPF.'

function findCustomer(ctx: SandboxContext, id: Identifier): CustomerRow | undefined {
  switch (id.kind) {
    case 'phone':
      return ctx.db.customers.byPhone(id.key)
    case 'email':
      return ctx.db.customers.byEmail(id.key)
    case 'cpf':
      return ctx.db.customers.byCpf(id.key)
  }
}

/** The latest code for an identifier that can still be verified, for `GET /_sandbox/otp`. */
export function liveOtp(ctx: SandboxContext, identifier: Identifier): OtpRecord | undefined {
  const record = ctx.state.otps.get(identifier.key)
  return record && !record.burned && record.expiresAt > ctx.now() ? record : undefined
}

function missingFields(body: Record<string, unknown>, fields: readonly string[]): FieldError[] {
  return fields
    .filter((field) => {
      const value = body[field]
      return typeof value !== 'string' || value.trim() === ''
    })
    .map((field) => ({ field, detail: REQUIRED_FIELD }))
}

/** verify-otp answers 400 for a bad body although `validation-error` is 422 elsewhere (§3.3). */
async function readOtpBody(
  c: SandboxHonoContext,
  fields: readonly string[],
): Promise<Record<string, string> | Response> {
  const body = await readJsonBody(c)
  if (body.kind === 'invalid') {
    return malformedJsonProblem(c, body.message)
  }
  const value = body.kind === 'json' ? body.value : {}
  if (!isPlainObject(value)) {
    return validationProblem(
      c,
      [{ field: 'body', detail: 'Envie um objeto JSON.' }],
      undefined,
      400,
    )
  }
  const missing = missingFields(value, fields)
  if (missing.length > 0) return validationProblem(c, missing, undefined, 400)
  return Object.fromEntries(fields.map((field) => [field, String(value[field]).trim()]))
}

export function otpRoutes(ctx: SandboxContext): ApiRoute[] {
  return [
    served(otpEndpoints.request, async (c) => {
      const body = await readOtpBody(c, ['identifier'])
      if (body instanceof Response) return body
      const identifier = parseIdentifier(body.identifier ?? '')
      if (!identifier) {
        return validationProblem(
          c,
          [{ field: 'identifier', detail: IDENTIFIER_HINT }],
          undefined,
          400,
        )
      }
      let channel: OtpRecord['channel'] = identifier.kind === 'email' ? 'email' : 'whatsapp'
      if (identifier.kind === 'cpf') {
        // A CPF is only a lookup key: the code goes to that customer's phone (or e-mail).
        const customer = findCustomer(ctx, identifier)
        if (!customer) {
          const detail = 'CPF não cadastrado; use o telefone ou o e-mail do cliente.'
          return validationProblem(c, [{ field: 'identifier', detail }], undefined, 400)
        }
        channel = customer.phone ? 'whatsapp' : 'email'
      }

      const now = ctx.now()
      const recent = (ctx.state.otpRequests.get(identifier.key) ?? []).filter(
        (at) => at > now - OTP_SEND_WINDOW_MS,
      )
      if (recent.length >= OTP_SENDS_PER_WINDOW) {
        const oldest = recent[0] ?? now
        const wait = Math.max(1, Math.ceil((oldest + OTP_SEND_WINDOW_MS - now) / SECOND_MS))
        c.header('Retry-After', String(wait))
        return problem(
          c,
          429,
          'rate-limit-exceeded',
          `Too many requests. Please retry after ${wait} seconds.`,
        )
      }
      recent.push(now)
      ctx.state.otpRequests.set(identifier.key, recent)

      // A new request replaces the previous code (and its wrong-attempt count).
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0')
      ctx.state.otps.set(identifier.key, {
        identifier: identifier.key,
        code,
        channel,
        expiresAt: now + OTP_TTL_SECONDS * SECOND_MS,
        wrongAttempts: 0,
        burned: false,
      })
      ctx.log(`[sandbox] OTP for ${identifier.key} (${channel}): ${code}`)
      return sendOne(c, ctx, { status: 'sent', channel, expires_in: OTP_TTL_SECONDS })
    }),
    served(otpEndpoints.verify, async (c) => {
      const body = await readOtpBody(c, ['identifier', 'otp_code'])
      if (body instanceof Response) return body
      const identifier = parseIdentifier(body.identifier ?? '')
      const errors: FieldError[] = []
      if (!identifier) errors.push({ field: 'identifier', detail: IDENTIFIER_HINT })
      if (!/^\d{6}$/.test(body.otp_code ?? '')) {
        errors.push({ field: 'otp_code', detail: 'O código tem 6 dígitos.' })
      }
      if (!identifier || errors.length > 0) return validationProblem(c, errors, undefined, 400)

      const record = ctx.state.otps.get(identifier.key)
      if (!record) {
        return problem(c, 404, 'not-found', 'Nenhum código foi solicitado para este identificador.')
      }
      if (record.burned) {
        return problem(
          c,
          429,
          'rate-limit-exceeded',
          'Muitas tentativas inválidas. Solicite um novo código.',
        )
      }
      const now = ctx.now()
      if (record.expiresAt <= now) {
        return problem(
          c,
          401,
          'authentication-required',
          'Código expirado. Solicite um novo código.',
        )
      }
      if (record.code !== body.otp_code) {
        record.wrongAttempts += 1
        if (record.wrongAttempts >= OTP_MAX_WRONG_ATTEMPTS) {
          record.burned = true
          return problem(
            c,
            429,
            'rate-limit-exceeded',
            'Muitas tentativas inválidas. Solicite um novo código.',
          )
        }
        return problem(c, 401, 'authentication-required', 'Código inválido.')
      }

      ctx.state.otps.delete(identifier.key)
      const found = findCustomer(ctx, identifier)
      const customer = found ?? createCustomer(ctx, identifier, now)
      ctx.db.customers.markVerified(
        customer.id,
        identifier.kind === 'email' ? 'email' : 'phone',
        now,
      )
      const token = `zs_${randomBytes(24).toString('base64url')}`
      ctx.state.sessions.set(token, {
        customerId: customer.id,
        expiresAt: now + OTP_SESSION_TTL_MS,
      })
      return sendOne(c, ctx, {
        customer_id: customer.id,
        is_new: found === undefined,
        otp_session: token,
        full_name: customer.full_name,
        points_balance: pointsBalanceOf(customer),
        tier: customer.tier,
      })
    }),
  ]
}

/** verify-otp enrols an unknown identifier (`is_new: true`, §3.3). */
function createCustomer(ctx: SandboxContext, identifier: Identifier, now: number): CustomerRow {
  const row: CustomerRow = {
    id: newId(),
    full_name: 'Cliente Zupy',
    email: identifier.kind === 'email' ? identifier.key : null,
    is_email_verified: identifier.kind === 'email' ? 1 : 0,
    phone: identifier.kind === 'phone' ? identifier.key : null,
    is_phone_verified: identifier.kind === 'phone' ? 1 : 0,
    cpf: identifier.kind === 'cpf' ? identifier.key : null,
    birth_date: null,
    points_earned: 0,
    points_spent: 0,
    tier: 'default',
    card_number: newCardNumber(),
    rfm_segment: 'new',
    zupy_balance: '0.00',
    join_date: now,
    last_activity_date: now,
    is_active: 1,
    created_at: now,
    updated_at: now,
  }
  ctx.db.write(() => {
    ctx.db.customers.insert(row)
  })
  return row
}
