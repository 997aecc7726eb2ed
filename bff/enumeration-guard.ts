/**
 * Anti-enumeration (OWASP OAT-002, "token cracking"): per session, at most UNKNOWN_CODE_LIMIT
 * "unknown code" answers per window. Requests that could produce one count against the budget
 * while they are in flight, so a burst of parallel guesses cannot overshoot it: beyond the budget
 * they wait for an answer instead of going upstream, and are refused as soon as the budget is
 * spent. Requests whose answers are known codes (200, 409) free their slot and never count.
 */

export const UNKNOWN_CODE_LIMIT = 10
export const UNKNOWN_CODE_WINDOW_MS = 60_000
/** Requests of one session waiting for a slot; more than this are refused outright. */
const MAX_WAITING = 100

export type GuardTicket =
  { ok: true; release: (unknownCode: boolean) => void } | { ok: false; retryAfterS: number }

export interface EnumerationGuard {
  acquire(key: string): Promise<GuardTicket>
}

interface KeyState {
  /** Times of the unknown-code answers inside the current window. */
  misses: number[]
  blockedUntil: number
  inFlight: number
  waiting: (() => void)[]
}

export interface EnumerationGuardOptions {
  now: () => number
  /** Called once when a key becomes blocked (the warning log line). */
  onBlock?: (key: string, retryAfterS: number) => void
  limit?: number
  windowMs?: number
}

export function createEnumerationGuard(options: EnumerationGuardOptions): EnumerationGuard {
  const { now, onBlock } = options
  const limit = options.limit ?? UNKNOWN_CODE_LIMIT
  const windowMs = options.windowMs ?? UNKNOWN_CODE_WINDOW_MS
  const keys = new Map<string, KeyState>()

  const stateOf = (key: string): KeyState => {
    let state = keys.get(key)
    if (!state) {
      state = { misses: [], blockedUntil: 0, inFlight: 0, waiting: [] }
      keys.set(key, state)
    }
    return state
  }

  const forgetIfIdle = (key: string, state: KeyState, at: number) => {
    if (
      state.inFlight === 0 &&
      state.waiting.length === 0 &&
      state.misses.length === 0 &&
      state.blockedUntil <= at
    )
      keys.delete(key)
  }

  const refusal = (state: KeyState, at: number): GuardTicket => ({
    ok: false,
    retryAfterS: Math.max(1, Math.ceil((state.blockedUntil - at) / 1000)),
  })

  const acquire = async (key: string): Promise<GuardTicket> => {
    for (;;) {
      const at = now()
      const state = stateOf(key)
      if (state.blockedUntil > at) return refusal(state, at)
      if (state.blockedUntil !== 0) {
        // The block has run out: a fresh budget.
        state.blockedUntil = 0
        state.misses = []
      }
      state.misses = state.misses.filter((time) => at - time < windowMs)
      if (state.misses.length + state.inFlight < limit) {
        state.inFlight += 1
        let released = false
        return {
          ok: true,
          release: (unknownCode) => {
            if (released) return
            released = true
            const done = now()
            state.inFlight -= 1
            if (unknownCode) {
              state.misses.push(done)
              state.misses = state.misses.filter((time) => done - time < windowMs)
              if (state.misses.length >= limit && state.blockedUntil <= done) {
                state.blockedUntil = done + windowMs
                onBlock?.(key, Math.ceil(windowMs / 1000))
              }
            }
            const waiting = state.waiting
            state.waiting = []
            for (const wake of waiting) wake()
            forgetIfIdle(key, state, done)
          },
        }
      }
      if (state.inFlight === 0) {
        // Budget spent by answers alone (cannot normally happen: the block starts first).
        state.blockedUntil = at + windowMs
        return refusal(state, at)
      }
      if (state.waiting.length >= MAX_WAITING) return { ok: false, retryAfterS: 1 }
      await new Promise<void>((resolve) => {
        state.waiting.push(resolve)
      })
    }
  }

  return { acquire }
}
