import { useSyncExternalStore } from 'react'

/**
 * The till's own settings (kiosk mode, scan preferences, the preferred camera) live in
 * localStorage: they belong to the device, not to a cashier or a visit. One store for all of them,
 * so every reader hears every change, including another tab's.
 */

const listeners = new Set<() => void>()
/** Where a choice lives for this visit when storage refuses it (private mode, kiosk policy). */
const unsaved = new Map<string, string | null>()

export function readDeviceValue(key: string): string | null {
  if (unsaved.has(key)) return unsaved.get(key) ?? null
  try {
    return localStorage.getItem(key)
  } catch {
    return null
  }
}

/** Stores `value` under `key`; null removes it (the setting's default applies again). */
export function writeDeviceValue(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key)
    else localStorage.setItem(key, value)
    unsaved.delete(key)
  } catch {
    unsaved.set(key, value)
  }
  for (const listener of listeners) listener()
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  // Another tab of the same till changed it.
  window.addEventListener('storage', listener)
  return () => {
    listeners.delete(listener)
    window.removeEventListener('storage', listener)
  }
}

/** Re-renders when any device setting changes; `read` must return a primitive (or a stable value). */
export function useDeviceValue<T>(read: () => T): T {
  return useSyncExternalStore(subscribe, read, read)
}

/** Test helper: forgets what storage refused (the store is module-wide). */
export function resetDeviceStorage(): void {
  unsaved.clear()
}
