import { describe, expect, it } from 'vitest'
import { createPinMatcher } from './pin-lockout'

// The lockout's own rules are in the state-store contract (state/contract.test.ts).

describe('PIN matcher', () => {
  it('accepts the PIN and nothing else', () => {
    const matches = createPinMatcher('1234')
    expect(matches('1234')).toBe(true)
    for (const wrong of ['', '123', '12345', '1235', ' 1234', '1234 ', '１２３４', '0000'])
      expect(matches(wrong), wrong).toBe(false)
  })
})
