import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

/**
 * Sign-in throttling: after MAX_PIN_FAILURES wrong PINs from one client, that client gets no PIN
 * checked at all for PIN_LOCKOUT_MS. A 4-digit PIN has 10,000 values; at 5 guesses per 5 minutes
 * per address, guessing it takes weeks, and the warning log line shows it happening.
 */

export const MAX_PIN_FAILURES = 5
export const PIN_LOCKOUT_MS = 5 * 60 * 1000
/** Failures older than this are forgotten, so a cashier's typo last week does not count today. */
const FAILURE_MEMORY_MS = 15 * 60 * 1000
/** Bounds the table under a flood of distinct addresses; expired entries go first. */
const MAX_CLIENTS = 10_000

export type LockoutCheck = { locked: false } | { locked: true; retryAfterS: number }

export type FailureOutcome =
  | { locked: false; attemptsRemaining: number }
  | { locked: true; retryAfterS: number; startedNow: true }

export interface PinLockout {
  check(client: string): LockoutCheck
  /** Records one wrong PIN; the MAX_PIN_FAILURES-th starts the lockout. */
  fail(client: string): FailureOutcome
  succeed(client: string): void
}

interface ClientState {
  failures: number
  lastFailureAt: number
  lockedUntil: number
}

export function createPinLockout(now: () => number): PinLockout {
  const clients = new Map<string, ClientState>()

  const stale = (state: ClientState, at: number) =>
    state.lockedUntil <= at && at - state.lastFailureAt >= FAILURE_MEMORY_MS

  const current = (client: string, at: number): ClientState | undefined => {
    const state = clients.get(client)
    if (!state) return undefined
    if (stale(state, at)) {
      clients.delete(client)
      return undefined
    }
    // A lockout that has run out starts the client afresh.
    if (state.lockedUntil > 0 && state.lockedUntil <= at) {
      clients.delete(client)
      return undefined
    }
    return state
  }

  const retryAfter = (state: ClientState, at: number) =>
    Math.max(1, Math.ceil((state.lockedUntil - at) / 1000))

  return {
    check(client) {
      const at = now()
      const state = current(client, at)
      if (state && state.lockedUntil > at)
        return { locked: true, retryAfterS: retryAfter(state, at) }
      return { locked: false }
    },
    fail(client) {
      const at = now()
      let state = current(client, at)
      if (!state) {
        if (clients.size >= MAX_CLIENTS) {
          for (const [key, entry] of clients) if (stale(entry, at)) clients.delete(key)
          // Still full: drop the oldest entry rather than grow without bound.
          if (clients.size >= MAX_CLIENTS) {
            const oldest = clients.keys().next()
            if (!oldest.done) clients.delete(oldest.value)
          }
        }
        state = { failures: 0, lastFailureAt: at, lockedUntil: 0 }
        clients.set(client, state)
      }
      state.failures += 1
      state.lastFailureAt = at
      if (state.failures >= MAX_PIN_FAILURES) {
        state.lockedUntil = at + PIN_LOCKOUT_MS
        return { locked: true, retryAfterS: retryAfter(state, at), startedNow: true }
      }
      return { locked: false, attemptsRemaining: MAX_PIN_FAILURES - state.failures }
    },
    succeed(client) {
      clients.delete(client)
    },
  }
}

/**
 * Compares a typed PIN with the configured one in constant time: both go through an HMAC with a
 * per-process key first, so neither their lengths nor their first differing digit show in timing.
 */
export function createPinMatcher(pin: string): (candidate: string) => boolean {
  const key = randomBytes(32)
  const digest = (value: string) => createHmac('sha256', key).update(value, 'utf8').digest()
  const expected = digest(pin)
  return (candidate) => timingSafeEqual(digest(candidate), expected)
}
