import { act, fireEvent, renderHook } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { noteActivity, useIdleCountdown } from './use-idle-countdown'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

function renderIdle() {
  const onExpire = vi.fn()
  const hook = renderHook(() =>
    useIdleCountdown({ idleMs: 60_000, countdownMs: 10_000, needsReset: () => true, onExpire }),
  )
  const advance = (ms: number) => {
    act(() => {
      vi.advanceTimersByTime(ms)
    })
  }
  return { ...hook, onExpire, advance }
}

describe('useIdleCountdown', () => {
  it('exposes the countdown’s end, then expires', () => {
    const { result, onExpire, advance } = renderIdle()
    expect(result.current.endsAt).toBeNull()
    advance(60_000)
    expect(result.current.endsAt).toBe(Date.now() + 10_000)
    advance(10_000)
    expect(result.current.endsAt).toBeNull()
    expect(onExpire).toHaveBeenCalledTimes(1)
  })

  it.each([
    ['a touch', () => fireEvent.pointerDown(document.body)],
    ['a key (a scanner burst)', () => fireEvent.keyDown(document.body, { key: 'C' })],
    ['the wheel', () => fireEvent.wheel(document.body)],
    ['a touch start', () => fireEvent.touchStart(document.body)],
    ['a camera read', noteActivity],
  ])('%s cancels the countdown', (_name, act_) => {
    const { result, onExpire, advance } = renderIdle()
    advance(65_000)
    expect(result.current.endsAt).not.toBeNull()
    act(() => {
      act_()
    })
    expect(result.current.endsAt).toBeNull()
    advance(10_000)
    expect(onExpire).not.toHaveBeenCalled()
  })

  it('a camera read while waiting postpones the countdown too', () => {
    const { result, advance } = renderIdle()
    advance(50_000)
    act(() => {
      noteActivity()
    })
    advance(50_000)
    expect(result.current.endsAt).toBeNull()
  })

  it('keepWorking cancels; unmounting stops listening', () => {
    const { result, onExpire, advance, unmount } = renderIdle()
    advance(60_000)
    act(() => {
      result.current.keepWorking()
    })
    expect(result.current.endsAt).toBeNull()
    unmount()
    advance(600_000)
    expect(onExpire).not.toHaveBeenCalled()
  })
})
