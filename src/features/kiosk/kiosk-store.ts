import { readDeviceValue, useDeviceValue, writeDeviceValue } from '../../lib/device-storage'

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

/** A whole number of seconds within {@link IDLE_TIMEOUT_S}; anything unreadable is the default. */
export function clampIdleTimeoutS(value: number): number {
  if (!Number.isFinite(value)) return IDLE_TIMEOUT_S.fallback
  return Math.min(IDLE_TIMEOUT_S.max, Math.max(IDLE_TIMEOUT_S.min, Math.round(value)))
}

export function readKioskMode(): boolean {
  return readDeviceValue(KIOSK_MODE_KEY) === 'true'
}

export function writeKioskMode(on: boolean): void {
  writeDeviceValue(KIOSK_MODE_KEY, String(on))
}

export function readIdleTimeoutS(): number {
  const raw = readDeviceValue(IDLE_TIMEOUT_KEY)
  if (raw === null || raw.trim() === '') return IDLE_TIMEOUT_S.fallback
  return clampIdleTimeoutS(Number(raw))
}

export function writeIdleTimeoutS(seconds: number): void {
  writeDeviceValue(IDLE_TIMEOUT_KEY, String(clampIdleTimeoutS(seconds)))
}

export function useKioskMode(): [boolean, (on: boolean) => void] {
  const on = useDeviceValue(readKioskMode)
  return [on, writeKioskMode]
}

export function useIdleTimeoutS(): [number, (seconds: number) => void] {
  const seconds = useDeviceValue(readIdleTimeoutS)
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
