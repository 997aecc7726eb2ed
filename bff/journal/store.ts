import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import {
  JOURNAL_KINDS,
  JOURNAL_OUTCOMES,
  type JournalEntry,
  type JournalKind,
  type JournalOutcome,
  type JournalPage,
  type JournalSummary,
} from '../../contract/journal'
import type { BffLogger } from '../logger'
import { dayBounds } from '../../contract/calendar'

/**
 * The till's journal on SQLite (docs/decisions/011-till-journal.md): one row per redeem or
 * validate this BFF sent, appended and never changed. A trigger refuses UPDATE, and DELETE of
 * anything younger than a day (retention is at least a day), so only the pruning can remove rows.
 */

export const DEFAULT_PAGE_LIMIT = 100
export const MAX_PAGE_LIMIT = 500
const DAY_MS = 86_400_000

/** The outcome that says an entry of each kind did spend. */
const SPENT = { redeem: 'redeemed', validate: 'validated' } as const

/** What the recorder writes; the store adds `id`. */
export interface NewJournalEntry {
  /** Epoch ms of the upstream answer (or of its absence). */
  readonly at: number
  readonly kind: JournalKind
  readonly outcome: JournalOutcome
  readonly coupon_code: string | null
  readonly reward_id: string | null
  readonly reward_name: string | null
  readonly customer_id: string
  readonly points_spent: number | null
  readonly session: string
  readonly till: string
  readonly settles: number | null
  readonly request_id: string
  /**
   * Points a redeem would spend (the reward's price), kept for an `unknown` entry so that
   * confirming it can count them; not part of the API's entry.
   */
  readonly points_at_stake?: number | null
}

export interface JournalQuery {
  /** Epoch ms, inclusive. */
  readonly from?: number
  /** Epoch ms, exclusive. */
  readonly to?: number
  readonly kind?: JournalKind
  readonly outcome?: JournalOutcome
  /** From a previous page's `next`; see {@link decodeCursor}. */
  readonly cursor?: JournalCursor
  readonly limit?: number
}

export interface JournalCursor {
  readonly at: number
  readonly id: number
}

export type SettleResult =
  | { kind: 'settled'; entry: JournalEntry }
  | { kind: 'not-found' }
  | { kind: 'already-settled'; settledBy: number }
  /** `validated` for a redeem or `redeemed` for a validate. */
  | { kind: 'wrong-kind'; entryKind: JournalKind }

export interface Settlement {
  readonly request_id: string
  readonly session: string
  readonly outcome: 'validated' | 'redeemed' | 'not-spent'
  readonly coupon_code: string | null
  readonly at: number
  readonly till: string
}

export interface JournalStore {
  /** Appends one entry; throws what SQLite throws (a read-only file, a full disk). */
  append(entry: NewJournalEntry): JournalEntry
  page(query: JournalQuery): JournalPage
  summary(date: string): JournalSummary
  /**
   * Writes the entry that settles this session's `unknown` entry for `request_id`, at most once
   * (a unique index on `settles` holds that even across processes sharing the file).
   */
  settle(settlement: Settlement): SettleResult
  /** Deletes entries older than the retention; returns how many. */
  prune(): number
  close(): void
}

export interface JournalStoreOptions {
  /** Days entries are kept (POS_JOURNAL_DAYS). */
  readonly retentionDays: number
  /** The store's time zone (POS_TIME_ZONE), for `summary`. */
  readonly timeZone: string
  readonly now?: () => number
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS journal (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN (${JOURNAL_KINDS.map((k) => `'${k}'`).join(', ')})),
  outcome TEXT NOT NULL CHECK (outcome IN (${JOURNAL_OUTCOMES.map((o) => `'${o}'`).join(', ')})),
  coupon_code TEXT,
  reward_id TEXT,
  reward_name TEXT,
  customer_id TEXT NOT NULL,
  points_spent INTEGER,
  session TEXT NOT NULL,
  till TEXT NOT NULL,
  settles INTEGER,
  request_id TEXT NOT NULL,
  points_at_stake INTEGER
);
CREATE INDEX IF NOT EXISTS journal_by_time ON journal (at, id);
CREATE INDEX IF NOT EXISTS journal_by_request ON journal (request_id);
CREATE UNIQUE INDEX IF NOT EXISTS journal_settled_once ON journal (settles) WHERE settles IS NOT NULL;
CREATE TRIGGER IF NOT EXISTS journal_append_only BEFORE UPDATE ON journal
BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
CREATE TRIGGER IF NOT EXISTS journal_keeps_recent BEFORE DELETE ON journal
WHEN old.at > (unixepoch('subsec') - 86400) * 1000
BEGIN SELECT RAISE(ABORT, 'journal entries younger than a day are never deleted'); END;
`

interface Row {
  id: number
  at: number
  kind: JournalKind
  outcome: JournalOutcome
  coupon_code: string | null
  reward_id: string | null
  reward_name: string | null
  customer_id: string
  points_spent: number | null
  session: string
  till: string
  settles: number | null
  request_id: string
  points_at_stake: number | null
}

function toEntry(row: Row): JournalEntry {
  return {
    id: row.id,
    at: new Date(row.at).toISOString(),
    kind: row.kind,
    outcome: row.outcome,
    coupon_code: row.coupon_code,
    reward_id: row.reward_id,
    reward_name: row.reward_name,
    customer_id: row.customer_id,
    points_spent: row.points_spent,
    session: row.session,
    till: row.till,
    settles: row.settles,
    request_id: row.request_id,
  }
}

/** The opaque `next` of a page: base64url of `at.id` of its last entry. */
export function encodeCursor(cursor: JournalCursor): string {
  return Buffer.from(`${cursor.at}.${cursor.id}`).toString('base64url')
}

export function decodeCursor(raw: string): JournalCursor | null {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(raw)) return null
  const match = /^(\d{1,15})\.(\d{1,15})$/.exec(Buffer.from(raw, 'base64url').toString())
  if (!match) return null
  return { at: Number(match[1]), id: Number(match[2]) }
}

/** Opens (or creates) the journal file; `:memory:` for a journal that lives as long as the process. */
export function openJournalStore(file: string, options: JournalStoreOptions): JournalStore {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const db = new Database(file)
  try {
    return createJournalStore(db, options)
  } catch (error) {
    db.close()
    throw error
  }
}

/** The store over an open database (tests hand it one opened read-only or size-capped). */
export function createJournalStore(
  db: Database.Database,
  options: JournalStoreOptions,
): JournalStore {
  const now = options.now ?? Date.now
  const { timeZone } = options
  if (!db.readonly) {
    db.pragma('journal_mode = WAL')
    // WAL with synchronous=NORMAL is durable across a process crash; only a power cut can lose the
    // last commits, which the store accepts for a till.
    db.pragma('synchronous = NORMAL')
    db.exec(SCHEMA)
  }
  db.pragma('busy_timeout = 2000')

  const insert = db.prepare<NewJournalEntry & { points_at_stake: number | null }, Row>(
    `INSERT INTO journal (at, kind, outcome, coupon_code, reward_id, reward_name, customer_id,
       points_spent, session, till, settles, request_id, points_at_stake)
     VALUES (@at, @kind, @outcome, @coupon_code, @reward_id, @reward_name, @customer_id,
       @points_spent, @session, @till, @settles, @request_id, @points_at_stake)
     RETURNING *`,
  )
  const unknownEntry = db.prepare<[string, string], Row>(
    `SELECT * FROM journal WHERE request_id = ? AND session = ? AND outcome = 'unknown'
       AND settles IS NULL ORDER BY id DESC LIMIT 1`,
  )
  const settledBy = db.prepare<[number], { id: number }>('SELECT id FROM journal WHERE settles = ?')
  const deleteOlder = db.prepare<[number]>('DELETE FROM journal WHERE at < ?')
  const dayRows = db.prepare<[number, number], Row>(
    'SELECT * FROM journal WHERE at >= ? AND at < ? ORDER BY at, id',
  )

  const append = (entry: NewJournalEntry): JournalEntry => {
    const row = insert.get({ ...entry, points_at_stake: entry.points_at_stake ?? null })
    if (!row) throw new Error('the journal insert returned no row')
    return toEntry(row)
  }

  const page = (query: JournalQuery): JournalPage => {
    const where: string[] = []
    const values: (string | number)[] = []
    const filter = (condition: string, ...params: (string | number)[]) => {
      where.push(condition)
      values.push(...params)
    }
    if (query.from !== undefined) filter('at >= ?', query.from)
    if (query.to !== undefined) filter('at < ?', query.to)
    if (query.kind !== undefined) filter('kind = ?', query.kind)
    if (query.outcome !== undefined) filter('outcome = ?', query.outcome)
    if (query.cursor !== undefined)
      filter('(at < ? OR (at = ? AND id < ?))', query.cursor.at, query.cursor.at, query.cursor.id)
    const limit = Math.min(Math.max(query.limit ?? DEFAULT_PAGE_LIMIT, 1), MAX_PAGE_LIMIT)
    // One row more than asked says whether an older page exists.
    const rows = db
      .prepare<(string | number)[], Row>(
        `SELECT * FROM journal ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY at DESC, id DESC LIMIT ?`,
      )
      .all(...values, limit + 1)
    const results = rows.slice(0, limit)
    const last = results.at(-1)
    return {
      results: results.map(toEntry),
      next: rows.length > limit && last ? encodeCursor({ at: last.at, id: last.id }) : null,
    }
  }

  const summary = (date: string): JournalSummary => {
    const { from, to } = dayBounds(date, timeZone)
    const counts: JournalSummary['counts'] = { redeem: {}, validate: {} }
    const rewards = new Map<string, JournalSummary['rewards'][number]>()
    let pointsSpent = 0
    for (const row of dayRows.all(from, to)) {
      const perKind = counts[row.kind]
      perKind[row.outcome] = (perKind[row.outcome] ?? 0) + 1
      const spent =
        row.kind === 'redeem' && row.outcome === 'redeemed' ? (row.points_spent ?? 0) : 0
      pointsSpent += spent
      const counted = row.outcome === 'redeemed' || row.outcome === 'validated'
      if (!counted || (row.reward_id === null && row.reward_name === null)) continue
      const key = row.reward_id === null ? `name:${row.reward_name ?? ''}` : `id:${row.reward_id}`
      const reward = rewards.get(key) ?? {
        reward_id: row.reward_id,
        reward_name: row.reward_name,
        redeemed: 0,
        validated: 0,
        points_spent: 0,
      }
      if (row.outcome === 'redeemed') reward.redeemed += 1
      else reward.validated += 1
      reward.points_spent += spent
      // The latest name wins: a reward renamed during the day shows its current name.
      if (row.reward_name !== null) reward.reward_name = row.reward_name
      rewards.set(key, reward)
    }
    const busiest = [...rewards.values()].sort(
      (a, b) =>
        b.redeemed + b.validated - (a.redeemed + a.validated) ||
        b.points_spent - a.points_spent ||
        (a.reward_name ?? '').localeCompare(b.reward_name ?? ''),
    )
    return {
      date,
      time_zone: timeZone,
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      counts,
      rewards: busiest,
      points_spent: pointsSpent,
    }
  }

  const settleOnce = db.transaction((settlement: Settlement): SettleResult => {
    const unknown = unknownEntry.get(settlement.request_id, settlement.session)
    if (!unknown) return { kind: 'not-found' }
    const previous = settledBy.get(unknown.id)
    if (previous) return { kind: 'already-settled', settledBy: previous.id }
    if (settlement.outcome !== 'not-spent' && settlement.outcome !== SPENT[unknown.kind])
      return { kind: 'wrong-kind', entryKind: unknown.kind }
    const entry = append({
      at: settlement.at,
      kind: unknown.kind,
      outcome: settlement.outcome,
      coupon_code: settlement.coupon_code ?? unknown.coupon_code,
      reward_id: unknown.reward_id,
      reward_name: unknown.reward_name,
      customer_id: unknown.customer_id,
      points_spent: settlement.outcome === 'redeemed' ? unknown.points_at_stake : null,
      session: settlement.session,
      till: settlement.till,
      settles: unknown.id,
      request_id: settlement.request_id,
    })
    return { kind: 'settled', entry }
  })

  const settle = (settlement: Settlement): SettleResult => {
    try {
      // IMMEDIATE: the check and the insert hold the write lock together.
      return settleOnce.immediate(settlement)
    } catch (error) {
      // Another process sharing the file settled it between our check and our insert.
      if ((error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
        const unknown = unknownEntry.get(settlement.request_id, settlement.session)
        const previous = unknown ? settledBy.get(unknown.id) : undefined
        if (previous) return { kind: 'already-settled', settledBy: previous.id }
      }
      throw error
    }
  }

  const prune = (): number => deleteOlder.run(now() - options.retentionDays * DAY_MS).changes

  return {
    append,
    page,
    summary,
    settle,
    prune,
    close: () => {
      db.close()
    },
  }
}

/**
 * Prunes now and then once a day, on a timer that does not keep the process alive. A failed prune
 * is logged and tried again the next day. Returns the function that stops the timer.
 */
export function scheduleRetention(
  store: Pick<JournalStore, 'prune'>,
  logger: Pick<BffLogger, 'info' | 'error'>,
): () => void {
  const run = () => {
    try {
      const pruned = store.prune()
      if (pruned > 0) logger.info({ pruned }, 'journal: old entries pruned')
    } catch (error) {
      logger.error({ error_code: sqliteCode(error) }, 'journal: pruning failed')
    }
  }
  run()
  const timer = setInterval(run, DAY_MS)
  timer.unref()
  return () => {
    clearInterval(timer)
  }
}

/** SQLite's error code (`SQLITE_FULL`, `SQLITE_READONLY`…) or the error's name: never its text. */
export function sqliteCode(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const code = (error as { code?: unknown }).code
    if (typeof code === 'string' && /^[A-Z0-9_]{1,64}$/.test(code)) return code
    if (error instanceof Error) return error.name
  }
  return 'unknown'
}
