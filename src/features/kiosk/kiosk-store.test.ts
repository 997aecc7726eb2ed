import { act, renderHook } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  IDLE_TIMEOUT_KEY,
  IDLE_TIMEOUT_S,
  KIOSK_MODE_KEY,
  onKioskExitRequest,
  readIdleTimeoutS,
  readKioskMode,
  requestKioskExit,
  useIdleTimeoutS,
  useKioskMode,
  writeIdleTimeoutS,
} from './kiosk-store'

afterEach(() => {
  vi.restoreAllMocks()
})

describe('kiosk store', () => {
  it('starts off, with a 60 s idle timeout', () => {
    expect(readKioskMode()).toBe(false)
    expect(readIdleTimeoutS()).toBe(60)
  })

  it('stores kiosk mode on the device and re-renders what reads it', () => {
    const { result } = renderHook(() => useKioskMode())
    act(() => {
      result.current[1](true)
    })
    expect(result.current[0]).toBe(true)
    expect(localStorage.getItem(KIOSK_MODE_KEY)).toBe('true')
    act(() => {
      result.current[1](false)
    })
    expect(result.current[0]).toBe(false)
  })

  it('keeps the idle timeout within its bounds, in whole seconds', () => {
    const { result } = renderHook(() => useIdleTimeoutS())
    act(() => {
      result.current[1](5)
    })
    expect(result.current[0]).toBe(IDLE_TIMEOUT_S.min)
    act(() => {
      result.current[1](90.4)
    })
    expect(result.current[0]).toBe(90)
    expect(localStorage.getItem(IDLE_TIMEOUT_KEY)).toBe('90')
    act(() => {
      result.current[1](86_400)
    })
    expect(result.current[0]).toBe(IDLE_TIMEOUT_S.max)
  })

  it.each([
    ['', 60],
    ['soon', 60],
    ['3', 15],
    ['120', 120],
    ['99999', 600],
  ])('reads a stored timeout of %j as %d s', (stored, seconds) => {
    localStorage.setItem(IDLE_TIMEOUT_KEY, stored)
    expect(readIdleTimeoutS()).toBe(seconds)
  })

  it('keeps a choice for this visit when storage refuses it', () => {
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('quota', 'QuotaExceededError')
    })
    const { result } = renderHook(() => useKioskMode())
    act(() => {
      result.current[1](true)
    })
    expect(result.current[0]).toBe(true)
    writeIdleTimeoutS(30)
    expect(readIdleTimeoutS()).toBe(30)
  })

  it('reads what another visit stored', () => {
    localStorage.setItem(KIOSK_MODE_KEY, 'true')
    expect(renderHook(() => useKioskMode()).result.current[0]).toBe(true)
  })

  it('passes an exit request to whoever listens, and to nobody after unsubscribing', () => {
    const listener = vi.fn()
    const unsubscribe = onKioskExitRequest(listener)
    requestKioskExit()
    expect(listener).toHaveBeenCalledTimes(1)
    unsubscribe()
    requestKioskExit()
    expect(listener).toHaveBeenCalledTimes(1)
  })
})
