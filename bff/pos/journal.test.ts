import { afterEach, describe, expect, it } from 'vitest'
import { JournalEntrySchema, JournalPageSchema, JournalSummarySchema } from '../../contract/journal'
import { createBffApp } from '../app'
import { createJournalRecorder } from '../journal/recorder'
import { openJournalStore, type JournalStore, type NewJournalEntry } from '../journal/store'
import { fakeUpstream, problemOf } from '../testing/app'
import { captureLogger, inProcessClient, testEnv } from '../testing/http'
import { newJournalEntry } from '../testing/journal'

/** /api/pos/journal over an in-process app and an in-memory store. */

let store: JournalStore | null = null
afterEach(() => {
  store?.close()
  store = null
})

async function setup(options: { withJournal?: boolean } = {}) {
  const upstream = fakeUpstream()
  const logs = captureLogger()
  store = openJournalStore(':memory:', { retentionDays: 90, timeZone: 'America/Sao_Paulo' })
  const journal =
    options.withJournal === false
      ? null
      : {
          store,
          recorder: createJournalRecorder({
            store,
            upstream,
            logger: logs.logger,
            till: 'Caixa 1',
          }),
        }
  const app = createBffApp({ env: testEnv(), upstream, logger: logs.logger, journal })
  const client = await inProcessClient(app)
  // The session hash the journal stores for this client: the one its log lines carry.
  const signedIn = logs.records().find((line) => line.msg === 'cashier signed in')
  const session = String(signedIn?.session_hash)
  return { app, call: client.request, store, session, logs }
}

let n = 0
/** An entry of another session (not this client's), a millisecond after the one before. */
function entry(change: Partial<NewJournalEntry>): NewJournalEntry {
  n += 1
  return newJournalEntry({
    at: Date.parse('2026-12-05T15:00:00Z') + n,
    session: 'other',
    ...change,
  })
}

describe('GET /api/pos/journal', () => {
  it('answers a page newest first, never cached, paged by its next cursor', async () => {
    const t = await setup()
    const written = [1, 2, 3].map(() => t.store.append(entry({})))
    const first = await t.call('/api/pos/journal?limit=2')
    expect(first.status).toBe(200)
    expect(first.headers.get('cache-control')).toBe('no-store')
    const page = JournalPageSchema.parse(await first.json())
    expect(page.results.map((e) => e.id)).toEqual([written[2]?.id, written[1]?.id])
    expect(page.next).not.toBeNull()
    const second = JournalPageSchema.parse(
      await (await t.call(`/api/pos/journal?limit=2&cursor=${page.next ?? ''}`)).json(),
    )
    expect(second).toEqual({ results: [written[0]], next: null })
  })

  it('filters by from (inclusive), to (exclusive), kind and outcome', async () => {
    const t = await setup()
    t.store.append(entry({ at: Date.parse('2026-12-05T10:00:00Z') }))
    const inside = t.store.append(
      entry({ at: Date.parse('2026-12-05T11:00:00Z'), kind: 'redeem', outcome: 'redeemed' }),
    )
    t.store.append(
      entry({ at: Date.parse('2026-12-05T12:00:00Z'), kind: 'redeem', outcome: 'redeemed' }),
    )
    t.store.append(
      entry({ at: Date.parse('2026-12-05T11:30:00Z'), kind: 'redeem', outcome: 'refused' }),
    )
    const query = new URLSearchParams({
      from: '2026-12-05T08:00:00-03:00',
      to: '2026-12-05T12:00:00Z',
      kind: 'redeem',
      outcome: 'redeemed',
    })
    const page = JournalPageSchema.parse(await (await t.call(`/api/pos/journal?${query}`)).json())
    expect(page.results).toEqual([inside])
  })

  it.each([
    ['from=yesterday', 'query.from'],
    ['to=2026-12-05T10:00:00', 'query.to'],
    ['kind=refund', 'query.kind'],
    ['outcome=lost', 'query.outcome'],
    ['limit=501', 'query.limit'],
    ['limit=0', 'query.limit'],
    ['cursor=abc', 'query.cursor'],
    ['page=2', 'query.page'],
    ['kind=redeem&kind=validate', 'query.kind'],
  ])('refuses %s: 400 validation-error naming %s', async (query, field) => {
    const t = await setup()
    const answer = await t.call(`/api/pos/journal?${query}`)
    expect(answer.status).toBe(400)
    const body = await problemOf(answer)
    expect(body.slug).toBe('validation-error')
    expect(body.errors?.map((e) => e.field)).toEqual([field])
  })

  it('405 for other methods; 503 service-unavailable when this till has no journal', async () => {
    const t = await setup()
    const post = await t.call('/api/pos/journal', { method: 'POST' })
    expect(post.status).toBe(405)
    expect(post.headers.get('allow')).toBe('GET')

    const without = await setup({ withJournal: false })
    for (const path of ['/api/pos/journal', '/api/pos/journal/summary?date=2026-12-05']) {
      const answer = await without.call(path)
      expect(answer.status).toBe(503)
      expect((await problemOf(answer)).slug).toBe('service-unavailable')
    }
  })
})

describe('GET /api/pos/journal/summary', () => {
  it("answers the day in the store's time zone", async () => {
    const t = await setup()
    t.store.append(entry({ at: Date.parse('2026-12-06T02:59:59Z') }))
    t.store.append(entry({ at: Date.parse('2026-12-06T03:00:00Z') }))
    const answer = await t.call('/api/pos/journal/summary?date=2026-12-05')
    expect(answer.status).toBe(200)
    expect(answer.headers.get('cache-control')).toBe('no-store')
    const summary = JournalSummarySchema.parse(await answer.json())
    expect(summary).toMatchObject({
      date: '2026-12-05',
      time_zone: 'America/Sao_Paulo',
      from: '2026-12-05T03:00:00.000Z',
      to: '2026-12-06T03:00:00.000Z',
      counts: { redeem: {}, validate: { validated: 1 } },
    })
  })

  it.each(['', '?date=2026-02-30', '?date=05/12/2026', '?day=2026-12-05'])(
    'refuses %j: 400 validation-error',
    async (query) => {
      const t = await setup()
      const answer = await t.call(`/api/pos/journal/summary${query}`)
      expect(answer.status).toBe(400)
      expect((await problemOf(answer)).slug).toBe('validation-error')
    },
  )
})

describe('POST /api/pos/journal/settlements', () => {
  const settle = (t: Awaited<ReturnType<typeof setup>>, body: unknown) =>
    t.call('/api/pos/journal/settlements', { method: 'POST', body: JSON.stringify(body) })

  it("settles this session's unknown entry once: 201 the new entry, then 409 conflict", async () => {
    const t = await setup()
    const unknown = t.store.append(
      entry({ outcome: 'unknown', session: t.session, request_id: 'lost-1' }),
    )
    const answer = await settle(t, { request_id: 'lost-1', outcome: 'validated' })
    expect(answer.status).toBe(201)
    const settled = JournalEntrySchema.parse(await answer.json())
    expect(settled).toMatchObject({
      kind: 'validate',
      outcome: 'validated',
      settles: unknown.id,
      session: t.session,
      coupon_code: 'CZ-7K3M9P2Q',
      customer_id: 'cu1',
      reward_id: 'rw1',
    })
    const again = await settle(t, { request_id: 'lost-1', outcome: 'not-spent' })
    expect(again.status).toBe(409)
    const problem = await problemOf(again)
    expect(problem.slug).toBe('conflict')
    expect(problem.body.settled_by).toBe(settled.id)
  })

  it("404 not-found for another session's entry, a settled outcome, or an unknown request id", async () => {
    const t = await setup()
    t.store.append(entry({ outcome: 'unknown', session: 'someone-else', request_id: 'theirs' }))
    t.store.append(entry({ outcome: 'validated', session: t.session, request_id: 'known' }))
    for (const request_id of ['theirs', 'known', 'never']) {
      const answer = await settle(t, { request_id, outcome: 'not-spent' })
      expect(answer.status, request_id).toBe(404)
      expect((await problemOf(answer)).slug).toBe('not-found')
    }
  })

  it.each([
    [{ request_id: 'lost-1', outcome: 'redeemed' }, 'outcome'],
    [{ request_id: 'lost-1', outcome: 'maybe' }, 'outcome'],
    [{ request_id: '', outcome: 'not-spent' }, 'request_id'],
    [{ request_id: 'lost-1', outcome: 'not-spent', points: 5 }, 'body'],
  ])('refuses %j: 400 validation-error', async (body, field) => {
    const t = await setup()
    t.store.append(entry({ outcome: 'unknown', session: t.session, request_id: 'lost-1' }))
    const answer = await settle(t, body)
    expect(answer.status).toBe(400)
    const problem = await problemOf(answer)
    expect(problem.slug).toBe('validation-error')
    expect(JSON.stringify(problem.errors)).toContain(field)
    // Nothing was written.
    expect(t.store.page({}).results).toHaveLength(1)
  })

  it('405 for GET', async () => {
    const t = await setup()
    const answer = await t.call('/api/pos/journal/settlements')
    expect(answer.status).toBe(405)
    expect(answer.headers.get('allow')).toBe('POST')
  })
})

describe('without a session', () => {
  it('every journal route answers 401 session-required', async () => {
    const t = await setup()
    for (const [method, path] of [
      ['GET', '/api/pos/journal'],
      ['GET', '/api/pos/journal/summary?date=2026-12-05'],
      ['POST', '/api/pos/journal/settlements'],
    ] as const) {
      const answer = await t.app.request(path, {
        method,
        headers: {
          'content-type': 'application/json',
          origin: 'http://localhost',
          host: 'localhost',
        },
        ...(method === 'POST' ? { body: '{"request_id":"x","outcome":"not-spent"}' } : {}),
      })
      expect(answer.status, path).toBe(401)
      expect((await problemOf(answer)).slug).toBe('session-required')
    }
  })
})
