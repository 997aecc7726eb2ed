import { useSyncExternalStore } from 'react'
import { ApiError, type ApiResponseInfo } from './api-client'

/**
 * Whether the till is unlocked, as far as this page knows. The server decides (every /api/v2 call
 * needs its session cookie, which scripts cannot read); this store follows what it says and adds a
 * client-side idle timer, so an unattended till shows the lock screen without waiting for a call.
 *
 * - `start`: the page opened without a session;
 * - `manual`: the cashier pressed Lock;
 * - `idle`: no API activity for the server's idle timeout;
 * - `session-ended`: a call was refused with 401 `session-required` (expired, signed out elsewhere,
 *   the server restarted with a new secret…).
 */
export type LockReason = 'start' | 'manual' | 'idle' | 'session-ended'

export type CashierSessionState =
  /** Before the server has said anything: the app shows, calls find out. */
  { status: 'unknown' } | { status: 'unlocked' } | { status: 'locked'; reason: LockReason }

let state: CashierSessionState = { status: 'unknown' }
/** The server's idle timeout; unknown until `GET /api/pos/session` answers. */
let idleTimeoutMs: number | null = null
let idleDeadline: number | null = null
let idleTimer: ReturnType<typeof setTimeout> | undefined
const listeners = new Set<() => void>()
const lockCallbacks = new Set<(reason: LockReason) => void>()

function setState(next: CashierSessionState) {
  state = next
  for (const listener of listeners) listener()
}

function clearIdleTimer() {
  if (idleTimer !== undefined) clearTimeout(idleTimer)
  idleTimer = undefined
}

function scheduleIdleLock() {
  clearIdleTimer()
  if (idleDeadline === null || state.status === 'locked') return
  idleTimer = setTimeout(
    () => {
      idleTimer = undefined
      // A late timer (a sleeping tablet) must not lock a session that was used since.
      if (idleDeadline !== null && Date.now() >= idleDeadline) lockCashierSession('idle')
      else scheduleIdleLock()
    },
    Math.max(0, idleDeadline - Date.now()),
  )
}

export function getCashierSession(): CashierSessionState {
  return state
}

/** When the client will lock for inactivity (epoch ms), or null when it does not know yet. */
export function getIdleDeadline(): number | null {
  return idleDeadline
}

/**
 * Shows the lock screen. Runs the {@link onLock} callbacks once per lock (a 401 arriving while
 * already locked changes nothing). It does not sign out on the server: see `useLockNow`.
 */
export function lockCashierSession(reason: LockReason): void {
  if (state.status === 'locked') return
  clearIdleTimer()
  idleDeadline = null
  setState({ status: 'locked', reason })
  for (const callback of lockCallbacks) callback(reason)
}

/**
 * The server accepted the PIN (a new session, or a renewed one for a kiosk-exit check): unlocked,
 * with a fresh idle deadline.
 */
export function markSignedIn(): void {
  if (state.status !== 'unlocked') setState({ status: 'unlocked' })
  recordActivity()
}

/**
 * What `GET /api/pos/session` said. `idleExpiresAt` is the server's deadline (ISO); it is used
 * when it is sane for this clock, else the deadline counts from now.
 */
export function applySessionStatus(status: {
  authenticated: boolean
  idleTimeoutS: number
  idleExpiresAt?: string | null
}): void {
  idleTimeoutMs = status.idleTimeoutS * 1000
  if (!status.authenticated) {
    lockCashierSession('start')
    return
  }
  // A lock that came from a refused call stands until a PIN is typed.
  if (state.status === 'locked') return
  if (state.status === 'unknown') setState({ status: 'unlocked' })
  const now = Date.now()
  const server = status.idleExpiresAt ? Date.parse(status.idleExpiresAt) : Number.NaN
  idleDeadline = server > now && server <= now + idleTimeoutMs ? server : now + idleTimeoutMs
  scheduleIdleLock()
}

/** An API call went through the server's session check, which slid its idle deadline: so do we. */
export function recordActivity(): void {
  if (state.status === 'locked' || idleTimeoutMs === null) return
  idleDeadline = Date.now() + idleTimeoutMs
  scheduleIdleLock()
}

/**
 * Feed for `subscribeToResponses`: a 401 `session-required` from any call locks; any other
 * answer under /api/v2/ passed the session check, so it counts as activity. The /api/pos/ routes
 * do not slide the server's deadline, so they do not count.
 */
export function noteApiResponse(info: ApiResponseInfo): void {
  if (info.status === 401 && info.slug === 'session-required') {
    lockCashierSession('session-ended')
    return
  }
  if (info.path.startsWith('/api/v2/')) recordActivity()
}

/** True for the error a call gets when the cashier session is missing or over. */
export function isSessionRequired(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401 && error.slug === 'session-required'
}

/**
 * Hook point for anything that must be forgotten when the till locks (the customer's OTP session,
 * scan history, cached customer data…). `callback` gets the reason, so it can decide: the query
 * cache is cleared on a manual lock only (see SessionGate). Returns the unsubscribe function.
 */
export function onLock(callback: (reason: LockReason) => void): () => void {
  lockCallbacks.add(callback)
  return () => {
    lockCallbacks.delete(callback)
  }
}

export function subscribeCashierSession(listener: () => void): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

/** The session state, re-rendering on lock and unlock (not on every call). */
export function useCashierSession(): CashierSessionState {
  return useSyncExternalStore(subscribeCashierSession, getCashierSession, getCashierSession)
}

/** Back to a fresh page's state; tests call it between cases (the store is module-wide). */
export function resetCashierSession(): void {
  clearIdleTimer()
  state = { status: 'unknown' }
  idleTimeoutMs = null
  idleDeadline = null
  lockCallbacks.clear()
  for (const listener of listeners) listener()
}
