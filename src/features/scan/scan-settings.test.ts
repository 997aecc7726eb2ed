import { act, renderHook } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { readScanSetting, SCAN_SETTINGS, useScanSetting } from './scan-settings'

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
})
