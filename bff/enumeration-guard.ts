import type { CodeRules, StateStore } from './state/store'

/**
 * Anti-enumeration (OWASP OAT-002, "token cracking"): per session, at most UNKNOWN_CODE_LIMIT
 * "unknown code" answers per window. Requests that could produce one count against the budget
 * while they are in flight, so a burst of parallel guesses cannot overshoot it: beyond the budget
 * they wait for an answer instead of going upstream, and are refused as soon as the budget is
 * spent. Requests whose answers are known codes (200, 409) free their slot and never count. The
 * budget lives in the state store, so with Redis it is one budget across every instance.
 */

export const UNKNOWN_CODE_LIMIT = 10
export const UNKNOWN_CODE_WINDOW_MS = 60_000
/** Requests of one session waiting for a slot; more than this are refused outright. */
const MAX_WAITING = 100
/**
 * A waiter is woken by a release on this instance; a slot freed on another instance is only
 * seen by asking the store again, this often.
 */
const WAIT_POLL_MS = 25

export type GuardTicket =
  | { ok: true; release: (unknownCode: boolean) => Promise<void> }
  | { ok: false; retryAfterS: number }

export interface EnumerationGuard {
  acquire(key: string): Promise<GuardTicket>
}

export interface EnumerationGuardOptions {
  store: StateStore
  now: () => number
  /** Called once when a key becomes blocked (the warning log line). */
  onBlock?: (key: string, retryAfterS: number) => void
  limit?: number
  windowMs?: number
}

export function createEnumerationGuard(options: EnumerationGuardOptions): EnumerationGuard {
  const { store, now, onBlock } = options
  const rules: CodeRules = {
    limit: options.limit ?? UNKNOWN_CODE_LIMIT,
    windowMs: options.windowMs ?? UNKNOWN_CODE_WINDOW_MS,
  }
  const waiting = new Map<string, (() => void)[]>()

  const wake = (key: string) => {
    const waiters = waiting.get(key)
    waiting.delete(key)
    // A copy: each waiter takes itself out of the list as it resumes.
    for (const resume of [...(waiters ?? [])]) resume()
  }

  const acquire = async (key: string): Promise<GuardTicket> => {
    for (;;) {
      const reservation = await store.reserveCode(key, rules, now())
      if (reservation.kind === 'blocked') return { ok: false, retryAfterS: reservation.retryAfterS }
      if (reservation.kind === 'granted') {
        let released = false
        return {
          ok: true,
          release: async (unknownCode) => {
            if (released) return
            released = true
            try {
              const blockedNow = await store.releaseCode(
                key,
                reservation.id,
                unknownCode,
                rules,
                now(),
              )
              if (blockedNow) onBlock?.(key, Math.ceil(rules.windowMs / 1000))
            } finally {
              wake(key)
            }
          },
        }
      }
      const waiters = waiting.get(key) ?? []
      if (waiters.length >= MAX_WAITING) return { ok: false, retryAfterS: 1 }
      waiting.set(key, waiters)
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resume, WAIT_POLL_MS)
        function resume() {
          clearTimeout(timer)
          const index = waiters.indexOf(resume)
          if (index !== -1) waiters.splice(index, 1)
          if (waiters.length === 0 && waiting.get(key) === waiters) waiting.delete(key)
          resolve()
        }
        waiters.push(resume)
      })
    }
  }

  return { acquire }
}
