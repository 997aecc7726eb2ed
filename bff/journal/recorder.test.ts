import { afterEach, describe, expect, it } from 'vitest'
import { createBffApp } from '../app'
import { inProcessClient, captureLogger, testEnv } from '../testing/http'
import type { Upstream, UpstreamRequest, UpstreamResult } from '../upstream'
import { createJournalRecorder } from './recorder'
import { openJournalStore, type JournalStore } from './store'

/**
 * What each upstream result becomes in the journal, on a scripted upstream: the outcome, the
 * reward found in the caches or by a read, both response shapes, and the results that are no
 * entry at all.
 */

const CUSTOMER = 'cu0000000000000000000maria'
const REWARD = 'rw00000000000000000sobremesa'
const CODE = 'CZ-7K3M9P2Q'
const VALIDATE = `/api/v2/customers/${CUSTOMER}/coupons/${CODE}/validate/`
const REDEEM = `/api/v2/customers/${CUSTOMER}/rewards/${REWARD}/redeem/`

const json = (status: number, body: unknown): UpstreamResult => ({
  kind: 'answer',
  status,
  body,
  contentType: status >= 400 ? 'application/problem+json' : 'application/json',
  headers: {},
  durationMs: 2,
})
const problem = (status: number, slug: string) =>
  json(status, { type: `https://docs.zupy.com/errors#${slug}`, title: slug, status, detail: 'x' })

const reward = {
  id: REWARD,
  name: 'Sobremesa grátis',
  points_required: 200,
  validity_days: 30,
  is_available: true,
}
const coupon = (status: string) => ({
  id: 'cp000000000000000000000001',
  coupon_code: CODE,
  reward_name: 'Sobremesa grátis',
  reward_id: REWARD,
  customer_id: CUSTOMER,
  customer_name: 'Maria Santos',
  status,
  status_display: status,
  points_spent: 200,
  redemption_date: '2026-12-01T10:00:00Z',
  valid_until: '2027-01-01T10:00:00Z',
  remaining_usages: status === 'active' ? 1 : 0,
  total_usages_allowed: 1,
  created_at: '2026-12-01T10:00:00Z',
})
const validated = {
  coupon_code: CODE,
  status: 'validated',
  remaining_usages: 0,
  total_usages_allowed: 1,
  validated_at: '2026-12-05T15:00:00Z',
}
const redeemed = {
  customer_id: CUSTOMER,
  coupon_code: 'CZ-NEWC0DE1',
  points_used: 200,
  z_tokens_used: null,
  new_balance: 1050,
  new_z_balance: null,
  valid_until: '2027-01-04T15:00:00Z',
  created_at: '2026-12-05T15:00:00Z',
}

let store: JournalStore | null = null
afterEach(() => {
  store?.close()
  store = null
})

/** An app whose upstream answers each request with `answer(request)`; POSTs and GETs are logged. */
async function setup(answer: (request: UpstreamRequest) => UpstreamResult) {
  const calls: UpstreamRequest[] = []
  const upstream: Upstream = {
    send: (request) => {
      calls.push(request)
      return Promise.resolve(answer(request))
    },
    close: () => Promise.resolve(),
  }
  store = openJournalStore(':memory:', { retentionDays: 90, timeZone: 'America/Sao_Paulo' })
  const logs = captureLogger()
  const recorder = createJournalRecorder({ store, upstream, logger: logs.logger, till: 'Caixa 1' })
  const app = createBffApp({
    env: testEnv(),
    upstream,
    logger: logs.logger,
    journal: { store, recorder },
  })
  const client = await inProcessClient(app)
  const journalStore = store
  return {
    calls,
    logs,
    call: client.request,
    entries: async () => {
      await recorder.drain()
      return journalStore.page({}).results
    },
    reads: () => calls.filter((c) => c.method === 'GET').map((c) => c.target),
  }
}

describe('validate', () => {
  it('200 in the envelope shape → validated; the reward comes from the lookup the SPA made', async () => {
    const t = await setup((request) =>
      request.method === 'GET'
        ? json(200, { data: [coupon('active')], meta: { has_next: false } })
        : json(200, { data: validated, meta: {} }),
    )
    expect((await t.call(`/api/v2/coupons/issued/?code=${CODE}`)).status).toBe(200)
    const answer = await t.call(VALIDATE, { method: 'POST' })
    expect(answer.status).toBe(200)
    expect(await answer.json()).toEqual({ data: validated, meta: {} })
    const [entry] = await t.entries()
    expect(entry).toMatchObject({
      kind: 'validate',
      outcome: 'validated',
      coupon_code: CODE,
      reward_id: REWARD,
      reward_name: 'Sobremesa grátis',
      customer_id: CUSTOMER,
      points_spent: null,
      till: 'Caixa 1',
      request_id: answer.headers.get('x-request-id'),
    })
    // The cache answered: no read after the validate.
    expect(t.reads()).toEqual([`/api/v2/coupons/issued/?code=${CODE}`])
    // Never the customer's name (it passed through in the coupon list).
    expect(JSON.stringify(entry)).not.toContain('Maria')
  })

  it.each([
    ['used', 'already-used'],
    ['expired', 'expired'],
    ['cancelled', 'cancelled'],
  ])(
    '409 on a %s coupon → %s, by re-reading it (the slug is conflict for all)',
    async (status, outcome) => {
      const t = await setup((request) =>
        request.method === 'GET'
          ? json(200, { count: 1, next: null, previous: null, results: [coupon(status)] })
          : problem(409, 'conflict'),
      )
      expect((await t.call(VALIDATE, { method: 'POST' })).status).toBe(409)
      expect((await t.entries()).map((e) => e.outcome)).toEqual([outcome])
      expect(t.reads()).toEqual([`/api/v2/coupons/issued/?code=${CODE}`])
    },
  )

  it('409 whose re-read fails → already-used, with one warning line', async () => {
    const t = await setup((request) =>
      request.method === 'GET'
        ? { kind: 'timeout', answered: false, durationMs: 5 }
        : problem(409, 'conflict'),
    )
    expect((await t.call(VALIDATE, { method: 'POST' })).status).toBe(409)
    expect((await t.entries()).map((e) => e.outcome)).toEqual(['already-used'])
    expect(t.logs.records().filter((l) => l.msg === 'journal: re-read failed')).toHaveLength(1)
  })

  it('404 → not-found, without a read', async () => {
    const t = await setup(() => problem(404, 'not-found'))
    expect((await t.call(VALIDATE, { method: 'POST' })).status).toBe(404)
    expect(await t.entries()).toMatchObject([{ outcome: 'not-found', coupon_code: CODE }])
    expect(t.reads()).toEqual([])
  })

  it.each([
    ['403 otp-required (a step of the flow)', problem(403, 'otp-required'), 403],
    ['400 from Zupy', problem(400, 'validation-error'), 400],
    ['429', problem(429, 'rate-limit-exceeded'), 429],
    [
      'an unreachable upstream (nothing was sent)',
      { kind: 'failure', reason: 'unreachable', answered: false, status: null, durationMs: 1 },
      502,
    ],
  ] as [string, UpstreamResult, number][])('%s → no entry', async (_name, result, status) => {
    const t = await setup(() => result)
    expect((await t.call(VALIDATE, { method: 'POST' })).status).toBe(status)
    expect(await t.entries()).toEqual([])
  })

  it.each([
    ['a timeout', { kind: 'timeout', answered: true, durationMs: 10 }, 504],
    [
      'a lost connection',
      { kind: 'failure', reason: 'connection-lost', answered: false, status: null, durationMs: 1 },
      502,
    ],
    [
      'a 5xx',
      { kind: 'failure', reason: 'server-error', answered: true, status: 500, durationMs: 1 },
      502,
    ],
  ] as [string, UpstreamResult, number][])('%s → unknown', async (_name, result, status) => {
    const t = await setup((request) =>
      request.method === 'GET'
        ? json(200, { count: 1, next: null, previous: null, results: [coupon('used')] })
        : result,
    )
    expect((await t.call(VALIDATE, { method: 'POST' })).status).toBe(status)
    expect(await t.entries()).toMatchObject([
      { outcome: 'unknown', coupon_code: CODE, reward_name: 'Sobremesa grátis' },
    ])
  })
})

describe('redeem', () => {
  it('200 → redeemed with points_used and the new code; the reward by GET /rewards/:id/', async () => {
    const t = await setup((request) =>
      request.method === 'GET' ? json(200, { data: reward }) : json(200, redeemed),
    )
    expect((await t.call(REDEEM, { method: 'POST' })).status).toBe(200)
    expect(await t.entries()).toMatchObject([
      {
        kind: 'redeem',
        outcome: 'redeemed',
        coupon_code: 'CZ-NEWC0DE1',
        points_spent: 200,
        reward_id: REWARD,
        reward_name: 'Sobremesa grátis',
      },
    ])
    expect(t.reads()).toEqual([`/api/v2/rewards/${REWARD}/`])
  })

  it('the reward list the SPA loaded names the reward: no read', async () => {
    const t = await setup((request) =>
      request.method === 'GET'
        ? json(200, { count: 1, next: null, previous: null, results: [reward] })
        : problem(422, 'insufficient-balance'),
    )
    expect((await t.call(`/api/v2/rewards/?customer_id=${CUSTOMER}`)).status).toBe(200)
    expect((await t.call(REDEEM, { method: 'POST' })).status).toBe(422)
    expect(await t.entries()).toMatchObject([
      {
        outcome: 'refused',
        points_spent: null,
        coupon_code: null,
        reward_name: 'Sobremesa grátis',
      },
    ])
    expect(t.reads()).toEqual([`/api/v2/rewards/?customer_id=${CUSTOMER}`])
  })

  it('403 otp-required → no entry; a timeout → unknown, no points known yet', async () => {
    let post: UpstreamResult = problem(403, 'otp-required')
    const t = await setup((request) => (request.method === 'GET' ? json(200, reward) : post))
    expect((await t.call(REDEEM, { method: 'POST' })).status).toBe(403)
    expect(await t.entries()).toEqual([])
    post = { kind: 'timeout', answered: false, durationMs: 10 }
    expect((await t.call(REDEEM, { method: 'POST' })).status).toBe(504)
    expect(await t.entries()).toMatchObject([
      { outcome: 'unknown', points_spent: null, reward_name: 'Sobremesa grátis' },
    ])
  })

  it('a 200 body that does not parse is still redeemed (Zupy spent), logged once', async () => {
    const t = await setup((request) =>
      request.method === 'GET' ? json(200, reward) : json(200, { unexpected: true }),
    )
    expect((await t.call(REDEEM, { method: 'POST' })).status).toBe(200)
    expect(await t.entries()).toMatchObject([{ outcome: 'redeemed', points_spent: null }])
    expect(
      t.logs.records().filter((l) => l.msg === 'journal: unexpected redeem body'),
    ).toHaveLength(1)
  })
})

describe('what the journal never does', () => {
  it('writes nothing for reads, and never delays the answer for its own reads', async () => {
    const t = await setup((request) => {
      if (request.method === 'POST') return problem(409, 'conflict')
      return json(200, { count: 1, next: null, previous: null, results: [coupon('used')] })
    })
    expect((await t.call(`/api/v2/rewards/${REWARD}/`)).status).toBe(200)
    expect(await t.entries()).toEqual([])
    // The 409's answer arrives before the re-read is even sent.
    const answer = await t.call(VALIDATE, { method: 'POST' })
    expect(answer.status).toBe(409)
    expect(t.reads()).toEqual([`/api/v2/rewards/${REWARD}/`])
    await t.entries()
    expect(t.reads()).toHaveLength(2)
  })
})
