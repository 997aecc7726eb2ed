import { describe, expect, it } from 'vitest'
import { formatAbsolute, formatRelative } from './format-time'

const now = Date.parse('2026-06-10T12:00:00Z')
const at = (ms: number) => now + ms
const HOUR = 3_600_000
const DAY = 24 * HOUR

describe('formatRelative', () => {
  it.each([
    [at(3 * DAY), 'en', 'in 3 days'],
    [at(-DAY), 'en', 'yesterday'],
    [at(-2 * HOUR), 'en', '2 hours ago'],
    [at(90 * DAY), 'en', 'in 3 months'],
    [at(3 * DAY), 'pt-BR', 'em 3 dias'],
    [at(-DAY), 'pt-BR', 'ontem'],
  ] as const)('%s in %s → %s', (when, language, expected) => {
    expect(formatRelative(when, now, language)).toBe(expected)
  })

  it('uses seconds under a minute', () => {
    expect(formatRelative(at(-20_000), now, 'en')).toBe('20 seconds ago')
  })
})

describe('formatAbsolute', () => {
  it('writes the date the locale way', () => {
    expect(formatAbsolute(now, 'en')).toMatch(/Jun 10, 2026/)
    expect(formatAbsolute(now, 'pt-BR')).toMatch(/10 de jun\.? de 2026/)
  })
})
