import { useCallback, useSyncExternalStore } from 'react'

/**
 * Scan preferences, stored on this device (localStorage): they belong to the till, not to a
 * cashier or a visit. Settings shows their controls; the scan screen says which are on.
 */
export const SCAN_SETTINGS = {
  /** Use a scanned active coupon at once, without the "Use coupon" tap. Off by default. */
  useOnScan: { key: 'zupy-pos.scan.useOnScan', fallback: false },
  /** Success and failure tones. On by default: a noisy counter needs them. */
  sounds: { key: 'zupy-pos.scan.sounds', fallback: true },
} as const

export type ScanSetting = keyof typeof SCAN_SETTINGS

/** The camera the scan screen opens with (a `deviceId`); absent means the rear camera. */
export const PREFERRED_CAMERA_KEY = 'zupy-pos.scan.camera'

const listeners = new Set<() => void>()
/** Where a choice lives for this visit when storage refuses it. */
const unsaved = new Map<ScanSetting, boolean>()
let unsavedCamera: string | null = null

function notify() {
  for (const listener of listeners) listener()
}

export function readScanSetting(name: ScanSetting): boolean {
  const { key, fallback } = SCAN_SETTINGS[name]
  try {
    const stored = localStorage.getItem(key)
    return stored === null ? fallback : stored === 'true'
  } catch {
    // Storage disabled (private mode, kiosk policy).
    return unsaved.get(name) ?? fallback
  }
}

export function writeScanSetting(name: ScanSetting, value: boolean): void {
  try {
    localStorage.setItem(SCAN_SETTINGS[name].key, String(value))
  } catch {
    unsaved.set(name, value)
  }
  notify()
}

/** The stored camera's `deviceId`, or null for the rear camera. */
export function readPreferredCamera(): string | null {
  try {
    const stored = localStorage.getItem(PREFERRED_CAMERA_KEY)
    return stored === '' ? null : stored
  } catch {
    return unsavedCamera
  }
}

export function writePreferredCamera(deviceId: string | null): void {
  try {
    if (deviceId === null || deviceId === '') localStorage.removeItem(PREFERRED_CAMERA_KEY)
    else localStorage.setItem(PREFERRED_CAMERA_KEY, deviceId)
  } catch {
    unsavedCamera = deviceId === '' ? null : deviceId
  }
  notify()
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

export function useScanSetting(name: ScanSetting): [boolean, (value: boolean) => void] {
  const read = useCallback(() => readScanSetting(name), [name])
  const value = useSyncExternalStore(subscribe, read, read)
  const write = useCallback(
    (next: boolean) => {
      writeScanSetting(name, next)
    },
    [name],
  )
  return [value, write]
}

export function usePreferredCamera(): [string | null, (deviceId: string | null) => void] {
  const value = useSyncExternalStore(subscribe, readPreferredCamera, readPreferredCamera)
  return [value, writePreferredCamera]
}
