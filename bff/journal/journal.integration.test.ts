import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CouponSchema, ValidateResponseSchema } from '../../contract/coupons'
import { listOf, singleOf } from '../../contract/envelope'
import {
  JournalEntrySchema,
  JournalPageSchema,
  JournalSummarySchema,
  type JournalEntry,
} from '../../contract/journal'
import { RedeemResponseSchema } from '../../contract/rewards'
import { SEED } from '../../sandbox/seed'
import type { BffClient } from '../testing/http'
import { countStatuses, startStack, type TestStack } from '../testing/stack'
import { localDate } from '../../contract/calendar'
import { createJournalStore, openJournalStore, type JournalStore } from './store'

/**
 * The journal through the real BFF and the real sandbox: what the tills did is what the journal
 * says, under a 50-till race, on a scripted day (checked against the sandbox's own database), and
 * when the journal file cannot be written the cashier's answers stay what they were.
 */

const OPTIONS = { retentionDays: 90, timeZone: 'America/Sao_Paulo' }
const { maria, ana } = SEED.customers
const { sobremesa, cafe } = SEED.rewards
const TILLS = 50

const validatePath = (customerId: string, code: string) =>
  `/api/v2/customers/${customerId}/coupons/${code}/validate/`
const redeemPath = (customerId: string, rewardId: string) =>
  `/api/v2/customers/${customerId}/rewards/${rewardId}/redeem/`

async function allEntries(till: BffClient): Promise<JournalEntry[]> {
  const answer = await till.call('/api/pos/journal?limit=500')
  expect(answer.status).toBe(200)
  return JournalPageSchema.parse(answer.json()).results
}

describe('through the BFF and the sandbox', () => {
  let stack: TestStack
  let store: JournalStore
  let till: BffClient

  beforeAll(async () => {
    store = openJournalStore(':memory:', OPTIONS)
    stack = await startStack({ timeoutMs: 10_000, journalStore: store })
    till = await stack.signIn()
  }, 60_000)

  afterAll(async () => {
    await stack.close()
    store.close()
  })

  it(`${TILLS} tills validating one coupon: exactly 1 validated and ${TILLS - 1} already-used entries`, async () => {
    await stack.reset()
    const tills = await Promise.all(Array.from({ length: TILLS }, () => stack.signIn()))
    const coupon = await stack.freshCoupon(maria.id)
    const answers = await Promise.all(
      tills.map((t) => t.call(validatePath(maria.id, coupon.coupon_code), { method: 'POST' })),
    )
    expect(countStatuses(answers.map((a) => a.status))).toEqual({ 200: 1, 409: TILLS - 1 })
    await stack.journal?.recorder.drain()

    const entries = (await allEntries(till)).filter((e) => e.coupon_code === coupon.coupon_code)
    expect(entries).toHaveLength(TILLS)
    expect(countBy(entries.map((e) => e.outcome))).toEqual({
      validated: 1,
      'already-used': TILLS - 1,
    })
    // The validated entry is the 200's request, and every entry names its own request.
    const winner = answers.find((a) => a.status === 200)
    expect(entries.find((e) => e.outcome === 'validated')?.request_id).toBe(
      winner?.headers.get('x-request-id'),
    )
    expect(new Set(entries.map((e) => e.request_id))).toEqual(
      new Set(answers.map((a) => a.headers.get('x-request-id'))),
    )
    // Each till's session hash, no name, and the reward the re-read found.
    expect(new Set(entries.map((e) => e.session)).size).toBe(TILLS)
    for (const entry of entries)
      expect(entry).toMatchObject({
        customer_id: maria.id,
        reward_id: sobremesa.id,
        reward_name: sobremesa.name,
        till: 'Caixa 1',
        points_spent: null,
        settles: null,
      })
  }, 60_000)

  it("a scripted day: the summary's numbers are the sandbox's (coupons issued and used, points)", async () => {
    await stack.reset()
    const today = localDate(Date.now(), OPTIONS.timeZone)
    const db = stack.sandbox.ctx.db
    const couponsBefore = new Set(db.coupons.all().map((c) => c.id))
    const usedBefore = new Set(
      db.coupons
        .all()
        .filter((c) => c.status === 'used')
        .map((c) => c.id),
    )
    const spentBefore = db.customers.byId(maria.id)?.points_spent ?? 0
    // The race above wrote entries today too: the day is compared by difference.
    const before = store.summary(today)
    const entriesBefore = new Set((await allEntries(till)).map((e) => e.id))

    const post = (path: string) => till.call(path, { method: 'POST' })
    const redeemed = async (rewardId: string) => {
      const answer = await post(redeemPath(maria.id, rewardId))
      expect(answer.status).toBe(200)
      return singleOf(RedeemResponseSchema).parse(answer.json()).coupon_code
    }
    // Three redeems; the SPA looks the first coupon up by code before using it (the cache path).
    const first = await redeemed(sobremesa.id)
    const second = await redeemed(sobremesa.id)
    await redeemed(cafe.id)
    expect((await till.call(`/api/v2/coupons/issued/?code=${first}`)).status).toBe(200)
    const validated = await post(validatePath(maria.id, first))
    expect(validated.status).toBe(200)
    expect(singleOf(ValidateResponseSchema).parse(validated.json()).coupon_code).toBe(first)
    expect((await post(validatePath(maria.id, second))).status).toBe(200)
    // 409s, told apart by the re-read: used, expired, cancelled.
    expect((await post(validatePath(maria.id, first))).status).toBe(409)
    expect((await post(validatePath(maria.id, SEED.coupons.mariaExpired.code))).status).toBe(409)
    expect((await post(validatePath(maria.id, SEED.coupons.mariaCancelled.code))).status).toBe(409)
    // 404: no such code. 422: Ana's 80 points do not buy a dessert.
    expect((await post(validatePath(maria.id, 'CZ-ZZZZ9999'))).status).toBe(404)
    expect((await post(redeemPath(ana.id, sobremesa.id))).status).toBe(422)
    // 403 otp-required is a step: no entry.
    await stack.control('PUT', '/settings', { otp_policy: 'strict' })
    expect((await post(redeemPath(maria.id, cafe.id))).status).toBe(403)
    await stack.control('PUT', '/settings', { otp_policy: 'trusted' })
    // The answer is lost after the sandbox committed the redeem: unknown, settled by the app.
    await stack.control('POST', '/faults', {
      method: 'POST',
      path: '/redeem/',
      fault: { kind: 'commit-then-drop' },
    })
    const lost = await post(redeemPath(maria.id, sobremesa.id))
    expect(lost.status).toBe(502)
    const lostRequest = lost.headers.get('x-request-id') ?? ''
    await stack.journal?.recorder.drain()
    const reread = await till.call(`/api/v2/coupons/issued/?customer_id=${maria.id}&status=active`)
    const lostCoupon = listOf(CouponSchema)
      .parse(reread.json())
      .items.find((c) => !couponsBefore.has(c.id) && ![first, second].includes(c.coupon_code))
    const settled = await till.call('/api/pos/journal/settlements', {
      method: 'POST',
      body: JSON.stringify({
        request_id: lostRequest,
        outcome: 'redeemed',
        coupon_code: lostCoupon?.coupon_code,
      }),
    })
    expect(settled.status).toBe(201)
    await stack.journal?.recorder.drain()

    const entries = (await allEntries(till)).filter((e) => !entriesBefore.has(e.id))
    expect(countBy(entries.map((e) => `${e.kind}:${e.outcome}`))).toEqual({
      'redeem:redeemed': 4,
      'redeem:refused': 1,
      'redeem:unknown': 1,
      'validate:validated': 2,
      'validate:already-used': 1,
      'validate:expired': 1,
      'validate:cancelled': 1,
      'validate:not-found': 1,
    })
    expect(entries.every((e) => JournalEntrySchema.safeParse(e).success)).toBe(true)

    const answer = await till.call(`/api/pos/journal/summary?date=${today}`)
    expect(answer.status).toBe(200)
    const summary = JournalSummarySchema.parse(answer.json())
    // The sandbox's side of the day.
    const issued = db.coupons.all().filter((c) => !couponsBefore.has(c.id))
    const newlyUsed = db.coupons.all().filter((c) => c.status === 'used' && !usedBefore.has(c.id))
    const spent = (db.customers.byId(maria.id)?.points_spent ?? 0) - spentBefore
    const grew = (now: number | undefined, then: number | undefined) => (now ?? 0) - (then ?? 0)
    expect(grew(summary.counts.redeem.redeemed, before.counts.redeem.redeemed)).toBe(issued.length)
    expect(grew(summary.counts.validate.validated, before.counts.validate.validated)).toBe(
      newlyUsed.length,
    )
    expect(summary.points_spent - before.points_spent).toBe(spent)
    expect(spent).toBe(3 * sobremesa.pointsRequired + cafe.pointsRequired)
    const perReward = (rewardId: string) => {
      const now = summary.rewards.find((r) => r.reward_id === rewardId)
      const then = before.rewards.find((r) => r.reward_id === rewardId)
      return {
        reward_name: now?.reward_name,
        redeemed: grew(now?.redeemed, then?.redeemed),
        validated: grew(now?.validated, then?.validated),
        points_spent: grew(now?.points_spent, then?.points_spent),
      }
    }
    for (const reward of [sobremesa, cafe])
      expect(perReward(reward.id), reward.name).toEqual({
        reward_name: reward.name,
        redeemed: issued.filter((c) => c.reward_id === reward.id).length,
        validated: newlyUsed.filter((c) => c.reward_id === reward.id).length,
        points_spent: issued
          .filter((c) => c.reward_id === reward.id)
          .reduce((sum, c) => sum + c.points_spent, 0),
      })
    expect(summary.rewards[0]?.reward_id).toBe(sobremesa.id)
  }, 60_000)

  it('the journal API needs a cashier session: 401 session-required without one', async () => {
    for (const path of ['/api/pos/journal', '/api/pos/journal/summary?date=2026-12-05']) {
      const answer = await fetch(`${stack.bff.url}${path}`)
      expect(answer.status).toBe(401)
      expect(((await answer.json()) as { type: string }).type).toMatch(/#session-required$/)
    }
    const post = await fetch(`${stack.bff.url}/api/pos/journal/settlements`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: stack.bff.url },
      body: JSON.stringify({ request_id: 'x', outcome: 'not-spent' }),
    })
    expect(post.status).toBe(401)
  })
})

function countBy(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1
  return counts
}

describe('a journal file that cannot be written', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'zupy-journal-fail-'))
  })
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true })
  })

  /** The cashier's calls and what they must answer, journal or not. */
  async function cashierDay(stack: TestStack) {
    await stack.reset()
    const till = await stack.signIn()
    const coupon = await stack.freshCoupon(maria.id)
    const statuses = [
      (await till.call(redeemPath(maria.id, cafe.id), { method: 'POST' })).status,
      (await till.call(validatePath(maria.id, coupon.coupon_code), { method: 'POST' })).status,
      (await till.call(validatePath(maria.id, coupon.coupon_code), { method: 'POST' })).status,
      (await till.call(validatePath(maria.id, 'CZ-ZZZZ9999'), { method: 'POST' })).status,
    ]
    await stack.journal?.recorder.drain()
    return statuses
  }

  async function failingRun(makeStore: (file: string) => JournalStore, code: string) {
    const file = join(dir, `${code}.db`)
    const store = makeStore(file)
    const stack = await startStack({ timeoutMs: 10_000, journalStore: store })
    try {
      expect(await cashierDay(stack)).toEqual([200, 200, 409, 404])
      const failures = stack.logs.records().filter((line) => line.msg === 'journal: write failed')
      // One error line per entry that could not be written, naming SQLite's code only.
      expect(failures).toHaveLength(4)
      for (const line of failures) expect(line).toMatchObject({ level: 'error', error_code: code })
      expect(stack.logs.lines.join('\n')).not.toContain(file)
    } finally {
      await stack.close()
      store.close()
    }
  }

  it('read-only: the cashier gets the same answers, and each lost entry is an error line', async () => {
    // Tests may run as root, which chmod does not stop; a database opened read-only refuses
    // every write in SQLite itself, whoever runs it.
    await failingRun((file) => {
      openJournalStore(file, OPTIONS).close()
      return createJournalStore(new Database(file, { readonly: true }), OPTIONS)
    }, 'SQLITE_READONLY')
  }, 30_000)

  it('a full disk (SQLite max_page_count): the same answers, and each lost entry is an error line', async () => {
    await failingRun((file) => {
      const db = new Database(file)
      const store = createJournalStore(db, OPTIONS)
      const pages = Number(db.pragma('page_count', { simple: true }))
      db.pragma(`max_page_count = ${pages}`)
      // Fill the last free page so that the next write needs a page the "disk" does not have.
      for (;;) {
        try {
          store.append({
            at: Date.now(),
            kind: 'validate',
            outcome: 'not-found',
            coupon_code: null,
            reward_id: null,
            reward_name: 'x'.repeat(200),
            customer_id: 'filler',
            points_spent: null,
            session: 'filler',
            till: 'filler',
            settles: null,
            request_id: 'filler',
          })
        } catch {
          break
        }
      }
      return store
    }, 'SQLITE_FULL')
  }, 30_000)

  it('the same cashier day on a working journal answers the same (the baseline)', async () => {
    const store = openJournalStore(':memory:', OPTIONS)
    const stack = await startStack({ timeoutMs: 10_000, journalStore: store })
    try {
      expect(await cashierDay(stack)).toEqual([200, 200, 409, 404])
      expect(store.page({}).results.map((e) => e.outcome)).toEqual([
        'not-found',
        'already-used',
        'validated',
        'redeemed',
      ])
      expect(stack.logs.records().filter((l) => l.level === 'error')).toEqual([])
    } finally {
      await stack.close()
      store.close()
    }
  }, 30_000)
})
