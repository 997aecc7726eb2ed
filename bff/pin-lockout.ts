import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { LockoutCheck, PinAttempt, PinRules, StateStore } from './state/store'

/**
 * Sign-in throttling: after MAX_PIN_FAILURES wrong PINs from one client, that client gets no PIN
 * checked at all for PIN_LOCKOUT_MS. A 4-digit PIN has 10,000 values; at 5 guesses per 5 minutes
 * per address, guessing it takes weeks, and the warning log line shows it happening. The counts
 * live in the state store, so with Redis every instance behind one address shares them.
 */

export const MAX_PIN_FAILURES = 5
export const PIN_LOCKOUT_MS = 5 * 60 * 1000
/** Failures older than this are forgotten, so a cashier's typo last week does not count today. */
const FAILURE_MEMORY_MS = 15 * 60 * 1000

export const PIN_RULES: PinRules = {
  maxFailures: MAX_PIN_FAILURES,
  lockoutMs: PIN_LOCKOUT_MS,
  memoryMs: FAILURE_MEMORY_MS,
}

export interface PinLockout {
  /** Whether the client is locked out, counting nothing (for a request with no PIN to compare). */
  check(client: string): Promise<LockoutCheck>
  /**
   * Counts the attempt as a wrong PIN before the PIN is compared, so parallel guesses on any
   * instance are counted one by one; the MAX_PIN_FAILURES-th starts the lockout. A right PIN
   * then calls `succeed`, which forgets the count.
   */
  attempt(client: string): Promise<PinAttempt>
  succeed(client: string): Promise<void>
}

/** The lockout over a state store: per process, or shared by every instance through Redis. */
export function createPinLockout(store: StateStore, now: () => number): PinLockout {
  return {
    check: (client) => store.checkPin(client, PIN_RULES, now()),
    attempt: (client) => store.attemptPin(client, PIN_RULES, now()),
    succeed: (client) => store.clearPin(client),
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
