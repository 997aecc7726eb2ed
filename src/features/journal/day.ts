import { localDate, localDateTime } from '../../../contract/calendar'
import type { Language } from '../../i18n/languages'

/**
 * The calendar date in `timeZone` at `now`: the store's "today", which is not the device's when
 * its clock is set to another zone (or after 21:00 in São Paulo, when UTC is already tomorrow).
 * An unknown zone falls back to the device's own.
 */
export function dateIn(timeZone: string | undefined, now: number = Date.now()): string {
  return localDate(now, safeZone(timeZone))
}

/**
 * A store date for a heading or a printout: "Sábado, 5 de dezembro de 2026" / "Saturday, December
 * 5, 2026" (pt-BR writes the weekday in lower case, which reads wrong at the start of a title).
 */
export function formatDay(date: string, language: Language): string {
  // Noon UTC formatted in UTC: the date as written, whatever the device's zone.
  const text = new Intl.DateTimeFormat(language, { dateStyle: 'full', timeZone: 'UTC' }).format(
    new Date(`${date}T12:00:00Z`),
  )
  return text.charAt(0).toLocaleUpperCase(language) + text.slice(1)
}

function safeZone(timeZone: string | undefined): string | undefined {
  if (timeZone === undefined) return undefined
  try {
    new Intl.DateTimeFormat('en-US', { timeZone })
    return timeZone
  } catch {
    return undefined
  }
}

/** An entry's time of day in the store's zone: "14:03:12" / "2:03:12 PM". */
export function formatTime(at: string, language: Language, timeZone: string | undefined): string {
  const date = new Date(at)
  if (Number.isNaN(date.getTime())) return at
  return new Intl.DateTimeFormat(language, {
    timeStyle: 'medium',
    timeZone: safeZone(timeZone),
  }).format(date)
}

/**
 * An entry's date and time in the store's zone for a spreadsheet, `2026-12-05 14:03:12`, which
 * Excel and LibreOffice read as a date-time in any locale.
 */
export function spreadsheetDateTime(at: string, timeZone: string | undefined): string {
  const instant = new Date(at).getTime()
  return Number.isNaN(instant) ? at : localDateTime(instant, safeZone(timeZone))
}
