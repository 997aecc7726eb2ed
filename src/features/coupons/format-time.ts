import { useEffect, useState } from 'react'
import type { Language } from '../../i18n/languages'

const SECOND = 1000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** `[unit, size]` from the largest down; the first that fits at least once is used. */
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * DAY],
  ['month', 30 * DAY],
  ['day', DAY],
  ['hour', HOUR],
  ['minute', MINUTE],
]

/** "in 3 days", "yesterday", "2 hours ago", in the UI language. */
export function formatRelative(at: number, now: number, language: Language): string {
  const diff = at - now
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' })
  for (const [unit, size] of UNITS) {
    if (Math.abs(diff) >= size) return format.format(Math.round(diff / size), unit)
  }
  return format.format(Math.round(diff / SECOND), 'second')
}

/** Date and time in the UI language and the till's time zone. */
export function formatAbsolute(at: number, language: Language, timeZone?: string): string {
  return new Intl.DateTimeFormat(language, {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(timeZone ? { timeZone } : {}),
  }).format(at)
}

/**
 * The current time, refreshed every `everyMs`, so "in 5 minutes" does not go stale on screen, and
 * at once whenever `refreshOn` changes: a use Zupy just recorded reads "now", not "in 2 seconds"
 * against a clock read before the tap.
 */
export function useNow(everyMs = 30_000, refreshOn?: unknown): number {
  const [now, setNow] = useState(() => Date.now())
  const [seen, setSeen] = useState(refreshOn)
  if (seen !== refreshOn) {
    // Adjusting state while rendering (react.dev "storing information from previous renders"):
    // the new answer is never painted against the old clock.
    setSeen(refreshOn)
    setNow(() => Date.now())
  }
  useEffect(() => {
    const timer = setInterval(() => {
      setNow(Date.now())
    }, everyMs)
    return () => {
      clearInterval(timer)
    }
  }, [everyMs])
  return now
}
