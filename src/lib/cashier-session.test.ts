import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from './api-client'
import {
  applySessionStatus,
  getCashierSession,
  getIdleDeadline,
  isSessionRequired,
  lockCashierSession,
  markSignedIn,
  noteApiResponse,
  onLock,
  resetCashierSession,
} from './cashier-session'

const v2 = (status: number, slug?: string) => ({
  method: 'GET' as const,
  path: '/api/v2/rewards/',
  status,
  slug,
})

describe('cashier session store', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    resetCashierSession()
  })
  afterEach(() => {
    resetCashierSession()
    vi.useRealTimers()
  })

  it('locks at start when the server says there is no session', () => {
    const reasons: string[] = []
    onLock((reason) => reasons.push(reason))
    applySessionStatus({ authenticated: false, idleTimeoutS: 900 })
    expect(getCashierSession()).toEqual({ status: 'locked', reason: 'start' })
    expect(reasons).toEqual(['start'])
  })

  it('locks once on session-required from any call, and runs the onLock callbacks once', () => {
    const reasons: string[] = []
    const stop = onLock((reason) => reasons.push(reason))
    applySessionStatus({ authenticated: true, idleTimeoutS: 900 })
    noteApiResponse(v2(401, 'session-required'))
    noteApiResponse({ ...v2(401, 'session-required'), path: '/api/v2/customers/' })
    expect(getCashierSession()).toEqual({ status: 'locked', reason: 'session-ended' })
    expect(reasons).toEqual(['session-ended'])
    stop()
    markSignedIn()
    lockCashierSession('manual')
    expect(reasons).toEqual(['session-ended'])
  })

  it('does not lock on other 401s (a wrong PIN, Zupy refusing the store key)', () => {
    applySessionStatus({ authenticated: true, idleTimeoutS: 900 })
    noteApiResponse({ ...v2(401, 'invalid-pin'), path: '/api/pos/session' })
    noteApiResponse(v2(401, 'authentication-required'))
    expect(getCashierSession()).toEqual({ status: 'unlocked' })
  })

  it('locks when the idle timeout passes with no API activity', () => {
    applySessionStatus({ authenticated: true, idleTimeoutS: 60 })
    vi.advanceTimersByTime(59_999)
    expect(getCashierSession().status).toBe('unlocked')
    vi.advanceTimersByTime(1)
    expect(getCashierSession()).toEqual({ status: 'locked', reason: 'idle' })
  })

  it('slides the idle deadline on every /api/v2 answer, errors included, not on /api/pos', () => {
    applySessionStatus({ authenticated: true, idleTimeoutS: 60 })
    vi.advanceTimersByTime(40_000)
    noteApiResponse(v2(503, 'upstream-timeout'))
    expect(getIdleDeadline()).toBe(Date.now() + 60_000)
    vi.advanceTimersByTime(40_000)
    noteApiResponse({ ...v2(200), path: '/api/pos/health' })
    vi.advanceTimersByTime(19_999)
    expect(getCashierSession().status).toBe('unlocked')
    vi.advanceTimersByTime(1)
    expect(getCashierSession()).toEqual({ status: 'locked', reason: 'idle' })
  })

  it("uses the server's idle deadline when it is sooner than a full timeout from now", () => {
    const serverDeadline = Date.now() + 10_000
    applySessionStatus({
      authenticated: true,
      idleTimeoutS: 900,
      idleExpiresAt: new Date(serverDeadline).toISOString(),
    })
    expect(getIdleDeadline()).toBe(serverDeadline)
    vi.advanceTimersByTime(10_000)
    expect(getCashierSession()).toEqual({ status: 'locked', reason: 'idle' })
  })

  it('ignores a server deadline this clock cannot use (skewed into the past)', () => {
    applySessionStatus({
      authenticated: true,
      idleTimeoutS: 60,
      idleExpiresAt: new Date(Date.now() - 5000).toISOString(),
    })
    expect(getIdleDeadline()).toBe(Date.now() + 60_000)
  })

  it('a sign-in unlocks with a fresh deadline; a late status answer does not undo a lock', () => {
    applySessionStatus({ authenticated: true, idleTimeoutS: 60 })
    noteApiResponse(v2(401, 'session-required'))
    applySessionStatus({ authenticated: true, idleTimeoutS: 60 })
    expect(getCashierSession().status).toBe('locked')
    vi.advanceTimersByTime(120_000)
    markSignedIn()
    expect(getCashierSession()).toEqual({ status: 'unlocked' })
    expect(getIdleDeadline()).toBe(Date.now() + 60_000)
  })

  it('isSessionRequired matches only the 401 session-required error', () => {
    const error = (status: number, type: string) =>
      new ApiError({
        kind: 'http',
        method: 'GET',
        path: '/api/v2/rewards/',
        status,
        problem: { type: `https://docs.zupy.com/errors#${type}`, title: 't', status },
      })
    expect(isSessionRequired(error(401, 'session-required'))).toBe(true)
    expect(isSessionRequired(error(401, 'authentication-required'))).toBe(false)
    expect(isSessionRequired(error(403, 'session-required'))).toBe(false)
    expect(isSessionRequired(new Error('session-required'))).toBe(false)
  })
})
