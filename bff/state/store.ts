/**
 * The state that must be shared when several BFF instances serve one address
 * (docs/decisions/012-shared-state.md): sign-outs, PIN-failure counts and unknown-code budgets.
 * Every method takes the caller's clock reading (`at`, epoch ms) rather than reading one, so the
 * in-process and Redis stores agree under an injected test clock, and both keep the same rules.
 */

/** What /api/pos/health reports: Redis unavailable means this instance's memory stands in. */
export type SharedState = 'in-process' | 'redis' | 'unavailable'

export type LockoutCheck = { locked: false } | { locked: true; retryAfterS: number }

export type PinAttempt =
  | { locked: false; attemptsRemaining: number }
  | { locked: true; retryAfterS: number; startedNow: boolean }

export interface PinRules {
  /** Wrong PINs that start a lockout. */
  readonly maxFailures: number
  readonly lockoutMs: number
  /** Failures older than this are forgotten. */
  readonly memoryMs: number
}

export interface CodeRules {
  readonly limit: number
  readonly windowMs: number
}

export type CodeReservation =
  /** A slot: pass `id` back to releaseCode. */
  | { kind: 'granted'; id: string }
  | { kind: 'blocked'; retryAfterS: number }
  /** Every slot is held by a request in flight: wait for one to finish, then ask again. */
  | { kind: 'full' }

export interface StateStore {
  status(): SharedState
  /** Marks a session signed out until `expiresAt`, when it would have ended anyway. */
  revokeSession(sessionId: string, expiresAt: number, at: number): Promise<void>
  isRevoked(sessionId: string, at: number): Promise<boolean>
  /** Whether a client is locked out of sign-in, without counting anything. */
  checkPin(client: string, rules: PinRules, at: number): Promise<LockoutCheck>
  /**
   * Counts one PIN attempt as a failure before the PIN is compared (so parallel guesses are
   * counted one by one across instances); a right PIN then calls clearPin. Refused without
   * counting while locked; the attempt that reaches `maxFailures` starts the lockout.
   */
  attemptPin(client: string, rules: PinRules, at: number): Promise<PinAttempt>
  clearPin(client: string): Promise<void>
  /**
   * Reserves a slot in a key's unknown-code budget: misses inside the window plus requests in
   * flight stay under `limit`.
   */
  reserveCode(key: string, rules: CodeRules, at: number): Promise<CodeReservation>
  /** Frees a slot; an unknown code counts as a miss. True when this miss started a block. */
  releaseCode(
    key: string,
    id: string,
    unknownCode: boolean,
    rules: CodeRules,
    at: number,
  ): Promise<boolean>
  close(): Promise<void>
}

/** Whole seconds until `until`, at least 1 (a Retry-After of 0 would invite an instant retry). */
export const secondsUntil = (until: number, at: number) =>
  Math.max(1, Math.ceil((until - at) / 1000))

/**
 * A reservation whose request never released it (its instance died) stops holding a slot after
 * this long; far above any upstream timeout.
 */
export const RESERVATION_TTL_MS = 2 * 60_000
