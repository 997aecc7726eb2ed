import type { TFunction } from 'i18next'
import type { JournalEntry } from '../../../contract/journal'
import type { Language } from '../../i18n/languages'
import { buildCsv, CSV_DIALECTS, type CsvCell } from './csv'
import { spreadsheetDateTime } from './day'

/** `zupy-pos-2026-12-05.csv`: the store day, so a month of exports sorts by name. */
export function csvFileName(date: string): string {
  return `zupy-pos-${date}.csv`
}

/** The day's entries as the CSV file the owner opens in a spreadsheet, in the UI language. */
export function journalCsv(
  entries: readonly JournalEntry[],
  { t, language, timeZone }: { t: TFunction; language: Language; timeZone: string | undefined },
): string {
  const header = [
    t('journal.csv.columns.dateTime'),
    t('journal.csv.columns.kind'),
    t('journal.csv.columns.outcome'),
    t('journal.csv.columns.coupon'),
    t('journal.csv.columns.reward'),
    t('journal.csv.columns.rewardId'),
    t('journal.csv.columns.customerId'),
    t('journal.csv.columns.points'),
    t('journal.csv.columns.till'),
    t('journal.csv.columns.session'),
    t('journal.csv.columns.entry'),
    t('journal.csv.columns.settles'),
    t('journal.csv.columns.requestId'),
  ]
  const rows = entries.map((entry): CsvCell[] => [
    spreadsheetDateTime(entry.at, timeZone),
    t(`journal.kinds.${entry.kind}`),
    t(`journal.outcomes.${entry.outcome}`),
    entry.coupon_code,
    entry.reward_name,
    entry.reward_id,
    entry.customer_id,
    entry.points_spent,
    entry.till,
    entry.session,
    entry.id,
    entry.settles,
    entry.request_id,
  ])
  return buildCsv(header, rows, CSV_DIALECTS[language])
}

/** Hands `text` to the browser as a downloaded file. */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.hidden = true
  document.body.append(link)
  link.click()
  link.remove()
  // After the click has started the download; revoking at once can cancel it in some browsers.
  setTimeout(() => {
    URL.revokeObjectURL(url)
  }, 0)
}
