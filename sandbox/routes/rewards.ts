import type { SandboxContext } from '../context'
import type { CustomerRow, RewardRow } from '../db'
import { DAY_MS, isoUtc, newCouponCode, newId } from '../ids'
import {
  fail,
  problem,
  sendOutcome,
  malformedJsonProblem,
  validationProblem,
  type ProblemOutcome,
} from '../problems'
import { readPageRequest, sendOne, sendPage } from '../responses'
import { isInStock, isOffered, pointsBalanceOf, rewardCatalog } from '../serializers'
import { checkOtpSession } from './otp'
import { rewardEndpoints } from '../../contract/endpoints/rewards'
import { isPlainObject, readJsonBody, served, type ApiRoute } from './route'

export const FREE_REWARD_ALREADY_CLAIMED = 'Prêmio gratuito já resgatado por este cliente'

/** Marketing (free) rewards are limited to one per customer (api-notes §6, §10). */
function atCustomerLimit(reward: RewardRow, held: ReadonlySet<string>): boolean {
  return reward.origin_type === 'marketing' && held.has(reward.id)
}

function costOf(reward: RewardRow): number {
  return reward.origin_type === 'marketing' ? 0 : reward.points_required
}

function parseBool(raw: string): boolean | null {
  if (/^(true|1)$/i.test(raw)) return true
  if (/^(false|0)$/i.test(raw)) return false
  return null
}

interface Redeemed {
  ok: true
  body: {
    customer_id: string
    coupon_code: string
    points_used: number
    z_tokens_used: string
    new_balance: number
    new_z_balance: string
    valid_until: string
    created_at: string
  }
}

function uniqueCouponCode(ctx: SandboxContext): string {
  for (;;) {
    const code = newCouponCode()
    if (!ctx.db.coupons.codeExists(code)) return code
  }
}

/** One immediate transaction: every check and the write see the same state (no double spend). */
function redeem(
  ctx: SandboxContext,
  c: Parameters<ApiRoute['handler']>[0],
  customerId: string,
  rewardId: string,
): Redeemed | ProblemOutcome {
  return ctx.db.write((): Redeemed | ProblemOutcome => {
    const now = ctx.now()
    const customer: CustomerRow | undefined = ctx.db.customers.byId(customerId)
    if (!customer) return fail(404, 'not-found', 'Cliente não encontrado.')
    const reward = ctx.db.rewards.byId(rewardId)
    if (!reward) return fail(404, 'not-found', 'Prêmio não encontrado.')
    const otp = checkOtpSession(ctx, c, customer.id, 'redemption')
    if (otp) return otp

    if (!isOffered(reward, now)) {
      return fail(422, 'validation-error', 'Este prêmio não está disponível para resgate.', [
        { field: 'reward_id', detail: 'Prêmio indisponível.' },
      ])
    }
    if (!isInStock(reward)) {
      return fail(422, 'validation-error', 'Este prêmio está esgotado.', [
        { field: 'reward_id', detail: 'Prêmio esgotado.' },
      ])
    }
    if (atCustomerLimit(reward, ctx.db.coupons.heldRewardIds(customer.id))) {
      return fail(422, 'validation-error', FREE_REWARD_ALREADY_CLAIMED, [
        { field: 'reward_id', detail: FREE_REWARD_ALREADY_CLAIMED },
      ])
    }
    const cost = costOf(reward)
    const balance = pointsBalanceOf(customer)
    if (balance < cost) {
      return fail(
        422,
        'insufficient-balance',
        `Saldo insuficiente: o prêmio exige ${cost} pontos e o saldo é de ${balance} pontos.`,
      )
    }

    const code = uniqueCouponCode(ctx)
    const validUntil = now + reward.validity_days * DAY_MS
    ctx.db.coupons.insert({
      id: newId(),
      coupon_code: code,
      reward_id: reward.id,
      customer_id: customer.id,
      status: 'active',
      points_spent: cost,
      redemption_date: now,
      valid_until: validUntil,
      remaining_usages: reward.usages_per_coupon,
      total_usages_allowed: reward.usages_per_coupon,
      usage_date: null,
      origin_type: reward.origin_type,
      created_at: now,
    })
    ctx.db.customers.spend(customer.id, cost, now)
    ctx.db.rewards.countRedeemed(reward.id, now)
    return {
      ok: true,
      body: {
        customer_id: customer.id,
        coupon_code: code,
        points_used: cost,
        // Z$ is not emulated: use_z_tokens is accepted and treated as false.
        z_tokens_used: '0.000000',
        new_balance: balance - cost,
        new_z_balance: '0.000000',
        valid_until: isoUtc(validUntil),
        created_at: isoUtc(now),
      },
    }
  })
}

export function rewardRoutes(ctx: SandboxContext): ApiRoute[] {
  return [
    served(rewardEndpoints.list, (c) => {
      const page = readPageRequest(c)
      if (Array.isArray(page)) return validationProblem(c, page)
      const customerId = c.req.query('customer_id')?.trim() || undefined
      const rawRedeemable = c.req.query('redeemable')?.trim() || undefined
      const redeemable = rawRedeemable === undefined ? false : parseBool(rawRedeemable)
      if (redeemable === null) {
        return validationProblem(c, [{ field: 'redeemable', detail: 'Use true ou false.' }])
      }
      if (redeemable && customerId === undefined) {
        return validationProblem(c, [
          { field: 'customer_id', detail: 'Obrigatório quando redeemable=true.' },
        ])
      }
      let customer: CustomerRow | undefined
      if (customerId !== undefined) {
        customer = ctx.db.customers.byId(customerId)
        if (!customer) {
          return validationProblem(c, [{ field: 'customer_id', detail: 'Cliente não encontrado.' }])
        }
      }
      const now = ctx.now()
      const held = customer ? ctx.db.coupons.heldRewardIds(customer.id) : new Set<string>()
      const balance = customer ? pointsBalanceOf(customer) : 0
      // redeemable=false means "no filter", not "only the unredeemable ones".
      const rows = ctx.db.rewards
        .all()
        .filter(
          (r) =>
            !redeemable ||
            (isOffered(r, now) &&
              isInStock(r) &&
              balance >= costOf(r) &&
              !atCustomerLimit(r, held)),
        )
      return sendPage(
        c,
        ctx,
        rows.map((r) => rewardCatalog(r, now, held.has(r.id))),
        page,
      )
    }),
    served(rewardEndpoints.get, (c, { id }) => {
      const row = ctx.db.rewards.byId(id)
      if (!row) return problem(c, 404, 'not-found', 'Prêmio não encontrado.')
      const customerId = c.req.query('customer_id')?.trim()
      const held = customerId ? ctx.db.coupons.heldRewardIds(customerId) : new Set<string>()
      return sendOne(c, ctx, rewardCatalog(row, ctx.now(), held.has(row.id)))
    }),
    served(rewardEndpoints.redeem, async (c, { id, rewardId }) => {
      const body = await readJsonBody(c)
      if (body.kind === 'invalid') {
        return malformedJsonProblem(c, body.message)
      }
      if (body.kind === 'json') {
        if (!isPlainObject(body.value)) {
          return validationProblem(
            c,
            [{ field: 'body', detail: 'Envie um objeto JSON.' }],
            undefined,
            400,
          )
        }
        const z = body.value.use_z_tokens
        if (z !== undefined && typeof z !== 'boolean') {
          return validationProblem(c, [
            { field: 'use_z_tokens', detail: 'Must be a valid boolean.' },
          ])
        }
      }
      const result = redeem(ctx, c, id, rewardId)
      return result.ok ? sendOne(c, ctx, result.body) : sendOutcome(c, result)
    }),
  ]
}
