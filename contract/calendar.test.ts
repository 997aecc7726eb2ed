import { describe, expect, it } from 'vitest'
import { dayBounds, isCalendarDate, localDate, localDateTime } from './calendar'

const iso = (ms: number) => new Date(ms).toISOString()
const HOUR = 3_600_000

describe('dayBounds', () => {
  it('a São Paulo day today is 24 h from 03:00Z (no DST since 2019)', () => {
    const { from, to } = dayBounds('2026-12-05', 'America/Sao_Paulo')
    expect(iso(from)).toBe('2026-12-05T03:00:00.000Z')
    expect(iso(to)).toBe('2026-12-06T03:00:00.000Z')
  })

  it('the day São Paulo skipped midnight (DST began at 00:00) starts at the jump: 23 h', () => {
    const { from, to } = dayBounds('2018-11-04', 'America/Sao_Paulo')
    expect(iso(from)).toBe('2018-11-04T03:00:00.000Z')
    expect(to - from).toBe(23 * HOUR)
    expect(localDate(from, 'America/Sao_Paulo')).toBe('2018-11-04')
    expect(localDate(from - 1, 'America/Sao_Paulo')).toBe('2018-11-03')
  })

  it('the day São Paulo lived 23:00-24:00 twice (DST ended at 00:00) lasts 25 h', () => {
    const { from, to } = dayBounds('2019-02-16', 'America/Sao_Paulo')
    expect(iso(from)).toBe('2019-02-16T02:00:00.000Z')
    expect(iso(to)).toBe('2019-02-17T03:00:00.000Z')
    expect(dayBounds('2019-02-17', 'America/Sao_Paulo').from).toBe(to)
  })

  it('a spring-forward day elsewhere (Europe/London, 01:00 → 02:00) is 23 h from midnight', () => {
    const { from, to } = dayBounds('2026-03-29', 'Europe/London')
    expect(iso(from)).toBe('2026-03-29T00:00:00.000Z')
    expect(to - from).toBe(23 * HOUR)
  })

  it('consecutive days share their bound: no instant belongs to two days or none', () => {
    for (const zone of ['America/Sao_Paulo', 'America/New_York', 'Asia/Kolkata', 'UTC']) {
      let date = '2018-10-30'
      for (let i = 0; i < 130; i++) {
        const { from, to } = dayBounds(date, zone)
        const next = new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000)
          .toISOString()
          .slice(0, 10)
        expect(dayBounds(next, zone).from).toBe(to)
        expect(to - from).toBeGreaterThanOrEqual(23 * HOUR)
        expect(to - from).toBeLessThanOrEqual(25 * HOUR)
        expect(localDate(from, zone)).toBe(date)
        date = next
      }
    }
  })
})

describe('isCalendarDate', () => {
  it('takes real YYYY-MM-DD dates only', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true)
    expect(isCalendarDate('2028-02-29')).toBe(true)
    for (const bad of ['2026-02-29', '2026-13-01', '2026-1-01', '20260101', '2026-01-01T00:00'])
      expect(isCalendarDate(bad), bad).toBe(false)
    // A URL's missing `?date=` is null.
    expect(isCalendarDate(null)).toBe(false)
  })
})

describe('localDate and localDateTime', () => {
  // 22:30:05 on Saturday 5 December 2026 in São Paulo, already the 6th in UTC.
  const lateEvening = Date.parse('2026-12-06T01:30:05.250Z')

  it("read the zone's wall clock, not UTC's, 24-hour, without milliseconds", () => {
    expect(localDate(lateEvening, 'America/Sao_Paulo')).toBe('2026-12-05')
    expect(localDateTime(lateEvening, 'America/Sao_Paulo')).toBe('2026-12-05 22:30:05')
    expect(localDateTime(lateEvening, 'Asia/Kolkata')).toBe('2026-12-06 07:00:05')
    expect(localDateTime(Date.parse('2026-12-05T03:00:00Z'), 'America/Sao_Paulo')).toBe(
      '2026-12-05 00:00:00',
    )
  })

  it("read the runtime's own zone when none is given", () => {
    const own = Intl.DateTimeFormat().resolvedOptions().timeZone
    expect(localDateTime(lateEvening, undefined)).toBe(localDateTime(lateEvening, own))
  })
})
