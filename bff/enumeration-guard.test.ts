import { describe, expect, it } from 'vitest'
import {
  UNKNOWN_CODE_LIMIT,
  UNKNOWN_CODE_WINDOW_MS,
  createEnumerationGuard,
  type GuardTicket,
} from './enumeration-guard'

function guardWithClock() {
  const clock = { ms: Date.parse('2026-03-25T08:00:00Z') }
  const blocks: [string, number][] = []
  const guard = createEnumerationGuard({
    now: () => clock.ms,
    onBlock: (key, retryAfterS) => blocks.push([key, retryAfterS]),
  })
  return { guard, clock, blocks }
}

async function miss(guard: ReturnType<typeof guardWithClock>['guard'], key: string) {
  const ticket = await guard.acquire(key)
  if (ticket.ok) ticket.release(true)
  return ticket.ok
}

describe('the unknown-code limiter', () => {
  it('allows ten unknown codes a minute, then refuses with Retry-After, once logged', async () => {
    const { guard, clock, blocks } = guardWithClock()
    for (let i = 0; i < UNKNOWN_CODE_LIMIT; i++) expect(await miss(guard, 's1')).toBe(true)
    clock.ms += 10_000
    expect(await guard.acquire('s1')).toEqual({ ok: false, retryAfterS: 50 })
    expect(await guard.acquire('s1')).toEqual({ ok: false, retryAfterS: 50 })
    expect(blocks).toEqual([['s1', 60]])
    // Another session is not affected.
    expect((await guard.acquire('s2')).ok).toBe(true)
  })

  it('lifts the block when the window has passed, with a fresh budget', async () => {
    const { guard, clock } = guardWithClock()
    for (let i = 0; i < UNKNOWN_CODE_LIMIT; i++) await miss(guard, 's')
    clock.ms += UNKNOWN_CODE_WINDOW_MS
    for (let i = 0; i < UNKNOWN_CODE_LIMIT; i++) expect(await miss(guard, 's')).toBe(true)
    expect((await guard.acquire('s')).ok).toBe(false)
  })

  it('never counts known codes, however many', async () => {
    const { guard } = guardWithClock()
    for (let i = 0; i < 100; i++) {
      const ticket = await guard.acquire('s')
      expect(ticket.ok).toBe(true)
      if (ticket.ok) ticket.release(false)
    }
  })

  it('forgets misses older than the window', async () => {
    const { guard, clock } = guardWithClock()
    for (let i = 0; i < UNKNOWN_CODE_LIMIT - 1; i++) await miss(guard, 's')
    clock.ms += UNKNOWN_CODE_WINDOW_MS
    for (let i = 0; i < UNKNOWN_CODE_LIMIT - 1; i++) expect(await miss(guard, 's')).toBe(true)
  })

  it('lets at most ten of 50 parallel guesses through, and refuses the rest', async () => {
    const { guard } = guardWithClock()
    const tickets = Array.from({ length: 50 }, () => guard.acquire('s'))
    // Give every acquire a chance to run before any answer comes back.
    await new Promise((resolve) => setTimeout(resolve, 10))
    const settled: GuardTicket[] = []
    const granted: GuardTicket[] = []
    for (const ticket of tickets)
      void ticket.then((value) => {
        settled.push(value)
        if (value.ok) granted.push(value)
      })
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(granted).toHaveLength(UNKNOWN_CODE_LIMIT)
    for (const ticket of [...granted]) if (ticket.ok) ticket.release(true)
    await Promise.all(tickets)
    expect(settled.filter((t) => t.ok)).toHaveLength(UNKNOWN_CODE_LIMIT)
    expect(settled.filter((t) => !t.ok)).toHaveLength(40)
  })

  it('lets 50 parallel lookups of known codes all through, ten at a time', async () => {
    const { guard } = guardWithClock()
    let inFlight = 0
    let peak = 0
    await Promise.all(
      Array.from({ length: 50 }, async () => {
        const ticket = await guard.acquire('s')
        expect(ticket.ok).toBe(true)
        inFlight += 1
        peak = Math.max(peak, inFlight)
        await new Promise((resolve) => setTimeout(resolve, 1))
        inFlight -= 1
        if (ticket.ok) ticket.release(false)
      }),
    )
    expect(peak).toBe(UNKNOWN_CODE_LIMIT)
  })
})
