import { act, renderHook } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import {
  PREFERRED_CAMERA_KEY,
  readScanSetting,
  SCAN_SETTINGS,
  usePreferredCamera,
  useScanSetting,
} from './scan-settings'

describe('scan settings', () => {
  it('"Use on scan" is off and sounds are on until the cashier changes them', () => {
    expect(readScanSetting('useOnScan')).toBe(false)
    expect(readScanSetting('sounds')).toBe(true)
  })

  it('stores a change on the device and re-renders the toggle', () => {
    const { result } = renderHook(() => useScanSetting('useOnScan'))
    expect(result.current[0]).toBe(false)
    act(() => {
      result.current[1](true)
    })
    expect(result.current[0]).toBe(true)
    expect(localStorage.getItem(SCAN_SETTINGS.useOnScan.key)).toBe('true')
  })

  it('reads what another visit stored', () => {
    localStorage.setItem(SCAN_SETTINGS.sounds.key, 'false')
    expect(renderHook(() => useScanSetting('sounds')).result.current[0]).toBe(false)
  })

  it('has no preferred camera (the rear one) until one is chosen, and forgets it on request', () => {
    const { result } = renderHook(() => usePreferredCamera())
    expect(result.current[0]).toBeNull()
    act(() => {
      result.current[1]('usb-webcam')
    })
    expect(result.current[0]).toBe('usb-webcam')
    expect(localStorage.getItem(PREFERRED_CAMERA_KEY)).toBe('usb-webcam')
    act(() => {
      result.current[1](null)
    })
    expect(result.current[0]).toBeNull()
    expect(localStorage.getItem(PREFERRED_CAMERA_KEY)).toBeNull()
  })

  it('keeps a choice for this visit when storage refuses it', () => {
    const setItem = vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('quota', 'QuotaExceededError')
    })
    const getItem = vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError')
    })
    const { result } = renderHook(() => useScanSetting('useOnScan'))
    act(() => {
      result.current[1](true)
    })
    expect(result.current[0]).toBe(true)
    setItem.mockRestore()
    getItem.mockRestore()
  })
})
