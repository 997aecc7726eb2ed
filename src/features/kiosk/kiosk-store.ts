import { useSyncExternalStore } from 'react'

/**
 * Kiosk mode and its idle timeout, stored on this device (localStorage): a tablet left on the
 * counter stays a kiosk across reloads and cashiers.
 */
export const KIOSK_MODE_KEY = 'zupy-pos.kiosk.enabled'
export const IDLE_TIMEOUT_KEY = 'zupy-pos.kiosk.idleTimeoutS'

/**
 * Seconds without a touch or key before the countdown. Kiosk vendors advise 30–60 s; below 15 a
 * cashier reading a reward list would be interrupted, above 10 min the next customer sees the last.
 */
export const IDLE_TIMEOUT_S = { min: 15, max: 600, fallback: 60 } as const

/** How long "Still there?" counts down before the till starts over. */
export const IDLE_COUNTDOWN_S = 10

const listeners = new Set<() => void>()
/** Where a choice lives for this visit when storage refuses it (private mode, kiosk policy). */
const unsaved = new Map<string, string>()

function read(key: string): string | null {
  const kept = unsaved.get(key)
  if (kept !== undefined) return kept
  try {
    return localStorage.getItem(key)
  } catch {
    return null
  }
}

function write(key: string, value: string): void {
  try {
    localStorage.setItem(key, value)
    unsaved.delete(key)
  } catch {
    unsaved.set(key, value)
  }
  for (const listener of listeners) listener()
}

/** A whole number of seconds within {@link IDLE_TIMEOUT_S}; anything unreadable is the default. */
export function clampIdleTimeoutS(value: number): number {
  if (!Number.isFinite(value)) return IDLE_TIMEOUT_S.fallback
  return Math.min(IDLE_TIMEOUT_S.max, Math.max(IDLE_TIMEOUT_S.min, Math.round(value)))
}

export function readKioskMode(): boolean {
  return read(KIOSK_MODE_KEY) === 'true'
}

export function writeKioskMode(on: boolean): void {
  write(KIOSK_MODE_KEY, String(on))
}

export function readIdleTimeoutS(): number {
  const raw = read(IDLE_TIMEOUT_KEY)
  if (raw === null || raw.trim() === '') return IDLE_TIMEOUT_S.fallback
  return clampIdleTimeoutS(Number(raw))
}

export function writeIdleTimeoutS(seconds: number): void {
  write(IDLE_TIMEOUT_KEY, String(clampIdleTimeoutS(seconds)))
}

function subscribe(listener: () => void) {
  listeners.add(listener)
  // Another tab of the same till changed it.
  window.addEventListener('storage', listener)
  return () => {
    listeners.delete(listener)
    window.removeEventListener('storage', listener)
  }
}

export function useKioskMode(): [boolean, (on: boolean) => void] {
  const on = useSyncExternalStore(subscribe, readKioskMode, readKioskMode)
  return [on, writeKioskMode]
}

export function useIdleTimeoutS(): [number, (seconds: number) => void] {
  const seconds = useSyncExternalStore(subscribe, readIdleTimeoutS, readIdleTimeoutS)
  return [seconds, writeIdleTimeoutS]
}

/**
 * Asking to leave kiosk mode from outside the header (the Settings switch): the app answers with
 * the PIN step, which lives where the session feature can be composed in. Nothing leaves here.
 */
const exitListeners = new Set<() => void>()

export function requestKioskExit(): void {
  for (const listener of exitListeners) listener()
}

/** Runs `listener` on every {@link requestKioskExit}; returns the unsubscribe function. */
export function onKioskExitRequest(listener: () => void): () => void {
  exitListeners.add(listener)
  return () => {
    exitListeners.delete(listener)
  }
}

/** Test helper: forgets what storage refused (the store is module-wide). */
export function resetKioskStore(): void {
  unsaved.clear()
}
