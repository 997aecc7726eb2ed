import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { isCalendarDate } from '../../../contract/calendar'
import { JOURNAL_OUTCOMES, type JournalEntry, type JournalSummary } from '../../../contract/journal'
import { ApiErrorMessage } from '../../components/ui/api-error-message'
import { Button } from '../../components/ui/button'
import { Card } from '../../components/ui/card'
import { cn } from '../../components/ui/cn'
import { Field } from '../../components/ui/field'
import { PageTitle } from '../../components/ui/page-title'
import { usePrint } from '../../components/ui/print-area'
import { Select } from '../../components/ui/select'
import { Spinner } from '../../components/ui/spinner'
import { formatNumber } from '../../i18n/format'
import { currentLanguage } from '../../i18n/i18n'
import type { Language } from '../../i18n/languages'
import { ApiError } from '../../lib/api-client'
import {
  journalEntriesQueryOptions,
  journalExportQueryOptions,
  journalSummaryQueryOptions,
  type DayBounds,
  type OutcomeFilter,
} from './api'
import { dateIn, formatDay, formatTime } from './day'
import { csvFileName, downloadText, journalCsv } from './journal-csv'
import { SummaryPrint } from './summary-print'
import { SummaryCard } from './summary-card'
import { stacked } from './stacked-table'

/** The day and the outcome live in the URL (`?date=`, `?outcome=`): Back and reload keep them. */
const DATE_PARAM = 'date'
const OUTCOME_PARAM = 'outcome'

function isOutcomeFilter(value: unknown): value is OutcomeFilter {
  return value === 'all' || JOURNAL_OUTCOMES.some((outcome) => outcome === value)
}

/**
 * `/journal`: what this store's tills did on one day (today unless another is picked), so a
 * cashier can answer "was this coupon already used, when, at which till?" and the owner can export
 * the day and print its summary. `timeZone` and `till` come from the BFF's config; the store day
 * is the BFF's (its summary gives the day's bounds for the list).
 */
export function TodayScreen({ timeZone, till }: { timeZone?: string; till?: string }) {
  const { t, i18n } = useTranslation()
  const language = currentLanguage(i18n)
  const [searchParams, setSearchParams] = useSearchParams()
  const today = dateIn(timeZone)
  const requestedDate = searchParams.get(DATE_PARAM)
  const date = isCalendarDate(requestedDate) ? requestedDate : today
  const requestedOutcome = searchParams.get(OUTCOME_PARAM)
  const outcome = isOutcomeFilter(requestedOutcome) ? requestedOutcome : 'all'
  const dateId = useId()
  const outcomeId = useId()

  const summary = useQuery(journalSummaryQueryOptions(date))
  const storeZone = timeZone ?? summary.data?.time_zone

  const setParam = (name: string, value: string, fallback: string) => {
    setSearchParams(
      (params) => {
        if (value === fallback) params.delete(name)
        else params.set(name, value)
        return params
      },
      { replace: true },
    )
  }

  const title = date === today ? t('journal.title') : formatDay(date, language)

  return (
    <>
      <PageTitle title={title} appName={t('app.name')}>
        {date === today ? `${formatDay(date, language)}. ` : ''}
        {t('journal.description')}
      </PageTitle>
      <div className="flex flex-col gap-6">
        <div className="grid gap-4 sm:grid-cols-2">
          <Field htmlFor={dateId} label={t('journal.day')}>
            <input
              id={dateId}
              type="date"
              value={date}
              max={today}
              required
              onChange={(event) => {
                // Clearing the field (its ✕) means "back to today", not "no day".
                const next = event.target.value
                setParam(DATE_PARAM, isCalendarDate(next) ? next : today, today)
              }}
              className="min-h-touch w-full rounded-lg border-2 border-line bg-white px-3 text-base"
            />
          </Field>
          <Field htmlFor={outcomeId} label={t('journal.outcomeFilter')}>
            <Select
              id={outcomeId}
              value={outcome}
              onChange={(event) => {
                setParam(OUTCOME_PARAM, event.target.value, 'all')
              }}
            >
              <option value="all">{t('journal.allOutcomes')}</option>
              {JOURNAL_OUTCOMES.map((value) => (
                <option key={value} value={value}>
                  {t(`journal.outcomes.${value}`)}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        {summary.data !== undefined ? (
          <>
            <DayActions summary={summary.data} till={till} timeZone={storeZone} />
            <SummaryCard summary={summary.data} />
            <Entries
              day={{ from: summary.data.from, to: summary.data.to }}
              outcome={outcome}
              timeZone={storeZone}
              language={language}
            />
          </>
        ) : (
          <NoDataYet query={summary} loading={t('journal.summary.loading')} />
        )}
      </div>
    </>
  )
}

/**
 * A query without data yet: its error with a retry, or a spinner and what is loading. (While a
 * retry runs the query has no error, so the spinner shows again.)
 */
function NoDataYet({
  query,
  loading,
}: {
  query: { error: ApiError | null; refetch: () => Promise<unknown> }
  loading: string
}) {
  return query.error !== null ? (
    <ApiErrorMessage
      error={query.error}
      onRetry={() => {
        void query.refetch()
      }}
    />
  ) : (
    <p className="flex items-center gap-2 text-lg text-ink-subtle">
      <Spinner />
      {loading}
    </p>
  )
}

/** "Export CSV" (the whole day, whatever the filter) and "Print summary". */
function DayActions({
  summary,
  till,
  timeZone,
}: {
  summary: JournalSummary
  till: string | undefined
  timeZone: string | undefined
}) {
  const { t, i18n } = useTranslation()
  const queryClient = useQueryClient()
  const { print, printArea } = usePrint()
  const exportCsv = useMutation({
    mutationFn: async () => {
      const entries = await queryClient.query(
        journalExportQueryOptions({ from: summary.from, to: summary.to }),
      )
      const csv = journalCsv(entries, { t, language: currentLanguage(i18n), timeZone })
      downloadText(csvFileName(summary.date), csv, 'text/csv;charset=utf-8')
    },
  })

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-col gap-3 sm:flex-row">
        <Button
          variant="secondary"
          disabled={exportCsv.isPending}
          onClick={() => {
            exportCsv.mutate()
          }}
        >
          {exportCsv.isPending && <Spinner />}
          {exportCsv.isPending ? t('journal.csv.exporting') : t('journal.csv.button')}
        </Button>
        <Button
          variant="secondary"
          onClick={() => {
            print(<SummaryPrint summary={summary} till={till} />, t('journal.print.label'))
          }}
        >
          {t('journal.print.button')}
        </Button>
      </div>
      {exportCsv.error !== null &&
        (exportCsv.error instanceof ApiError ? (
          <ApiErrorMessage error={exportCsv.error} />
        ) : (
          <p role="alert" className="rounded-lg border-2 border-bad bg-bad-soft p-4 text-bad">
            {t('journal.csv.failed')}
          </p>
        ))}
      {printArea}
    </div>
  )
}

function Entries({
  day,
  outcome,
  timeZone,
  language,
}: {
  day: DayBounds
  outcome: OutcomeFilter
  timeZone: string | undefined
  language: Language
}) {
  const { t } = useTranslation()
  const query = useInfiniteQuery(journalEntriesQueryOptions(day, outcome))
  const headingId = useId()

  if (query.data === undefined)
    return <NoDataYet query={query} loading={t('journal.entries.loading')} />

  const entries = query.data.pages.flatMap((page) => page.results)
  // A settling entry names the one it settles by id; its time is what the cashier recognises.
  const timeOf = new Map(entries.map((entry) => [entry.id, entry.at]))

  return (
    <Card aria-labelledby={headingId} className="flex flex-col gap-4">
      <h2 id={headingId} className="text-xl font-bold">
        {t('journal.entries.label')}
      </h2>
      {entries.length === 0 ? (
        <p className="text-lg text-ink-subtle">
          {outcome === 'all' ? t('journal.entries.empty') : t('journal.entries.emptyFiltered')}
        </p>
      ) : (
        <table role="table" aria-labelledby={headingId} className={`${stacked.table} text-base`}>
          <thead role="rowgroup" className={stacked.head}>
            <tr role="row" className={stacked.headRow}>
              {ENTRY_COLUMNS.map((column) => (
                <th
                  key={column}
                  role="columnheader"
                  scope="col"
                  className={cn(stacked.headCell, column === 'points' && 'sm:text-right')}
                >
                  {t(`journal.entries.${column}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody role="rowgroup" className={stacked.body}>
            {entries.map((entry) => (
              <EntryRow
                key={entry.id}
                entry={entry}
                settledAt={entry.settles === null ? undefined : timeOf.get(entry.settles)}
                timeZone={timeZone}
                language={language}
              />
            ))}
          </tbody>
        </table>
      )}
      {query.hasNextPage && (
        <Button
          variant="secondary"
          className="self-start"
          disabled={query.isFetchingNextPage}
          onClick={() => {
            void query.fetchNextPage()
          }}
        >
          {query.isFetchingNextPage && <Spinner />}
          {t('journal.entries.loadMore')}
        </Button>
      )}
      {query.isFetchNextPageError && (
        <ApiErrorMessage
          error={query.error}
          onRetry={() => {
            void query.fetchNextPage()
          }}
        />
      )}
    </Card>
  )
}

/** The entries table's columns in EntryRow's order, by their label's key under `journal.entries`. */
const ENTRY_COLUMNS = ['time', 'kind', 'outcome', 'coupon', 'reward', 'points', 'till'] as const

const OUTCOME_TONE: Record<JournalEntry['outcome'], string> = {
  validated: 'text-ok',
  redeemed: 'text-ok',
  'already-used': 'text-bad',
  'not-found': 'text-bad',
  refused: 'text-bad',
  expired: 'text-warn',
  cancelled: 'text-muted',
  unknown: 'text-warn',
  'not-spent': 'text-muted',
}

function EntryRow({
  entry,
  settledAt,
  timeZone,
  language,
}: {
  entry: JournalEntry
  settledAt: string | undefined
  timeZone: string | undefined
  language: Language
}) {
  const { t } = useTranslation()
  return (
    <tr role="row" className={cn(stacked.row, 'grid-cols-2')}>
      <td
        role="cell"
        data-label={t('journal.entries.time')}
        className={`${stacked.cell} whitespace-nowrap tabular-nums`}
      >
        {formatTime(entry.at, language, timeZone)}
      </td>
      <td role="cell" data-label={t('journal.entries.kind')} className={stacked.cell}>
        {t(`journal.kinds.${entry.kind}`)}
      </td>
      <td role="cell" data-label={t('journal.entries.outcome')} className={stacked.cell}>
        <span className={`font-semibold ${OUTCOME_TONE[entry.outcome]}`}>
          {t(`journal.outcomes.${entry.outcome}`)}
        </span>
        {settledAt !== undefined && (
          <span className="block text-sm text-ink-subtle">
            {t('journal.entries.settles', { time: formatTime(settledAt, language, timeZone) })}
          </span>
        )}
      </td>
      <td
        role="cell"
        data-label={t('journal.entries.coupon')}
        className={`${stacked.cell} whitespace-nowrap font-mono tracking-wide`}
      >
        {entry.coupon_code ?? '—'}
      </td>
      <td role="cell" data-label={t('journal.entries.reward')} className={stacked.cell}>
        {entry.reward_name ?? entry.reward_id ?? '—'}
      </td>
      <td
        role="cell"
        data-label={t('journal.entries.points')}
        className={`${stacked.cell} tabular-nums sm:text-right`}
      >
        {entry.points_spent === null ? '—' : formatNumber(entry.points_spent, language)}
      </td>
      <td role="cell" data-label={t('journal.entries.till')} className={stacked.cell}>
        {entry.till}
      </td>
    </tr>
  )
}
