import { describe, expect, it } from 'vitest'
import { createRepeatGuard } from './repeat-guard'

describe('createRepeatGuard', () => {
  it('ignores the same code within 3 s and takes it again after', () => {
    const guard = createRepeatGuard()
    expect(guard.accept('CZ-914F15F3', 0)).toBe(true)
    expect(guard.accept('CZ-914F15F3', 2999)).toBe(false)
    expect(guard.accept('CZ-914F15F3', 2999 + 3001)).toBe(true)
  })

  it('keeps ignoring a code that stays in view, however long', () => {
    const guard = createRepeatGuard()
    expect(guard.accept('CZ-914F15F3', 0)).toBe(true)
    for (let t = 100; t <= 10_000; t += 100) expect(guard.accept('CZ-914F15F3', t)).toBe(false)
  })

  it('takes a different code at once', () => {
    const guard = createRepeatGuard()
    expect(guard.accept('CZ-914F15F3', 0)).toBe(true)
    expect(guard.accept('CZ-7K3M9P2Q', 10)).toBe(true)
    expect(guard.accept('CZ-914F15F3', 20)).toBe(false)
  })

  it('does not get stuck when the clock goes backwards', () => {
    const guard = createRepeatGuard()
    guard.accept('CZ-914F15F3', 10_000)
    expect(guard.accept('CZ-914F15F3', 5)).toBe(true)
  })

  it('can count a code as seen without taking it', () => {
    const guard = createRepeatGuard()
    guard.see('CZ-914F15F3', 0)
    expect(guard.accept('CZ-914F15F3', 1000)).toBe(false)
    expect(guard.accept('CZ-7K3M9P2Q', 1000)).toBe(true)
  })

  it('honours a custom window', () => {
    const guard = createRepeatGuard(500)
    guard.accept('A', 0)
    expect(guard.accept('A', 501)).toBe(true)
  })
})
