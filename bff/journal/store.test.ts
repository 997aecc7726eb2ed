import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { JournalPageSchema, JournalSummarySchema } from '../../contract/journal'
import { captureLogger } from '../testing/http'
import { newJournalEntry as entry } from '../testing/journal'
import {
  createJournalStore,
  decodeCursor,
  openJournalStore,
  scheduleRetention,
  type JournalStore,
} from './store'

const DAY = 86_400_000
const OPTIONS = { retentionDays: 90, timeZone: 'America/Sao_Paulo' }

let dir: string
let stores: JournalStore[]

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'zupy-journal-'))
  stores = []
})
afterEach(() => {
  for (const store of stores) store.close()
  rmSync(dir, { recursive: true, force: true })
})

function open(file = join(dir, 'nested', 'journal.db'), options = {}) {
  const store = openJournalStore(file, { ...OPTIONS, ...options })
  stores.push(store)
  return store
}

describe('the journal file', () => {
  it('creates its folder, uses WAL, and keeps entries across close and reopen', () => {
    const file = join(dir, 'nested', 'journal.db')
    const first = openJournalStore(file, OPTIONS)
    const written = first.append(entry())
    first.close()
    const again = open(file)
    expect(again.page({}).results).toEqual([written])
    const raw = new Database(file, { readonly: true })
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal')
    raw.close()
  })

  it('is append-only: an UPDATE, or a DELETE of a recent entry, is refused by SQLite itself', () => {
    const file = join(dir, 'journal.db')
    const store = open(file)
    store.append(entry())
    const raw = new Database(file)
    expect(() => raw.prepare("UPDATE journal SET outcome = 'refused'").run()).toThrow(/append-only/)
    expect(() => raw.prepare('DELETE FROM journal').run()).toThrow(/younger than a day/)
    raw.close()
    expect(store.page({}).results).toHaveLength(1)
  })
})

describe('retention', () => {
  it('prunes entries older than POS_JOURNAL_DAYS and keeps the rest', () => {
    const now = Date.now()
    const store = open(undefined, { retentionDays: 30 })
    const old = store.append(entry({ at: now - 31 * DAY }))
    const kept = store.append(entry({ at: now - 29 * DAY }))
    expect(store.prune()).toBe(1)
    const ids = store.page({}).results.map((e) => e.id)
    expect(ids).toEqual([kept.id])
    expect(ids).not.toContain(old.id)
  })

  it('prunes at start and logs a failed prune instead of throwing', () => {
    const store = open(undefined, { retentionDays: 1 })
    store.append(entry({ at: Date.now() - 2 * DAY }))
    const logs = captureLogger()
    const stop = scheduleRetention(store, logs.logger)
    stop()
    expect(store.page({}).results).toEqual([])
    expect(logs.records()).toMatchObject([{ msg: 'journal: old entries pruned', pruned: 1 }])

    const failing = captureLogger()
    scheduleRetention(
      {
        prune: () => {
          throw Object.assign(new Error('disk I/O error /secret/path'), { code: 'SQLITE_IOERR' })
        },
      },
      failing.logger,
    )()
    expect(failing.records()).toMatchObject([
      { level: 'error', msg: 'journal: pruning failed', error_code: 'SQLITE_IOERR' },
    ])
    expect(failing.lines.join('\n')).not.toContain('/secret/path')
  })
})

describe('pages', () => {
  it('newest first, filtered, and paged by an opaque cursor without gaps or repeats', () => {
    const store = open()
    const base = Date.parse('2026-12-05T12:00:00Z')
    const written = [
      // Two entries at the same millisecond: the id orders them.
      store.append(entry({ at: base })),
      store.append(entry({ at: base })),
      store.append(
        entry({ at: base + 1000, kind: 'redeem', outcome: 'redeemed', points_spent: 300 }),
      ),
      store.append(entry({ at: base + 2000, outcome: 'already-used' })),
      store.append(entry({ at: base - 1000 })),
    ]
    const newestFirst = [...written].sort((a, b) => b.at.localeCompare(a.at) || b.id - a.id)
    const seen: number[] = []
    let cursor: string | null = null
    do {
      const page = JournalPageSchema.parse(
        store.page({ limit: 2, ...(cursor ? { cursor: decodeCursor(cursor) ?? undefined } : {}) }),
      )
      expect(page.results.length).toBeLessThanOrEqual(2)
      seen.push(...page.results.map((e) => e.id))
      cursor = page.next
    } while (cursor !== null)
    expect(seen).toEqual(newestFirst.map((e) => e.id))

    expect(store.page({ kind: 'redeem' }).results.map((e) => e.outcome)).toEqual(['redeemed'])
    expect(store.page({ outcome: 'already-used' }).results).toHaveLength(1)
    // from inclusive, to exclusive.
    const window = store.page({ from: base, to: base + 2000 }).results
    expect(window.map((e) => e.at)).toEqual([
      new Date(base + 1000).toISOString(),
      new Date(base).toISOString(),
      new Date(base).toISOString(),
    ])
  })

  it('refuses a cursor that is not one of its own', () => {
    expect(decodeCursor('not a cursor')).toBeNull()
    expect(decodeCursor(Buffer.from('12;3').toString('base64url'))).toBeNull()
    expect(decodeCursor(Buffer.from('1700000000000.42').toString('base64url'))).toEqual({
      at: 1700000000000,
      id: 42,
    })
  })
})

describe('settlements', () => {
  const settle = (
    store: JournalStore,
    change: Partial<Parameters<JournalStore['settle']>[0]> = {},
  ) =>
    store.settle({
      request_id: 'lost-1',
      session: 'sessionhash00001',
      outcome: 'redeemed',
      coupon_code: 'CZ-ABCD2345',
      at: Date.now(),
      till: 'Caixa 2',
      ...change,
    })

  it('settles an unknown entry of the same session once, with its kind, customer and reward', () => {
    const store = open()
    const unknown = store.append(
      entry({
        kind: 'redeem',
        outcome: 'unknown',
        coupon_code: null,
        request_id: 'lost-1',
        points_at_stake: 300,
      }),
    )
    expect(settle(store, { session: 'another-session' })).toEqual({ kind: 'not-found' })
    expect(settle(store, { request_id: 'lost-2' })).toEqual({ kind: 'not-found' })
    expect(settle(store, { outcome: 'validated' })).toEqual({
      kind: 'wrong-kind',
      entryKind: 'redeem',
    })
    const first = settle(store)
    expect(first).toMatchObject({
      kind: 'settled',
      entry: {
        kind: 'redeem',
        outcome: 'redeemed',
        settles: unknown.id,
        customer_id: 'cu1',
        reward_id: 'rw1',
        reward_name: 'Sobremesa',
        coupon_code: 'CZ-ABCD2345',
        // The reward's price, kept with the unknown entry: confirmed points count.
        points_spent: 300,
        till: 'Caixa 2',
        request_id: 'lost-1',
      },
    })
    const settledId = first.kind === 'settled' ? first.entry.id : 0
    expect(settle(store, { outcome: 'not-spent' })).toEqual({
      kind: 'already-settled',
      settledBy: settledId,
    })
    expect(store.page({}).results).toHaveLength(2)
  })

  it('only unknown entries are settled', () => {
    const store = open()
    store.append(entry({ outcome: 'validated', request_id: 'lost-1' }))
    expect(settle(store, { outcome: 'validated' })).toEqual({ kind: 'not-found' })
  })

  it('the unique index holds even for a second writer on the same file', () => {
    const file = join(dir, 'journal.db')
    const store = open(file)
    const unknown = store.append(entry({ outcome: 'unknown', request_id: 'lost-1' }))
    const other = new Database(file)
    const insert = () =>
      other
        .prepare(
          `INSERT INTO journal (at, kind, outcome, customer_id, session, till, settles, request_id)
           VALUES (?, 'validate', 'not-spent', 'cu1', 's', 't', ?, 'lost-1')`,
        )
        .run(Date.now(), unknown.id)
    insert()
    expect(insert).toThrow(/UNIQUE/)
    other.close()
  })
})

describe('summary', () => {
  it('counts a São Paulo day by kind and outcome, per reward, and the points spent', () => {
    const store = open()
    // 2026-12-05 in São Paulo is 03:00Z to 03:00Z the next day.
    const inDay = Date.parse('2026-12-05T03:00:00Z')
    const before = inDay - 1
    const after = Date.parse('2026-12-06T03:00:00Z')
    const redeem = (at: number, reward: string, points: number) =>
      store.append(
        entry({
          at,
          kind: 'redeem',
          outcome: 'redeemed',
          reward_id: reward,
          reward_name: reward === 'rw1' ? 'Sobremesa' : 'Café',
          points_spent: points,
        }),
      )
    redeem(inDay, 'rw1', 300)
    redeem(inDay + 5000, 'rw1', 300)
    redeem(inDay + 6000, 'rw2', 150)
    redeem(before, 'rw1', 300)
    redeem(after, 'rw1', 300)
    store.append(entry({ at: inDay + 7000 }))
    store.append(entry({ at: inDay + 8000, outcome: 'already-used' }))
    store.append(
      entry({ at: inDay + 9000, outcome: 'not-found', reward_id: null, reward_name: null }),
    )
    store.append(
      entry({
        at: inDay + 9500,
        kind: 'redeem',
        outcome: 'refused',
        reward_id: 'rw2',
        reward_name: 'Café',
      }),
    )
    store.append(
      entry({
        at: inDay + 10_000,
        kind: 'redeem',
        outcome: 'unknown',
        reward_id: 'rw2',
        reward_name: 'Café',
        request_id: 'lost-9',
        points_at_stake: 150,
      }),
    )
    store.settle({
      request_id: 'lost-9',
      session: 'sessionhash00001',
      outcome: 'redeemed',
      coupon_code: null,
      at: inDay + 11_000,
      till: 'Caixa 1',
    })
    const summary = JournalSummarySchema.parse(store.summary('2026-12-05'))
    expect(summary).toEqual({
      date: '2026-12-05',
      time_zone: 'America/Sao_Paulo',
      from: '2026-12-05T03:00:00.000Z',
      to: '2026-12-06T03:00:00.000Z',
      counts: {
        redeem: { redeemed: 4, refused: 1, unknown: 1 },
        validate: { validated: 1, 'already-used': 1, 'not-found': 1 },
      },
      rewards: [
        {
          reward_id: 'rw1',
          reward_name: 'Sobremesa',
          redeemed: 2,
          validated: 1,
          points_spent: 600,
        },
        { reward_id: 'rw2', reward_name: 'Café', redeemed: 2, validated: 0, points_spent: 300 },
      ],
      points_spent: 900,
    })
  })
})

describe('a file it cannot write', () => {
  it('a read-only database refuses appends with SQLITE_READONLY (what the recorder logs)', () => {
    const file = join(dir, 'journal.db')
    openJournalStore(file, OPTIONS).close()
    const store = createJournalStore(new Database(file, { readonly: true }), OPTIONS)
    stores.push(store)
    expect(() => store.append(entry())).toThrow(
      expect.objectContaining({ code: 'SQLITE_READONLY' }),
    )
  })
})
