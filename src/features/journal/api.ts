import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query'
import {
  JournalPageSchema,
  JournalSummarySchema,
  type JournalEntry,
  type JournalPage,
  type JournalOutcome,
} from '../../../contract/journal'
import { getJson } from '../../lib/api-client'

/** The list's filter: one outcome, or all of them. */
export type OutcomeFilter = JournalOutcome | 'all'

/** The BFF's bounds of one store day (from its summary): `from` inclusive, `to` exclusive. */
export interface DayBounds {
  from: string
  to: string
}

export const journalKeys = {
  all: ['journal'] as const,
  summary: (date: string) => [...journalKeys.all, 'summary', date] as const,
  entries: (day: DayBounds, outcome: OutcomeFilter) =>
    [...journalKeys.all, 'entries', day, outcome] as const,
  export: (day: DayBounds) => [...journalKeys.all, 'export', day] as const,
}

/** A screenful and a bit; "Load more" fetches the next. */
const SCREEN_PAGE_SIZE = 50
/** The BFF's largest page: fewer round trips for a busy day. */
const EXPORT_PAGE_SIZE = 500
/** A busy till does a few hundred a day; the cap only stops a cursor loop from running forever. */
const MAX_EXPORT_PAGES = 500

// The journal is written as the tills work: a visit to Today shows what just happened.
const JOURNAL_STALE_MS = 0

function pagePath(day: DayBounds, outcome: OutcomeFilter, limit: number, cursor: string | null) {
  const query = new URLSearchParams({ from: day.from, to: day.to })
  if (outcome !== 'all') query.set('outcome', outcome)
  if (cursor !== null) query.set('cursor', cursor)
  query.set('limit', String(limit))
  return `/api/pos/journal?${query.toString()}`
}

/** `GET /api/pos/journal/summary?date=`: the store day's counts, rewards and bounds. */
export const journalSummaryQueryOptions = (date: string) =>
  queryOptions({
    queryKey: journalKeys.summary(date),
    queryFn: ({ signal }) =>
      getJson(
        `/api/pos/journal/summary?${new URLSearchParams({ date }).toString()}`,
        JournalSummarySchema,
        { signal },
      ),
    staleTime: JOURNAL_STALE_MS,
  })

/** The day's entries, newest first, a page at a time. */
export const journalEntriesQueryOptions = (day: DayBounds, outcome: OutcomeFilter) =>
  infiniteQueryOptions({
    queryKey: journalKeys.entries(day, outcome),
    queryFn: ({ pageParam, signal }) =>
      getJson(pagePath(day, outcome, SCREEN_PAGE_SIZE, pageParam), JournalPageSchema, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next,
    staleTime: JOURNAL_STALE_MS,
  })

/** Every entry of the day, newest first, following `next` to the end (for the CSV file). */
export const journalExportQueryOptions = (day: DayBounds) =>
  queryOptions({
    queryKey: journalKeys.export(day),
    queryFn: async ({ signal }) => {
      const entries: JournalEntry[] = []
      let cursor: string | null = null
      for (let page = 0; page < MAX_EXPORT_PAGES; page += 1) {
        const result: JournalPage = await getJson(
          pagePath(day, 'all', EXPORT_PAGE_SIZE, cursor),
          JournalPageSchema,
          { signal },
        )
        entries.push(...result.results)
        cursor = result.next
        if (cursor === null) return entries
      }
      throw new Error(`The journal's cursor did not end after ${MAX_EXPORT_PAGES} pages`)
    },
    // Each export reads the journal as it is now.
    staleTime: 0,
    gcTime: 0,
  })
