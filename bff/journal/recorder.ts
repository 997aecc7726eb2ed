import { z } from 'zod'
import { canonicalCouponCode } from '../../contract/codes'
import { CouponSchema, ValidateResponseSchema, type Coupon } from '../../contract/coupons'
import { endpointTarget } from '../../contract/endpoint'
import { couponEndpoints, rewardEndpoints } from '../../contract/endpoints'
import { listOf, singleOf } from '../../contract/envelope'
import type { JournalKind, JournalOutcome } from '../../contract/journal'
import { RedeemResponseSchema, RewardSchema } from '../../contract/rewards'
import type { BffLogger } from '../logger'
import type { Upstream, UpstreamResult } from '../upstream'
import { sqliteCode, type JournalStore, type NewJournalEntry } from './store'

/**
 * Writes the journal as answers pass through the gateway (docs/decisions/011-till-journal.md).
 * The gateway hands over every answer it is about to send; the recorder decides what it is worth
 * and does everything else later, off the cashier's answer: the re-reads a 409 or a missing
 * reward name needs, and the SQLite insert. Nothing here throws into the gateway.
 */

const REDEEM = rewardEndpoints.redeem.name
const VALIDATE = couponEndpoints.validate.name
const COUPON_LIST = couponEndpoints.issued.name
const REWARD_LIST = rewardEndpoints.list.name
const REWARD_GET = rewardEndpoints.get.name

/** Enough for a busy day's coupons and a store's whole catalogue; the oldest go first. */
const COUPON_CACHE_SIZE = 2000
const REWARD_CACHE_SIZE = 500

const AnyListSchema = listOf(z.unknown())
const ValidateAnswerSchema = singleOf(ValidateResponseSchema)
const RedeemAnswerSchema = singleOf(RedeemResponseSchema)
const RewardAnswerSchema = singleOf(RewardSchema)

/** A Map that forgets its oldest entries past `max` (insertion order; a write refreshes). */
class BoundedMap<K, V> {
  private readonly map = new Map<K, V>()
  constructor(private readonly max: number) {}
  get(key: K): V | undefined {
    return this.map.get(key)
  }
  set(key: K, value: V): void {
    this.map.delete(key)
    this.map.set(key, value)
    if (this.map.size > this.max) {
      const oldest = this.map.keys().next()
      if (!oldest.done) this.map.delete(oldest.value)
    }
  }
}

interface RewardInfo {
  readonly id: string
  readonly name: string
  readonly points: number
}

interface CouponInfo {
  readonly id: string
  readonly code: string
  readonly rewardId: string
  readonly rewardName: string
  readonly status: string
  readonly validUntil: string
}

/** One answer the gateway is about to send for a route of the table. */
export interface PassingAnswer {
  /** The registry entry's name (`coupons.validate`…). */
  readonly route: string
  readonly params: Readonly<Record<string, string>>
  readonly result: UpstreamResult
  /** The keyed hash of the cashier session (as in the logs). */
  readonly session: string
  readonly requestId: string
  /** When the answer (or its absence) came, epoch ms. */
  readonly at: number
}

export interface JournalRecorder {
  /** Called by the gateway for every upstream result; returns at once. */
  passed(answer: PassingAnswer): void
  /** Resolves once every entry started so far is written (or its failure logged). */
  drain(): Promise<void>
}

export interface RecorderOptions {
  readonly store: JournalStore
  readonly upstream: Upstream
  readonly logger: BffLogger
  readonly till: string
}

/** What an upstream result means for the journal before any re-read; null: no entry. */
type Verdict = JournalOutcome | 'conflict' | null

function verdictOf(kind: JournalKind, result: UpstreamResult): Verdict {
  switch (result.kind) {
    case 'timeout':
      return 'unknown'
    case 'failure':
      // Refused before anything was sent: nothing can have been spent.
      return result.reason === 'unreachable' ? null : 'unknown'
    case 'answer':
      if (kind === 'validate') {
        if (result.status === 200) return 'validated'
        if (result.status === 404) return 'not-found'
        if (result.status === 409) return 'conflict'
      } else {
        if (result.status === 200) return 'redeemed'
        if (result.status === 422) return 'refused'
      }
      // 403 `otp-required` is a step of the flow, and other statuses (400, 401, 403, 429…) are
      // requests Zupy refused before spending anything: none is an outcome.
      return null
  }
}

/** Which outcome a 409 stands for, from the coupon as a fresh read shows it (ADR 009). */
function conflictOutcome(coupon: CouponInfo | null, now: number): JournalOutcome {
  if (coupon === null) return 'already-used'
  if (coupon.status === 'expired') return 'expired'
  if (coupon.status === 'cancelled') return 'cancelled'
  if (coupon.status === 'active' && Date.parse(coupon.validUntil) <= now) return 'expired'
  return 'already-used'
}

export function createJournalRecorder(options: RecorderOptions): JournalRecorder {
  const { store, upstream, logger, till } = options
  const coupons = new BoundedMap<string, CouponInfo>(COUPON_CACHE_SIZE)
  const rewards = new BoundedMap<string, RewardInfo>(REWARD_CACHE_SIZE)
  const pending = new Set<Promise<void>>()

  const rememberCoupon = (coupon: Coupon) => {
    const info: CouponInfo = {
      id: coupon.id,
      code: coupon.coupon_code,
      rewardId: coupon.reward_id,
      rewardName: coupon.reward_name,
      status: coupon.status,
      validUntil: coupon.valid_until,
    }
    coupons.set(`code:${info.code}`, info)
    coupons.set(`id:${info.id}`, info)
  }

  /** Each item on its own, so one odd item does not hide the others. */
  const rememberCoupons = (body: unknown): Coupon[] => {
    const page = AnyListSchema.safeParse(body)
    if (!page.success) return []
    const found: Coupon[] = []
    for (const item of page.data.items) {
      const coupon = CouponSchema.safeParse(item)
      if (coupon.success) {
        rememberCoupon(coupon.data)
        found.push(coupon.data)
      }
    }
    return found
  }

  const rememberReward = (item: unknown): RewardInfo | null => {
    const reward = RewardSchema.safeParse(item)
    if (!reward.success) return null
    const info = { id: reward.data.id, name: reward.data.name, points: reward.data.points_required }
    rewards.set(info.id, info)
    return info
  }

  const observe = (route: string, result: UpstreamResult) => {
    if (result.kind !== 'answer' || result.status !== 200) return
    if (route === COUPON_LIST) rememberCoupons(result.body)
    else if (route === REWARD_LIST) {
      const page = AnyListSchema.safeParse(result.body)
      if (page.success) for (const item of page.data.items) rememberReward(item)
    } else if (route === REWARD_GET) {
      const reward = RewardAnswerSchema.safeParse(result.body)
      if (reward.success) rememberReward(reward.data)
    }
  }

  /** A GET through the same upstream; null (and one log line) when it gives no usable answer. */
  const read = async (target: string, requestId: string): Promise<unknown> => {
    const result = await upstream.send({ method: 'GET', target, requestId })
    if (result.kind === 'answer' && result.status === 200) return result.body
    logger.warn(
      {
        request_id: requestId,
        status: result.kind === 'answer' ? result.status : null,
        failure: result.kind === 'answer' ? null : result.kind,
      },
      'journal: re-read failed',
    )
    return null
  }

  /** The coupon as Zupy shows it now: by code, or among the customer's coupons by id. */
  const readCoupon = async (
    ref: { code: string | null; id: string | null; customerId: string },
    requestId: string,
  ): Promise<CouponInfo | null> => {
    const target =
      ref.code !== null
        ? endpointTarget(couponEndpoints.issued, {}, { code: ref.code })
        : endpointTarget(
            couponEndpoints.issued,
            {},
            { customer_id: ref.customerId, page_size: 100 },
          )
    const body = await read(target, requestId)
    if (body === null) return null
    rememberCoupons(body)
    return (
      (ref.code !== null ? coupons.get(`code:${ref.code}`) : null) ??
      (ref.id !== null ? coupons.get(`id:${ref.id}`) : null) ??
      null
    )
  }

  const rewardFor = async (rewardId: string, requestId: string): Promise<RewardInfo | null> => {
    const cached = rewards.get(rewardId)
    if (cached) return cached
    const body = await read(endpointTarget(rewardEndpoints.get, { id: rewardId }), requestId)
    if (body === null) return null
    const reward = RewardAnswerSchema.safeParse(body)
    if (!reward.success) {
      logger.warn({ request_id: requestId }, 'journal: unexpected reward body')
      return null
    }
    return rememberReward(reward.data)
  }

  const validateEntry = async (
    answer: PassingAnswer,
    verdict: JournalOutcome | 'conflict',
  ): Promise<NewJournalEntry> => {
    const ref = answer.params.couponRef ?? ''
    const customerId = answer.params.id ?? ''
    let code = canonicalCouponCode(ref)
    const id = code === null ? ref : null
    if (verdict === 'validated' && answer.result.kind === 'answer') {
      const body = ValidateAnswerSchema.safeParse(answer.result.body)
      if (body.success) code ??= canonicalCouponCode(body.data.coupon_code)
      else logger.warn({ request_id: answer.requestId }, 'journal: unexpected validate body')
    }
    let coupon =
      (code !== null ? coupons.get(`code:${code}`) : null) ??
      (id !== null ? coupons.get(`id:${id}`) : null) ??
      null
    let outcome: JournalOutcome
    if (verdict === 'conflict') {
      // The 409 says only "conflict" (its detail is prose): the coupon's state says which.
      coupon = await readCoupon({ code, id, customerId }, answer.requestId)
      outcome = conflictOutcome(coupon, answer.at)
    } else {
      outcome = verdict
      // A name for the journal is worth a read, except for a coupon Zupy says does not exist.
      if (coupon === null && verdict !== 'not-found')
        coupon = await readCoupon({ code, id, customerId }, answer.requestId)
    }
    return {
      at: answer.at,
      kind: 'validate',
      outcome,
      coupon_code: code ?? coupon?.code ?? null,
      reward_id: coupon?.rewardId ?? null,
      reward_name: coupon?.rewardName ?? null,
      customer_id: customerId,
      points_spent: null,
      session: answer.session,
      till,
      settles: null,
      request_id: answer.requestId,
    }
  }

  const redeemEntry = async (
    answer: PassingAnswer,
    outcome: JournalOutcome,
  ): Promise<NewJournalEntry> => {
    const rewardId = answer.params.rewardId ?? ''
    const customerId = answer.params.id ?? ''
    let couponCode: string | null = null
    let points: number | null = null
    if (outcome === 'redeemed' && answer.result.kind === 'answer') {
      const body = RedeemAnswerSchema.safeParse(answer.result.body)
      if (body.success) {
        couponCode = body.data.coupon_code
        points = body.data.points_used
      } else logger.warn({ request_id: answer.requestId }, 'journal: unexpected redeem body')
    }
    const reward = await rewardFor(rewardId, answer.requestId)
    if (couponCode !== null && reward !== null && answer.result.kind === 'answer') {
      // The coupon just made, so that validating it later finds its reward without a read.
      const info: CouponInfo = {
        id: '',
        code: couponCode,
        rewardId: reward.id,
        rewardName: reward.name,
        status: 'active',
        validUntil: '',
      }
      coupons.set(`code:${couponCode}`, info)
    }
    return {
      at: answer.at,
      kind: 'redeem',
      outcome,
      coupon_code: couponCode,
      reward_id: rewardId,
      reward_name: reward?.name ?? null,
      customer_id: customerId,
      points_spent: points,
      session: answer.session,
      till,
      settles: null,
      request_id: answer.requestId,
      points_at_stake: outcome === 'unknown' ? (reward?.points ?? null) : null,
    }
  }

  const write = async (answer: PassingAnswer, kind: JournalKind, verdict: Verdict) => {
    if (verdict === null) return
    // After the cashier's answer is on its way.
    await new Promise((resolve) => setImmediate(resolve))
    let entry: NewJournalEntry
    try {
      entry =
        kind === 'validate'
          ? await validateEntry(answer, verdict)
          : await redeemEntry(answer, verdict === 'conflict' ? 'unknown' : verdict)
    } catch {
      logger.error({ request_id: answer.requestId, kind }, 'journal: entry could not be built')
      return
    }
    try {
      store.append(entry)
    } catch (error) {
      logger.error(
        {
          request_id: answer.requestId,
          kind,
          outcome: entry.outcome,
          error_code: sqliteCode(error),
        },
        'journal: write failed',
      )
    }
  }

  const passed = (answer: PassingAnswer) => {
    try {
      const kind: JournalKind | null =
        answer.route === VALIDATE ? 'validate' : answer.route === REDEEM ? 'redeem' : null
      if (kind === null) {
        // Parsing a page of coupons is work the cashier's answer need not wait for.
        if (answer.result.kind === 'answer' && answer.result.status === 200)
          setImmediate(() => {
            try {
              observe(answer.route, answer.result)
            } catch {
              logger.error({ request_id: answer.requestId }, 'journal: answer not cached')
            }
          })
        return
      }
      const verdict = verdictOf(kind, answer.result)
      if (verdict === null) return
      const job = write(answer, kind, verdict)
      pending.add(job)
      void job.finally(() => pending.delete(job))
    } catch {
      logger.error({ request_id: answer.requestId }, 'journal: answer not recorded')
    }
  }

  return {
    passed,
    drain: async () => {
      while (pending.size > 0) await Promise.allSettled([...pending])
    },
  }
}
