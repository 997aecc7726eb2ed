import { describe, expect, it } from 'vitest'
import { createWedgeDetector, type WedgeKey } from './wedge-detector'

/** Feeds `text` then Enter, one key every `gap` ms from `start`; returns what Enter answered. */
function type(
  text: string,
  gap: number,
  { start = 1000, enterGap = gap, detector = createWedgeDetector() } = {},
) {
  let time = start
  for (const key of text) {
    expect(detector.push({ key, time })).toBeNull()
    time += gap
  }
  return detector.push({ key: 'Enter', time: time - gap + enterGap })
}

describe('createWedgeDetector', () => {
  it('reads a fast burst of 6+ characters closed by Enter as a scan', () => {
    expect(type('CZ-914F15F3', 8)).toBe('CZ-914F15F3')
    expect(type('ABCDEF', 35)).toBe('ABCDEF')
  })

  it('ignores a person typing, even fast', () => {
    expect(type('CZ-914F15F3', 60)).toBeNull()
    expect(type('ABCDEF', 36)).toBeNull()
  })

  it('needs at least 6 characters', () => {
    expect(type('ABCDE', 5)).toBeNull()
  })

  it('needs the Enter to come as fast as the keys', () => {
    expect(type('CZ-914F15F3', 5, { enterGap: 200 })).toBeNull()
  })

  it('starts a new burst after a pause, so slow keys before a scan do not count', () => {
    const detector = createWedgeDetector()
    detector.push({ key: 'x', time: 0 })
    detector.push({ key: 'y', time: 500 })
    expect(type('CZ-914F15F3', 5, { start: 2000, detector })).toBe('CZ-914F15F3')
  })

  it('does not let one slow key in the middle join two halves', () => {
    const detector = createWedgeDetector()
    const keys: WedgeKey[] = [
      { key: 'C', time: 0 },
      { key: 'Z', time: 5 },
      { key: '-', time: 10 },
      { key: '9', time: 300 },
      { key: '1', time: 305 },
      { key: '4', time: 310 },
      { key: 'F', time: 315 },
      { key: '1', time: 320 },
      { key: '5', time: 325 },
    ]
    for (const key of keys) detector.push(key)
    expect(detector.push({ key: 'Enter', time: 330 })).toBe('914F15')
  })

  it('skips the Shift a scanner presses for capitals without breaking the burst', () => {
    const detector = createWedgeDetector()
    let time = 0
    for (const key of 'CZ-914F15F3') {
      if (/[A-Z]/.test(key)) detector.push({ key: 'Shift', time: (time += 2) })
      detector.push({ key, time: (time += 4) })
    }
    expect(detector.push({ key: 'Enter', time: time + 4 })).toBe('CZ-914F15F3')
  })

  it('drops the burst on a shortcut, an auto-repeat or an editing key', () => {
    for (const breaker of [
      { key: 'v', modified: true },
      { key: 'a', repeat: true },
      { key: 'Backspace' },
      { key: 'Tab' },
    ]) {
      const detector = createWedgeDetector()
      let time = 0
      for (const key of 'CZ-914') detector.push({ key, time: (time += 5) })
      detector.push({ ...breaker, time: (time += 5) })
      expect(detector.push({ key: 'Enter', time: time + 5 }), breaker.key).toBeNull()
    }
  })

  it('resets after every Enter, so a second scan does not carry the first', () => {
    const detector = createWedgeDetector()
    expect(type('CZ-914F15F3', 5, { detector })).toBe('CZ-914F15F3')
    expect(type('CZ-7K3M9P2Q', 5, { start: 5000, detector })).toBe('CZ-7K3M9P2Q')
  })

  it('counts astral characters as one key', () => {
    expect(type('😀😀😀😀😀😀', 5)).toBe('😀😀😀😀😀😀')
  })

  it('tells when keys already look like a burst', () => {
    const detector = createWedgeDetector()
    detector.push({ key: 'C', time: 0 })
    expect(detector.inBurst()).toBe(false)
    detector.push({ key: 'Z', time: 5 })
    expect(detector.inBurst()).toBe(true)
    detector.push({ key: 'x', time: 500 })
    expect(detector.inBurst()).toBe(false)
  })

  it('honours custom thresholds', () => {
    const detector = createWedgeDetector({ maxGapMs: 100, minLength: 3 })
    expect(type('ABC', 90, { detector })).toBe('ABC')
  })
})
