import { useCallback } from 'react'
import { readDeviceValue, useDeviceValue, writeDeviceValue } from '../../lib/device-storage'

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

export function readScanSetting(name: ScanSetting): boolean {
  const { key, fallback } = SCAN_SETTINGS[name]
  const stored = readDeviceValue(key)
  return stored === null ? fallback : stored === 'true'
}

export function writeScanSetting(name: ScanSetting, value: boolean): void {
  writeDeviceValue(SCAN_SETTINGS[name].key, String(value))
}

/** The stored camera's `deviceId`, or null for the rear camera. */
export function readPreferredCamera(): string | null {
  const stored = readDeviceValue(PREFERRED_CAMERA_KEY)
  return stored === '' ? null : stored
}

export function writePreferredCamera(deviceId: string | null): void {
  writeDeviceValue(PREFERRED_CAMERA_KEY, deviceId === '' ? null : deviceId)
}

export function useScanSetting(name: ScanSetting): [boolean, (value: boolean) => void] {
  const read = useCallback(() => readScanSetting(name), [name])
  const value = useDeviceValue(read)
  const write = useCallback(
    (next: boolean) => {
      writeScanSetting(name, next)
    },
    [name],
  )
  return [value, write]
}

export function usePreferredCamera(): [string | null, (deviceId: string | null) => void] {
  const value = useDeviceValue(readPreferredCamera)
  return [value, writePreferredCamera]
}
