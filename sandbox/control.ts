import { Hono } from 'hono'
import { z } from 'zod'
import { COUPON_CODE_PATTERN } from '../contract/codes'
import { COUPON_STATUSES } from '../contract/coupons'
import type { FieldError } from '../contract/problem'
import { OTP_POLICIES, RESPONSE_SHAPES } from './config'
import type { SandboxContext, SandboxEnv, SandboxHonoContext } from './context'
import { FaultRuleInputSchema, createFaultRule, describeFaultRule } from './faults'
import { DAY_MS, isoUtc, newCouponCode, newId } from './ids'
import { problem, validationProblem } from './problems'
import { parseIdentifier, liveOtp } from './routes/otp'
import { readJsonBody } from './routes/route'
import { SEED, seedDatabase } from './seed'
import { couponInventory } from './serializers'

const SettingsSchema = z.strictObject({
  otp_policy: z.enum(OTP_POLICIES).optional(),
  shape: z.enum(RESPONSE_SHAPES).optional(),
  rate_limit_per_minute: z.number().int().min(1).nullable().optional(),
})

const CreateCouponSchema = z.strictObject({
  customer_id: z.string().min(1).default(SEED.customers.maria.id),
  reward_id: z.string().min(1).default(SEED.rewards.sobremesa.id),
  total_usages: z.number().int().min(1).max(1000).default(1),
  status: z.enum(COUPON_STATUSES).default('active'),
  valid_until: z.iso.datetime({ offset: true }).optional(),
  /** A fixed code (e.g. the one printed on a test QR); generated when absent. */
  coupon_code: z
    .string()
    .transform((code) => code.trim().toUpperCase())
    .pipe(z.string().regex(COUPON_CODE_PATTERN))
    .optional(),
})

function zodErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.join('.') : 'body',
    detail: issue.message,
  }))
}

/** Parses a JSON body with `schema` (an empty body counts as `{}`), or answers 400/422. */
async function parseBody<T extends z.ZodType>(
  c: SandboxHonoContext,
  schema: T,
): Promise<z.output<T> | Response> {
  const body = await readJsonBody(c)
  if (body.kind === 'invalid') {
    return validationProblem(
      c,
      [{ field: 'body', detail: body.message }],
      'Invalid JSON body.',
      400,
    )
  }
  const result = schema.safeParse(body.kind === 'json' ? body.value : {})
  return result.success ? result.data : validationProblem(c, zodErrors(result.error))
}

export function settingsView(ctx: SandboxContext) {
  const s = ctx.state.settings
  return { otp_policy: s.otpPolicy, shape: s.shape, rate_limit_per_minute: s.rateLimitPerMinute }
}

/** Puts the database and every in-memory knob back to the seed, relative to now. */
export function resetSandbox(ctx: SandboxContext): void {
  ctx.db.write(() => {
    ctx.db.clear()
  })
  seedDatabase(ctx.db, ctx.now())
  ctx.state.reset()
}

/**
 * `/_sandbox/*`: the sandbox's own control surface (no API key; never part of the Zupy surface).
 * Requests here are not written to the request log.
 */
export function createControlRoutes(ctx: SandboxContext): Hono<SandboxEnv> {
  const control = new Hono<SandboxEnv>()

  control.post('/reset', (c) => {
    resetSandbox(ctx)
    return c.json({ ok: true })
  })

  control.get('/requests', (c) => c.json({ requests: ctx.state.requests }))
  control.delete('/requests', (c) => {
    ctx.state.requests = []
    return c.json({ ok: true })
  })

  control.get('/otp', (c) => {
    const raw = c.req.query('identifier') ?? ''
    const identifier = parseIdentifier(raw)
    if (!identifier) {
      return validationProblem(c, [
        { field: 'identifier', detail: 'Phone (E.164), e-mail or CPF.' },
      ])
    }
    const record = liveOtp(ctx, identifier)
    if (!record) return problem(c, 404, 'not-found', `No live OTP for ${identifier.key}.`)
    return c.json({
      identifier: record.identifier,
      code: record.code,
      expires_at: isoUtc(record.expiresAt),
    })
  })

  control.get('/settings', (c) => c.json(settingsView(ctx)))
  control.put('/settings', async (c) => {
    const body = await parseBody(c, SettingsSchema)
    if (body instanceof Response) return body
    const s = ctx.state.settings
    if (body.otp_policy !== undefined) s.otpPolicy = body.otp_policy
    if (body.shape !== undefined) s.shape = body.shape
    if (body.rate_limit_per_minute !== undefined) s.rateLimitPerMinute = body.rate_limit_per_minute
    return c.json(settingsView(ctx))
  })

  control.post('/coupons', async (c) => {
    const body = await parseBody(c, CreateCouponSchema)
    if (body instanceof Response) return body
    const customer = ctx.db.customers.byId(body.customer_id)
    const reward = ctx.db.rewards.byId(body.reward_id)
    const errors: FieldError[] = []
    if (!customer) errors.push({ field: 'customer_id', detail: 'Unknown customer.' })
    if (!reward) errors.push({ field: 'reward_id', detail: 'Unknown reward.' })
    if (!customer || !reward) return validationProblem(c, errors)
    if (body.coupon_code !== undefined && ctx.db.coupons.codeExists(body.coupon_code)) {
      return problem(c, 409, 'conflict', `Coupon code ${body.coupon_code} already exists.`)
    }
    const now = ctx.now()
    const used = body.status === 'used'
    const id = newId()
    let code = body.coupon_code ?? newCouponCode()
    while (body.coupon_code === undefined && ctx.db.coupons.codeExists(code)) code = newCouponCode()
    ctx.db.write(() => {
      // Points are not deducted: this exists so tests get coupons without spending balance.
      ctx.db.coupons.insert({
        id,
        coupon_code: code,
        reward_id: reward.id,
        customer_id: customer.id,
        status: body.status,
        points_spent: reward.origin_type === 'marketing' ? 0 : reward.points_required,
        redemption_date: now,
        valid_until: body.valid_until ? Date.parse(body.valid_until) : now + 30 * DAY_MS,
        remaining_usages: used ? 0 : body.total_usages,
        total_usages_allowed: body.total_usages,
        usage_date: used ? now : null,
        origin_type: reward.origin_type,
        created_at: now,
      })
    })
    const created = ctx.db.coupons.byId(id)
    if (!created) return problem(c, 500, 'internal-error', 'Coupon vanished after insert.')
    return c.json(couponInventory(created), 201)
  })

  control.get('/faults', (c) => c.json({ faults: ctx.state.faults.map(describeFaultRule) }))
  control.post('/faults', async (c) => {
    const body = await parseBody(c, FaultRuleInputSchema)
    if (body instanceof Response) return body
    const rule = createFaultRule(body)
    if (typeof rule === 'string') return validationProblem(c, [{ field: 'path', detail: rule }])
    ctx.state.faults.push(rule)
    return c.json(describeFaultRule(rule), 201)
  })
  control.delete('/faults', (c) => {
    ctx.state.faults = []
    return c.json({ ok: true })
  })

  return control
}
