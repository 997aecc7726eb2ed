/**
 * Calendar dates and wall clocks in a time zone, with Intl only (no time-zone library): the BFF
 * cuts the store's day with them and the SPA shows the store's today and times, so both read a day
 * the same way. `timeZone` undefined is the runtime's own zone. A day is not always 24 hours:
 * Brazil's clocks jumped at midnight until 2019, so 2018-11-04 in São Paulo began at 01:00 (23 h)
 * and 2019-02-16 ran until the second 23:59 (25 h).
 */

const DAY_MS = 86_400_000

const formatters = new Map<string | undefined, Intl.DateTimeFormat>()

function formatterFor(timeZone: string | undefined): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

/** The wall clock at an instant, as milliseconds of a UTC date with the same fields. */
function wallClock(instant: number, timeZone: string | undefined): number {
  const fields: Record<string, number> = {}
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant)))
    if (part.type !== 'literal') fields[part.type] = Number(part.value)
  return Date.UTC(
    fields.year ?? 0,
    (fields.month ?? 1) - 1,
    fields.day ?? 1,
    fields.hour ?? 0,
    fields.minute ?? 0,
    fields.second ?? 0,
  )
}

/** `YYYY-MM-DD` of the wall clock at an instant. */
export function localDate(instant: number, timeZone: string | undefined): string {
  return new Date(wallClock(instant, timeZone)).toISOString().slice(0, 10)
}

/**
 * `YYYY-MM-DD HH:MM:SS` of the wall clock at an instant, 24-hour: what Excel and LibreOffice read
 * as a date-time in any locale.
 */
export function localDateTime(instant: number, timeZone: string | undefined): string {
  return new Date(wallClock(instant, timeZone)).toISOString().slice(0, 19).replace('T', ' ')
}

/**
 * Whether `date` is a real calendar date written `YYYY-MM-DD` (the form of `<input type="date">`
 * and of the journal's `date`): 2026-02-30 is not, though Date would roll it over to March.
 */
export function isCalendarDate(date: unknown): date is string {
  if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return false
  const ms = Date.parse(`${date}T00:00:00Z`)
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === date
}

/**
 * The first instant whose wall clock reads `date` or later. Where midnight exists, that is
 * midnight (the earlier one if it came twice); where the clocks skipped it, the moment they jumped.
 */
function startOfDay(date: string, timeZone: string): number {
  const midnight = Date.parse(`${date}T00:00:00Z`)
  // The offsets (wall clock − instant) in force around that day: at most two differ.
  const offsets = new Set(
    [midnight - DAY_MS, midnight, midnight + DAY_MS].map(
      (instant) => wallClock(instant, timeZone) - instant,
    ),
  )
  const exact = [...offsets]
    .map((offset) => midnight - offset)
    .filter((instant) => wallClock(instant, timeZone) === midnight)
  if (exact.length > 0) return Math.min(...exact)
  // Midnight was skipped: search the gap for the jump, to the millisecond.
  let low = midnight - Math.max(...offsets)
  let high = midnight - Math.min(...offsets)
  if (low > high) [low, high] = [high, low]
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2)
    if (wallClock(middle, timeZone) >= midnight) high = middle
    else low = middle
  }
  return high
}

/** `from` (inclusive) and `to` (exclusive) of a calendar day in a time zone, epoch ms. */
export function dayBounds(date: string, timeZone: string): { from: number; to: number } {
  const next = new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10)
  return { from: startOfDay(date, timeZone), to: startOfDay(next, timeZone) }
}
