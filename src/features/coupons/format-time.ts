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
export function formatAbsolute(at: number, language: Language): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(at)
}

/** The current time, refreshed every `everyMs`, so "in 5 minutes" does not go stale on screen. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now())
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
