/**
 * Tells a barcode scanner that "types like a keyboard" (a wedge) from a person typing: a scanner
 * sends a whole code in a burst, a few ms per key, and ends it with Enter. A fast typist still
 * leaves 60-100 ms between keys, so a burst of at least `minLength` printable keys, none more than
 * `maxGapMs` after the one before, closed by an Enter within the same gap, is a scan.
 */
export interface WedgeOptions {
  maxGapMs: number
  minLength: number
}

export const WEDGE_DEFAULTS: WedgeOptions = { maxGapMs: 35, minLength: 6 }

/** One keydown, reduced to what the detector needs; `time` in ms (e.g. `event.timeStamp`). */
export interface WedgeKey {
  key: string
  time: number
  /** Ctrl, Alt or Meta held (not AltGr): a shortcut, never part of a code. */
  modified?: boolean
  /** Auto-repeat of a held key: a person, not a scanner. */
  repeat?: boolean
}

/** Length in code points: an emoji is one key, two UTF-16 units. */
function keyLength(text: string): number {
  let length = 0
  for (const _ of text) length++
  return length
}

/** Keys a scanner may press around the characters (Shift for capitals) that carry no text. */
const SILENT_KEYS = new Set(['Shift', 'CapsLock', 'AltGraph', 'Dead', 'Unidentified', 'Process'])

export interface WedgeDetector {
  /**
   * Feeds one keydown. Returns the burst's text when this key is the Enter that closes a scan,
   * else null.
   */
  push: (key: WedgeKey) => string | null
  /** True while the keys so far already look like a scan (two or more in quick succession). */
  inBurst: () => boolean
  reset: () => void
}

export function createWedgeDetector(options: WedgeOptions = WEDGE_DEFAULTS): WedgeDetector {
  let buffer = ''
  let lastTime = Number.NEGATIVE_INFINITY

  const reset = () => {
    buffer = ''
    lastTime = Number.NEGATIVE_INFINITY
  }

  return {
    push({ key, time, modified = false, repeat = false }) {
      if (SILENT_KEYS.has(key)) return null
      if (modified || repeat) {
        reset()
        return null
      }
      const quick = time - lastTime <= options.maxGapMs && time >= lastTime
      if (key === 'Enter') {
        const text = buffer
        reset()
        return quick && keyLength(text) >= options.minLength ? text : null
      }
      // One character, including astral ones (two UTF-16 units); named keys are words.
      if (keyLength(key) === 1) {
        buffer = quick ? buffer + key : key
        lastTime = time
        return null
      }
      // Tab, Backspace, arrows…: a person editing.
      reset()
      return null
    },
    inBurst: () => keyLength(buffer) >= 2,
    reset,
  }
}
