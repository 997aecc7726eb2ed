import { COUPON_STATUSES } from '../../contract/coupons'
import type { FieldError } from '../../contract/problem'
import type { SandboxContext, SandboxHonoContext } from '../context'
import type { CouponView } from '../db'
import { isoUtc } from '../ids'
import {
  REQUIRED_FIELD,
  fail,
  sendOutcome,
  malformedJsonProblem,
  validationProblem,
  type ProblemOutcome,
} from '../problems'
import { readPageRequest, sendOne, sendPage } from '../responses'
import { couponInventory, legacyCouponInventory, pointsBalanceOf } from '../serializers'
import { checkOtpSession } from './otp'
import { couponEndpoints } from '../../contract/endpoints/coupons'
import { isPlainObject, readJsonBody, served, type ApiRoute } from './route'

const ORIGIN_TYPES = ['loyalty_reward', 'marketing'] as const

/** The documented 409 details: "Cupom já " + the status in English, capitalised (§8). */
export function alreadyDetail(status: string): string {
  return `Cupom já ${status.charAt(0).toUpperCase()}${status.slice(1)}`
}

/**
 * Zupy lists coupons past `valid_until` as expired (§7.1); the sandbox persists that flip on
 * every read, so lists and validate always agree.
 */
function expireOverdue(ctx: SandboxContext): void {
  ctx.db.write(() => ctx.db.coupons.expireOverdue(ctx.now()))
}

interface CouponFilters {
  customerId?: string
  status?: string
  rewardId?: string
  originType?: string
  code?: string
}

function readFilters(
  c: SandboxHonoContext,
  names: readonly (keyof CouponFilters)[],
): CouponFilters | FieldError[] {
  const param: Record<keyof CouponFilters, string> = {
    customerId: 'customer_id',
    status: 'status',
    rewardId: 'reward_id',
    originType: 'origin_type',
    code: 'code',
  }
  const filters: CouponFilters = {}
  const errors: FieldError[] = []
  for (const name of names) {
    const value = c.req.query(param[name])?.trim()
    if (value === undefined || value === '') continue
    filters[name] = value
  }
  if (
    filters.status !== undefined &&
    !(COUPON_STATUSES as readonly string[]).includes(filters.status)
  ) {
    errors.push({
      field: 'status',
      detail: `Use um destes valores: ${COUPON_STATUSES.join(', ')}.`,
    })
  }
  if (
    filters.originType !== undefined &&
    !(ORIGIN_TYPES as readonly string[]).includes(filters.originType)
  ) {
    errors.push({
      field: 'origin_type',
      detail: `Use um destes valores: ${ORIGIN_TYPES.join(', ')}.`,
    })
  }
  return errors.length > 0 ? errors : filters
}

function applyFilters(rows: CouponView[], f: CouponFilters): CouponView[] {
  const code = f.code?.toUpperCase()
  return rows.filter(
    (row) =>
      (f.customerId === undefined || row.customer_id === f.customerId) &&
      (f.status === undefined || row.status === f.status) &&
      (f.rewardId === undefined || row.reward_id === f.rewardId) &&
      (f.originType === undefined || row.origin_type === f.originType) &&
      (code === undefined || row.coupon_code === code),
  )
}

interface Validated {
  ok: true
  body: {
    customer_id: string
    coupon_code: string
    status: 'validated'
    remaining_usages: number
    total_usages_allowed: number
    validated_at: string
    new_balance: number
    new_z_balance: string
  }
}

/**
 * One immediate transaction, and the use itself is a conditional UPDATE, so of N concurrent
 * validates exactly one wins and the rest get 409 (Zupy's `select_for_update`, §8).
 */
function validate(
  ctx: SandboxContext,
  c: SandboxHonoContext,
  customerId: string,
  ref: string,
): Validated | ProblemOutcome {
  return ctx.db.write((): Validated | ProblemOutcome => {
    const now = ctx.now()
    const customer = ctx.db.customers.byId(customerId)
    if (!customer) return fail(404, 'not-found', 'Cliente não encontrado.')
    const coupon = ctx.db.coupons.byId(ref) ?? ctx.db.coupons.byCode(ref.trim())
    // Another customer's coupon is a 404, so codes cannot be probed across customers (§8).
    if (coupon?.customer_id !== customer.id) {
      return fail(404, 'not-found', 'Cupom não encontrado para este cliente.')
    }
    const otp = checkOtpSession(ctx, c, customer.id, 'coupon_usage')
    if (otp) return otp

    if (coupon.status === 'active' && coupon.valid_until <= now) {
      ctx.db.coupons.setStatus(coupon.id, 'expired')
      return fail(409, 'conflict', alreadyDetail('expired'))
    }
    if (coupon.status !== 'active') return fail(409, 'conflict', alreadyDetail(coupon.status))
    if (!ctx.db.coupons.use(coupon.id, now)) return fail(409, 'conflict', alreadyDetail('used'))
    ctx.db.customers.touch(customer.id, now)

    return {
      ok: true,
      body: {
        customer_id: customer.id,
        coupon_code: coupon.coupon_code,
        status: 'validated',
        remaining_usages: coupon.remaining_usages - 1,
        total_usages_allowed: coupon.total_usages_allowed,
        validated_at: isoUtc(now),
        // Validate debits nothing; the balances are the settled state after the call.
        new_balance: pointsBalanceOf(customer),
        new_z_balance: '0.000000',
      },
    }
  })
}

export function couponRoutes(ctx: SandboxContext): ApiRoute[] {
  return [
    served(couponEndpoints.issued, (c) => {
      const page = readPageRequest(c)
      const filters = readFilters(c, ['customerId', 'status', 'rewardId', 'originType', 'code'])
      const errors = [
        ...(Array.isArray(page) ? page : []),
        ...(Array.isArray(filters) ? filters : []),
      ]
      if (Array.isArray(page) || Array.isArray(filters)) return validationProblem(c, errors)
      expireOverdue(ctx)
      const rows = applyFilters(ctx.db.coupons.all(), filters)
      return sendPage(c, ctx, rows.map(couponInventory), page)
    }),
    {
      // Legacy alias kept for older integrations (api-notes decision 2): customer_id is required.
      method: 'GET',
      path: '/api/v2/rewards/coupons/',
      handler: (c) => {
        const page = readPageRequest(c)
        const filters = readFilters(c, ['customerId', 'status'])
        const errors = [
          ...(Array.isArray(page) ? page : []),
          ...(Array.isArray(filters) ? filters : []),
        ]
        if (!Array.isArray(filters) && filters.customerId === undefined) {
          errors.push({ field: 'customer_id', detail: REQUIRED_FIELD })
        }
        if (Array.isArray(page) || Array.isArray(filters) || errors.length > 0) {
          return validationProblem(c, errors)
        }
        expireOverdue(ctx)
        const rows = applyFilters(ctx.db.coupons.all(), filters)
        return sendPage(c, ctx, rows.map(legacyCouponInventory), page)
      },
    },
    served(couponEndpoints.validate, async (c, { id, couponRef }) => {
      // Validate takes an empty body; `{}` is tolerated, anything else is a client bug.
      const body = await readJsonBody(c)
      if (body.kind === 'invalid') {
        return malformedJsonProblem(c, body.message)
      }
      if (
        body.kind === 'json' &&
        !(isPlainObject(body.value) && Object.keys(body.value).length === 0)
      ) {
        return validationProblem(
          c,
          [{ field: 'body', detail: 'Este endpoint não aceita corpo na requisição.' }],
          undefined,
          400,
        )
      }
      const result = validate(ctx, c, id, couponRef)
      return result.ok ? sendOne(c, ctx, result.body) : sendOutcome(c, result)
    }),
  ]
}
