import { describe, expect, it } from 'vitest'
import { MAX_PIN_FAILURES, PIN_LOCKOUT_MS, createPinLockout, createPinMatcher } from './pin-lockout'

function lockoutWithClock() {
  const clock = { ms: Date.parse('2026-03-25T08:00:00Z') }
  return { lockout: createPinLockout(() => clock.ms), clock }
}

describe('PIN lockout', () => {
  it('locks a client on the fifth wrong PIN, counting down the attempts before', () => {
    const { lockout } = lockoutWithClock()
    const outcomes = Array.from({ length: MAX_PIN_FAILURES }, () => lockout.fail('10.0.0.7'))
    expect(outcomes.slice(0, 4)).toEqual(
      [4, 3, 2, 1].map((n) => ({
        locked: false,
        attemptsRemaining: n,
      })),
    )
    expect(outcomes[4]).toEqual({ locked: true, retryAfterS: 300, startedNow: true })
    expect(lockout.check('10.0.0.7')).toEqual({ locked: true, retryAfterS: 300 })
  })

  it('locks only that client', () => {
    const { lockout } = lockoutWithClock()
    for (let i = 0; i < MAX_PIN_FAILURES; i++) lockout.fail('10.0.0.7')
    expect(lockout.check('10.0.0.8')).toEqual({ locked: false })
  })

  it('lifts after five minutes with a fresh count', () => {
    const { lockout, clock } = lockoutWithClock()
    for (let i = 0; i < MAX_PIN_FAILURES; i++) lockout.fail('c')
    clock.ms += PIN_LOCKOUT_MS - 1000
    expect(lockout.check('c')).toEqual({ locked: true, retryAfterS: 1 })
    clock.ms += 1000
    expect(lockout.check('c')).toEqual({ locked: false })
    expect(lockout.fail('c')).toEqual({ locked: false, attemptsRemaining: 4 })
  })

  it('forgets failures after a correct PIN', () => {
    const { lockout } = lockoutWithClock()
    for (let i = 0; i < MAX_PIN_FAILURES - 1; i++) lockout.fail('c')
    lockout.succeed('c')
    expect(lockout.fail('c')).toEqual({ locked: false, attemptsRemaining: 4 })
  })

  it('forgets old failures after 15 quiet minutes', () => {
    const { lockout, clock } = lockoutWithClock()
    for (let i = 0; i < MAX_PIN_FAILURES - 1; i++) lockout.fail('c')
    clock.ms += 15 * 60_000
    expect(lockout.fail('c')).toEqual({ locked: false, attemptsRemaining: 4 })
  })
})

describe('PIN matcher', () => {
  it('accepts the PIN and nothing else', () => {
    const matches = createPinMatcher('1234')
    expect(matches('1234')).toBe(true)
    for (const wrong of ['', '123', '12345', '1235', ' 1234', '1234 ', '１２３４', '0000'])
      expect(matches(wrong), wrong).toBe(false)
  })
})
