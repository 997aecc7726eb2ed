import { useCallback, useSyncExternalStore } from 'react'

/** Zupy keeps an OTP session for 30 minutes after verify-otp (api-notes §3.4). */
export const OTP_SESSION_TTL_MS = 30 * 60_000

export interface OtpSession {
  token: string
  /** Epoch ms, from this till's clock. */
  expiresAt: number
}

interface StoredSession extends OtpSession {
  customerId: string
}

/**
 * In memory only: a session token lets anyone at this till spend the customer's points, so it must
 * not survive a reload or outlive the customer at the counter. One customer at a time.
 */
let current: StoredSession | null = null
let expiryTimer: ReturnType<typeof setTimeout> | undefined
const listeners = new Set<() => void>()

function notify() {
  for (const listener of listeners) listener()
}

function clearExpiryTimer() {
  if (expiryTimer !== undefined) clearTimeout(expiryTimer)
  expiryTimer = undefined
}

/** The customer's live session, or null when there is none or it has expired. */
export function getOtpSession(customerId: string): OtpSession | null {
  if (current?.customerId !== customerId) return null
  return current.expiresAt > Date.now() ? current : null
}

/** Keeps `token` for `customerId` until `expiresAt`, forgetting any other customer's session. */
export function saveOtpSession(customerId: string, token: string, expiresAt: number): void {
  clearExpiryTimer()
  current = { customerId, token, expiresAt }
  // Subscribers re-read at expiry, so a visible timer or a cached token never outlives the session.
  expiryTimer = setTimeout(
    () => {
      if (current?.expiresAt === expiresAt && current.token === token) {
        current = null
        notify()
      }
    },
    Math.max(0, expiresAt - Date.now()),
  )
  notify()
}

/** Forgets every session (the cashier left the customer). */
export function forgetOtpSessions(): void {
  clearExpiryTimer()
  if (current === null) return
  current = null
  notify()
}

/** Forgets the stored session unless it belongs to `customerId`. */
export function forgetOtherOtpSessions(customerId: string): void {
  if (current !== null && current.customerId !== customerId) forgetOtpSessions()
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

/** The customer's live session, re-rendering when it is saved, forgotten or expires. */
export function useOtpSession(customerId: string): OtpSession | null {
  const snapshot = useCallback(() => getOtpSession(customerId), [customerId])
  return useSyncExternalStore(subscribe, snapshot, snapshot)
}
