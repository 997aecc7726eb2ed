import { describe, expect, it } from 'vitest'
import { parseScannedCode } from './parse-scanned-code'
import {
  createWedgeDetector,
  LOOSE_TIMING,
  WEDGE_DEFAULTS,
  type WedgeDetector,
} from './wedge-detector'

/** The field rule alone: what a focused text field uses. */
const inField = () => createWedgeDetector(WEDGE_DEFAULTS)

/** The page rule, recognising what the scan screen and the lookup act on. */
const onPage = () =>
  createWedgeDetector({
    ...WEDGE_DEFAULTS,
    recognised: {
      ...LOOSE_TIMING,
      recognises: (text) => parseScannedCode(text).kind !== 'unknown',
    },
  })

/**
 * Feeds `text` then Enter, one key every `gap` ms from `start`; `pauses` adds extra ms before the
 * key at that index (`text.length` for the Enter). Returns what Enter answered.
 */
function type(
  text: string,
  gap: number,
  {
    start = 1000,
    enterGap = gap,
    pauses = {},
    detector = createWedgeDetector(),
  }: {
    start?: number
    enterGap?: number
    pauses?: Record<number, number>
    detector?: WedgeDetector
  } = {},
) {
  const chars = Array.from(text)
  let time = start
  chars.forEach((key, index) => {
    if (index > 0) time += gap + (pauses[index] ?? 0)
    expect(detector.push({ key, time })).toBeNull()
  })
  return detector.push({ key: 'Enter', time: time + enterGap + (pauses[chars.length] ?? 0) })
}

const COUPON = 'CZ-7K3M9P2Q'
const CARD = 'ZP-MARIA01'
const PHONE = '11987654321'

describe('createWedgeDetector with no field focused (page rule)', () => {
  describe.each([0, 5, 10, 20, 30, 40])('a scanner at %i ms a key', (gap) => {
    it.each([COUPON, 'cz7k3m9p2q', CARD, PHONE, '+5511987654321'])('reads %s', (text) => {
      expect(type(text, gap, { detector: onPage() })).toBe(text)
    })

    it.each([100, 150, 200])('reads a coupon through one %i ms pause', (pause) => {
      const lastKey = COUPON.length - 1
      for (const at of [1, 5, lastKey, COUPON.length]) {
        expect(type(COUPON, gap, { detector: onPage(), pauses: { [at]: pause } }), `at ${at}`).toBe(
          COUPON,
        )
      }
    })

    it('does not read through two pauses', () => {
      expect(type(COUPON, gap, { detector: onPage(), pauses: { 1: 150, 6: 150 } })).toBeNull()
    })
  })

  it('keeps the first key that reached the page 150 ms before the rest', () => {
    // The measured case: `C` … 150 ms … `Z-7K3M9P2Q⏎` read as "Z-7K3M9P2Q", not recognised.
    expect(type(COUPON, 20, { detector: onPage(), pauses: { 1: 150 } })).toBe(COUPON)
  })

  it('drops a stray key a pause before the scan instead of spoiling it', () => {
    const detector = onPage()
    detector.push({ key: 'x', time: 800 })
    expect(type(COUPON, 10, { detector, start: 1000 })).toBe(COUPON)
  })

  it('drops keys from before a second pause, keeping the scan after the first', () => {
    const detector = onPage()
    detector.push({ key: 'x', time: 700 })
    detector.push({ key: 'y', time: 900 })
    expect(type(COUPON, 20, { detector, start: 1100, pauses: { 1: 150 } })).toBe(COUPON)
  })

  it('does not join keys across a pause longer than 300 ms', () => {
    // Only the keys after it are the burst: at 40 ms a key they are no code, so nothing; at USB
    // speed they are handed over as they are (and read as "not recognised").
    expect(type(COUPON, 40, { detector: onPage(), pauses: { 1: 350 } })).toBeNull()
    expect(type(COUPON, 10, { detector: onPage(), pauses: { 1: 350 } })).toBe('Z-7K3M9P2Q')
    expect(type(COUPON, 10, { detector: onPage(), enterGap: 350 })).toBeNull()
  })

  it('reads keys delivered in uneven clumps, 40 ms a key on average', () => {
    const detector = onPage()
    let time = 0
    Array.from(COUPON).forEach((key, i) => detector.push({ key, time: (time += i % 2 ? 0 : 80) }))
    expect(detector.push({ key: 'Enter', time: time + 40 })).toBe(COUPON)
  })

  it('ignores a fast typist whose keys sometimes come close together', () => {
    const detector = onPage()
    let time = 0
    Array.from(COUPON).forEach((key, i) => detector.push({ key, time: (time += i % 2 ? 30 : 95) }))
    expect(detector.push({ key: 'Enter', time: time + 60 })).toBeNull()
  })

  it.each([80, 100, 150])('ignores a person typing a valid code at %i ms a key', (gap) => {
    expect(type(COUPON, gap, { detector: onPage() })).toBeNull()
    expect(type(CARD, gap, { detector: onPage() })).toBeNull()
  })

  it('ignores a burst at Bluetooth speed that is no code, card or phone', () => {
    expect(type('hello there', 40, { detector: onPage() })).toBeNull()
    expect(type('Z-7K3M9P2Q', 40, { detector: onPage() })).toBeNull()
  })

  it('still hands over anything at the tight USB speed, so a wrong barcode gets an answer', () => {
    expect(type('hello there', 5, { detector: onPage() })).toBe('hello there')
    expect(type('ABCDEF', 35, { detector: onPage() })).toBe('ABCDEF')
    expect(type('ABCDEF', 36, { detector: onPage() })).toBeNull()
  })

  it('needs at least 6 characters', () => {
    expect(type('CZ-7K', 5, { detector: onPage() })).toBeNull()
  })
})

describe('createWedgeDetector in a focused field (field rule)', () => {
  it('reads a burst of 6+ characters at 35 ms a key or faster, whatever it says', () => {
    expect(type('CZ-914F15F3', 8, { detector: inField() })).toBe('CZ-914F15F3')
    expect(type('ABCDEF', 35, { detector: inField() })).toBe('ABCDEF')
  })

  it('leaves a person typing as typing, even fast or with a code', () => {
    expect(type(COUPON, 60, { detector: inField() })).toBeNull()
    expect(type(COUPON, 40, { detector: inField() })).toBeNull()
    expect(type(COUPON, 5, { detector: inField(), pauses: { 5: 150 } })).toBe('3M9P2Q')
  })

  it('needs the Enter to come as fast as the keys', () => {
    expect(type(COUPON, 5, { detector: inField(), enterGap: 100 })).toBeNull()
  })

  it('needs at least 6 characters', () => {
    expect(type('ABCDE', 5, { detector: inField() })).toBeNull()
  })
})

describe('createWedgeDetector, either rule', () => {
  it.each([
    ['page', onPage],
    ['field', inField],
  ])('%s: skips the Shift a scanner presses for capitals', (_, make) => {
    const detector = make()
    let time = 0
    for (const key of COUPON) {
      if (/[A-Z]/.test(key)) detector.push({ key: 'Shift', time: (time += 2) })
      detector.push({ key, time: (time += 4) })
    }
    expect(detector.push({ key: 'Enter', time: time + 4 })).toBe(COUPON)
  })

  it.each([
    ['page', onPage],
    ['field', inField],
  ])('%s: drops the burst on a shortcut, an auto-repeat or an editing key', (_, make) => {
    for (const breaker of [
      { key: 'v', modified: true },
      { key: 'a', repeat: true },
      { key: 'Backspace' },
      { key: 'Tab' },
    ]) {
      const detector = make()
      let time = 0
      for (const key of 'CZ-7K3') detector.push({ key, time: (time += 5) })
      detector.push({ ...breaker, time: (time += 5) })
      for (const key of 'M9P2Q') detector.push({ key, time: (time += 5) })
      expect(detector.push({ key: 'Enter', time: time + 5 }), breaker.key).toBeNull()
    }
  })

  it('resets after every Enter, so a second scan does not carry the first', () => {
    const detector = onPage()
    expect(type(COUPON, 20, { detector })).toBe(COUPON)
    // 100 ms later: within a pause of the first scan's Enter, which must not join it.
    expect(type(CARD, 20, { detector, start: 1300 })).toBe(CARD)
  })

  it('counts astral characters as one key', () => {
    expect(type('😀😀😀😀😀😀', 5, { detector: inField() })).toBe('😀😀😀😀😀😀')
  })

  it('tells when keys already look like a burst, not after a pause', () => {
    const detector = onPage()
    detector.push({ key: 'C', time: 0 })
    expect(detector.inBurst()).toBe(false)
    detector.push({ key: 'Z', time: 40 })
    expect(detector.inBurst()).toBe(true)
    detector.push({ key: '-', time: 200 })
    expect(detector.inBurst()).toBe(false)
    detector.push({ key: 'x', time: 800 })
    expect(detector.inBurst()).toBe(false)
  })
})
