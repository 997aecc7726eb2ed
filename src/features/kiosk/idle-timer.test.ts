import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createIdleTimer, type IdleTimer } from './idle-timer'

const IDLE = 60_000
const COUNTDOWN = 10_000

let timer: IdleTimer
const calls = {
  needsReset: vi.fn(() => true),
  onCountdown: vi.fn(),
  onCancel: vi.fn(),
  onExpire: vi.fn(),
}

function start() {
  timer = createIdleTimer({ idleMs: IDLE, countdownMs: COUNTDOWN, ...calls })
}

beforeEach(() => {
  vi.useFakeTimers()
  for (const mock of Object.values(calls)) mock.mockClear()
  calls.needsReset.mockImplementation(() => true)
})

afterEach(() => {
  timer.stop()
  vi.useRealTimers()
})

describe('idle timer', () => {
  it('counts down after the idle time, then expires at the end of the countdown', () => {
    start()
    vi.advanceTimersByTime(IDLE - 1)
    expect(calls.onCountdown).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(calls.onCountdown).toHaveBeenCalledWith(Date.now() + COUNTDOWN)
    vi.advanceTimersByTime(COUNTDOWN - 1)
    expect(calls.onExpire).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(calls.onExpire).toHaveBeenCalledTimes(1)
    expect(calls.onCancel).not.toHaveBeenCalled()
  })

  it('waits a whole idle time from the last activity', () => {
    start()
    vi.advanceTimersByTime(50_000)
    timer.activity()
    vi.advanceTimersByTime(50_000)
    expect(calls.onCountdown).not.toHaveBeenCalled()
    vi.advanceTimersByTime(10_000)
    expect(calls.onCountdown).toHaveBeenCalledTimes(1)
  })

  it('cancels the countdown on activity and keeps everything', () => {
    start()
    vi.advanceTimersByTime(IDLE + 5_000)
    timer.activity()
    expect(calls.onCancel).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(COUNTDOWN)
    expect(calls.onExpire).not.toHaveBeenCalled()
    // And the next countdown comes after another whole idle time.
    vi.advanceTimersByTime(IDLE - COUNTDOWN - 1)
    expect(calls.onCountdown).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(1)
    expect(calls.onCountdown).toHaveBeenCalledTimes(2)
  })

  it('shows no countdown while there is nothing to forget, and asks again an idle time later', () => {
    calls.needsReset.mockImplementation(() => false)
    start()
    vi.advanceTimersByTime(IDLE * 5)
    expect(calls.needsReset).toHaveBeenCalledTimes(5)
    expect(calls.onCountdown).not.toHaveBeenCalled()

    calls.needsReset.mockImplementation(() => true)
    vi.advanceTimersByTime(IDLE)
    expect(calls.onCountdown).toHaveBeenCalledTimes(1)
  })

  it('starts waiting again after a reset, for the next customer', () => {
    start()
    vi.advanceTimersByTime(IDLE + COUNTDOWN)
    expect(calls.onExpire).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(IDLE + COUNTDOWN)
    expect(calls.onExpire).toHaveBeenCalledTimes(2)
  })

  it('stops for good, cancelling a running countdown', () => {
    start()
    vi.advanceTimersByTime(IDLE)
    timer.stop()
    expect(calls.onCancel).toHaveBeenCalledTimes(1)
    timer.activity()
    vi.advanceTimersByTime(IDLE * 3)
    expect(calls.onExpire).not.toHaveBeenCalled()
    expect(calls.onCountdown).toHaveBeenCalledTimes(1)
    expect(calls.onCancel).toHaveBeenCalledTimes(1)
  })

  it('does not re-arm a timer per key of a scanner burst', () => {
    start()
    const armed = vi.getTimerCount()
    for (let key = 0; key < 50; key += 1) timer.activity()
    expect(vi.getTimerCount()).toBe(armed)
  })
})
