import { Hono } from 'hono'
import { canonicalCouponCode } from '../../contract/codes'
import {
  JOURNAL_KINDS,
  JOURNAL_OUTCOMES,
  JournalSettlementSchema,
  type JournalKind,
  type JournalOutcome,
} from '../../contract/journal'
import { oneOf, type Validator } from '../../contract/validators'
import { sendProblem, type BffBindings, type BffContext } from '../context'
import { isCalendarDate } from '../../contract/calendar'
import { decodeCursor, MAX_PAGE_LIMIT, sqliteCode, type JournalStore } from '../journal/store'
import type { BffLogger } from '../logger'
import { bffProblem } from '../problems'
import { readJsonBody } from '../request-body'
import { checkQuery, type BodyRule } from '../routes'

/**
 * The till's journal API, /api/pos/journal (contract/journal.ts; a cashier session is required,
 * by middleware/session-gate.ts): the entries newest first, a day's summary, and the app's
 * settlement of an `unknown` outcome. Its answers are never cached (security-headers.ts).
 */

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/

/** An ISO 8601 instant with its offset (`Z` or `±hh:mm`), canonicalised to UTC. */
const instantValidator: Validator = {
  parse: (raw) => {
    if (!INSTANT.test(raw)) return null
    const ms = Date.parse(raw)
    return Number.isNaN(ms) ? null : new Date(ms).toISOString()
  },
  expects: 'an ISO 8601 instant with an offset, such as 2026-12-05T03:00:00Z',
}

const limitValidator: Validator = {
  parse: (raw) => (/^[1-9]\d{0,2}$/.test(raw) && Number(raw) <= MAX_PAGE_LIMIT ? raw : null),
  expects: `an integer 1-${MAX_PAGE_LIMIT}`,
}

const cursorValidator: Validator = {
  parse: (raw) => (decodeCursor(raw) === null ? null : raw),
  expects: 'the next cursor of a previous page',
}

const dateValidator: Validator = {
  parse: (raw) => (isCalendarDate(raw) ? raw : null),
  expects: 'a date YYYY-MM-DD',
}

const LIST_QUERY = {
  query: {
    from: instantValidator,
    to: instantValidator,
    kind: oneOf(JOURNAL_KINDS),
    outcome: oneOf(JOURNAL_OUTCOMES),
    cursor: cursorValidator,
    limit: limitValidator,
  },
}
const SUMMARY_QUERY = { query: { date: dateValidator } }
const SETTLEMENT_BODY: BodyRule = {
  schema: JournalSettlementSchema,
  optional: false,
  forward: false,
}

export interface JournalRoutesOptions {
  /** Null when the journal file could not be opened at startup: the routes answer 503. */
  store: JournalStore | null
  logger: BffLogger
  hash: (value: string) => string
  till: string
  now: () => number
}

export function createJournalRoutes(options: JournalRoutesOptions): Hono<BffBindings> {
  const { store, logger, hash, till, now } = options
  const api = new Hono<BffBindings>()

  /** Names the route for the log line; null when the method fits, else the 405 to send. */
  const allow = (c: BffContext, route: string, method: 'GET' | 'POST'): Response | null => {
    c.set('route', route)
    if (c.req.method === method) return null
    return sendProblem(c, bffProblem(405, 'method-not-allowed', `Use ${method}.`), {
      Allow: method,
    })
  }

  const unavailable = (c: BffContext) =>
    sendProblem(
      c,
      bffProblem(503, 'service-unavailable', 'This till has no journal (see its log).'),
    )

  /** A failed read of the file is ours (500), logged once with SQLite's code only. */
  const failed = (c: BffContext, error: unknown) => {
    logger.error(
      { request_id: c.get('requestId'), error_code: sqliteCode(error) },
      'journal: read failed',
    )
    return sendProblem(c, bffProblem(500, 'internal-error', 'The journal could not be read.'))
  }

  api.all('/', (c) => {
    const refused = allow(c, '/api/pos/journal', 'GET')
    if (refused) return refused
    const query = checkQuery(LIST_QUERY, c.get('query'))
    if (!query.ok)
      return sendProblem(
        c,
        bffProblem(400, 'validation-error', 'The query is invalid.', query.errors),
      )
    if (!store) return unavailable(c)
    const values = Object.fromEntries(query.entries)
    const from = values.from === undefined ? undefined : Date.parse(values.from)
    const to = values.to === undefined ? undefined : Date.parse(values.to)
    try {
      const page = store.page({
        ...(from === undefined ? {} : { from }),
        ...(to === undefined ? {} : { to }),
        ...(values.kind === undefined ? {} : { kind: values.kind as JournalKind }),
        ...(values.outcome === undefined ? {} : { outcome: values.outcome as JournalOutcome }),
        ...(values.cursor === undefined
          ? {}
          : { cursor: decodeCursor(values.cursor) ?? undefined }),
        ...(values.limit === undefined ? {} : { limit: Number(values.limit) }),
      })
      return c.json(page)
    } catch (error) {
      return failed(c, error)
    }
  })

  api.all('/summary', (c) => {
    const refused = allow(c, '/api/pos/journal/summary', 'GET')
    if (refused) return refused
    const query = checkQuery(SUMMARY_QUERY, c.get('query'))
    const date = query.ok ? query.entries.find(([key]) => key === 'date')?.[1] : undefined
    if (!query.ok || date === undefined)
      return sendProblem(
        c,
        bffProblem(
          400,
          'validation-error',
          'The query is invalid.',
          query.ok
            ? [{ field: 'query.date', detail: 'Required: a date YYYY-MM-DD.' }]
            : query.errors,
        ),
      )
    if (!store) return unavailable(c)
    try {
      return c.json(store.summary(date))
    } catch (error) {
      return failed(c, error)
    }
  })

  api.all('/settlements', async (c) => {
    const refused = allow(c, '/api/pos/journal/settlements', 'POST')
    if (refused) return refused
    const read = await readJsonBody(c.req.raw, SETTLEMENT_BODY)
    if (!read.ok) return sendProblem(c, read.problem)
    const body = JournalSettlementSchema.parse(read.value)
    if (!store) return unavailable(c)
    // The session gate let the request in, so it has one; the check keeps the type honest.
    const session = c.get('session')
    if (!session)
      return sendProblem(
        c,
        bffProblem(401, 'session-required', 'Sign in with the cashier PIN first.'),
      )
    let result: ReturnType<JournalStore['settle']>
    try {
      result = store.settle({
        request_id: body.request_id,
        session: hash(session.id),
        outcome: body.outcome,
        coupon_code:
          body.coupon_code === undefined
            ? null
            : (canonicalCouponCode(body.coupon_code) ?? body.coupon_code.trim()),
        at: now(),
        till,
      })
    } catch (error) {
      logger.error(
        { request_id: c.get('requestId'), error_code: sqliteCode(error) },
        'journal: write failed',
      )
      return sendProblem(c, bffProblem(500, 'internal-error', 'The journal could not be written.'))
    }
    switch (result.kind) {
      case 'not-found':
        return sendProblem(
          c,
          bffProblem(
            404,
            'not-found',
            'This session has no unknown outcome with that request id in the journal.',
          ),
        )
      case 'already-settled':
        return sendProblem(
          c,
          bffProblem(409, 'conflict', 'That unknown outcome is already settled.', undefined, {
            settled_by: result.settledBy,
          }),
        )
      case 'wrong-kind':
        return sendProblem(
          c,
          bffProblem(400, 'validation-error', 'The outcome does not fit the entry.', [
            {
              field: 'outcome',
              detail: `A ${result.entryKind} settles as ${result.entryKind === 'redeem' ? 'redeemed' : 'validated'} or not-spent.`,
            },
          ]),
        )
      case 'settled':
        return c.json(result.entry, 201)
    }
  })

  return api
}
