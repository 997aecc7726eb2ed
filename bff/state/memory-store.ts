import { randomBytes } from 'node:crypto'
import {
  RESERVATION_TTL_MS,
  secondsUntil,
  type CodeReservation,
  type CodeRules,
  type LockoutCheck,
  type PinAttempt,
  type PinRules,
  type StateStore,
} from './store'

/** Bounds each table under a flood of distinct clients or sessions; expired entries go first. */
const MAX_ENTRIES = 10_000

interface PinState {
  failures: number
  lastFailureAt: number
  lockedUntil: number
}

interface CodeState {
  /** Times of the unknown-code answers inside the current window. */
  misses: number[]
  blockedUntil: number
  /** Reservation id → the time it stops holding a slot. */
  inFlight: Map<string, number>
}

/** Drops the first (oldest) entry of a full map, after `sweep` has removed what it can. */
function makeRoom<V>(map: Map<string, V>, sweep: () => void) {
  if (map.size < MAX_ENTRIES) return
  sweep()
  if (map.size < MAX_ENTRIES) return
  const oldest = map.keys().next()
  if (!oldest.done) map.delete(oldest.value)
}

/** The state of one process (the default, and the fallback while Redis is away). */
export function createMemoryStore(): StateStore {
  const revoked = new Map<string, number>()
  const pins = new Map<string, PinState>()
  const codes = new Map<string, CodeState>()

  const pinStale = (state: PinState, at: number, rules: PinRules) =>
    (state.lockedUntil > 0 && state.lockedUntil <= at) ||
    (state.lockedUntil <= at && at - state.lastFailureAt >= rules.memoryMs)

  const currentPin = (client: string, rules: PinRules, at: number) => {
    const state = pins.get(client)
    if (state && pinStale(state, at, rules)) {
      // A lockout that has run out, or failures long forgotten: the client starts afresh.
      pins.delete(client)
      return undefined
    }
    return state
  }

  const codeStateOf = (key: string, rules: CodeRules, at: number): CodeState => {
    let state = codes.get(key)
    if (!state) {
      makeRoom(codes, () => {
        for (const [k, s] of codes)
          if (s.inFlight.size === 0 && s.blockedUntil <= at && s.misses.length === 0)
            codes.delete(k)
      })
      state = { misses: [], blockedUntil: 0, inFlight: new Map() }
      codes.set(key, state)
    }
    if (state.blockedUntil !== 0 && state.blockedUntil <= at) {
      // The block has run out: a fresh budget.
      state.blockedUntil = 0
      state.misses = []
    }
    state.misses = state.misses.filter((time) => at - time < rules.windowMs)
    for (const [id, until] of state.inFlight) if (until <= at) state.inFlight.delete(id)
    return state
  }

  return {
    status: () => 'in-process',
    revokeSession(sessionId, expiresAt, at) {
      for (const [id, until] of revoked) if (until <= at) revoked.delete(id)
      makeRoom(revoked, () => undefined)
      revoked.set(sessionId, expiresAt)
      return Promise.resolve()
    },
    isRevoked(sessionId, at) {
      const until = revoked.get(sessionId)
      return Promise.resolve(until !== undefined && until > at)
    },
    checkPin(client, rules, at): Promise<LockoutCheck> {
      const state = currentPin(client, rules, at)
      return Promise.resolve(
        state && state.lockedUntil > at
          ? { locked: true, retryAfterS: secondsUntil(state.lockedUntil, at) }
          : { locked: false },
      )
    },
    attemptPin(client, rules, at): Promise<PinAttempt> {
      let state = currentPin(client, rules, at)
      if (state && state.lockedUntil > at)
        return Promise.resolve({
          locked: true,
          retryAfterS: secondsUntil(state.lockedUntil, at),
          startedNow: false,
        })
      if (!state) {
        makeRoom(pins, () => {
          for (const [key, entry] of pins) if (pinStale(entry, at, rules)) pins.delete(key)
        })
        state = { failures: 0, lastFailureAt: at, lockedUntil: 0 }
        pins.set(client, state)
      }
      state.failures += 1
      state.lastFailureAt = at
      if (state.failures >= rules.maxFailures) {
        state.lockedUntil = at + rules.lockoutMs
        return Promise.resolve({
          locked: true,
          retryAfterS: secondsUntil(state.lockedUntil, at),
          startedNow: true,
        })
      }
      return Promise.resolve({
        locked: false,
        attemptsRemaining: rules.maxFailures - state.failures,
      })
    },
    clearPin(client) {
      pins.delete(client)
      return Promise.resolve()
    },
    reserveCode(key, rules, at): Promise<CodeReservation> {
      const state = codeStateOf(key, rules, at)
      if (state.blockedUntil > at)
        return Promise.resolve({
          kind: 'blocked',
          retryAfterS: secondsUntil(state.blockedUntil, at),
        })
      if (state.misses.length + state.inFlight.size < rules.limit) {
        const id = randomBytes(9).toString('base64url')
        state.inFlight.set(id, at + RESERVATION_TTL_MS)
        return Promise.resolve({ kind: 'granted', id })
      }
      if (state.inFlight.size === 0) {
        // Budget spent by answers alone (cannot normally happen: the block starts first).
        state.blockedUntil = at + rules.windowMs
        return Promise.resolve({
          kind: 'blocked',
          retryAfterS: secondsUntil(state.blockedUntil, at),
        })
      }
      return Promise.resolve({ kind: 'full' })
    },
    releaseCode(key, id, unknownCode, rules, at) {
      const state = codes.get(key)
      if (!state) return Promise.resolve(false)
      state.inFlight.delete(id)
      let blockedNow = false
      if (unknownCode) {
        state.misses.push(at)
        state.misses = state.misses.filter((time) => at - time < rules.windowMs)
        if (state.misses.length >= rules.limit && state.blockedUntil <= at) {
          state.blockedUntil = at + rules.windowMs
          blockedNow = true
        }
      }
      if (state.inFlight.size === 0 && state.misses.length === 0 && state.blockedUntil <= at)
        codes.delete(key)
      return Promise.resolve(blockedNow)
    },
    close: () => Promise.resolve(),
  }
}
