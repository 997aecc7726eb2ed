/**
 * Tells a barcode scanner that "types like a keyboard" (a wedge) from a person typing: a scanner
 * sends a whole code in a burst and ends it with Enter. Two timing rules, both on the keys'
 * `timeStamp`s (when the OS saw them, so a busy page that handles them late does not matter):
 *
 * - Tight: every gap, the Enter's included, at most `maxGapMs`. Only a scanner is that even, so
 *   the burst is a scan whatever it reads as (a wrong barcode gets its "not recognised").
 * - Loose (`recognised`): for a burst the screen recognises (a coupon code, card or phone). A
 *   Bluetooth scanner sends 20-40 ms a key on average but delivers them in uneven clumps, and the
 *   first key may reach the page well before the rest. So: no gap over `maxGapMs` but one pause
 *   of up to `maxPauseMs`, and the other gaps `meanGapMs` or less on average. A person's average
 *   is 80 ms or more even when some keys come close together, and they would have to type a valid
 *   code.
 *
 * A gap longer than a pause, or a second pause, starts a new burst with the key after it: a key
 * is only dropped when it is too far from the Enter to belong to the scan.
 */
export interface WedgeOptions {
  /** The tight rule's longest gap between two keys (and before the Enter). */
  maxGapMs: number
  minLength: number
  /** The loose rule; without it, only the tight one. */
  recognised?: LooseTiming & {
    /** Whether the text is something this screen knows (it is handed over as it is). */
    recognises: (text: string) => boolean
  }
}

export interface LooseTiming {
  meanGapMs: number
  maxGapMs: number
  maxPauseMs: number
}

/**
 * In a focused field: keys a person types there must stay typing. A fast typist still leaves
 * 60-100 ms between most keys, so 35 ms for every one of them is a scanner.
 */
export const WEDGE_DEFAULTS: WedgeOptions = { maxGapMs: 35, minLength: 6 }

/**
 * With no field focused, for a burst the screen recognises: 40 ms a key with 10 ms of slack on
 * average, clumps up to 100 ms apart, and one pause of 200 ms with 100 ms of slack (a busy till).
 */
export const LOOSE_TIMING: LooseTiming = { meanGapMs: 50, maxGapMs: 100, maxPauseMs: 300 }

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

interface Typed {
  char: string
  time: number
  /** Since the key before it (Infinity for a burst's first key). */
  gap: number
}

export function createWedgeDetector(options: WedgeOptions = WEDGE_DEFAULTS): WedgeDetector {
  const { maxGapMs, minLength, recognised } = options
  // The longest gap inside a burst, and the single longer one it may hold.
  const gapMs = Math.max(maxGapMs, recognised?.maxGapMs ?? 0)
  const pauseMs = recognised ? Math.max(gapMs, recognised.maxPauseMs) : gapMs
  /** Two keys this close are a scanner's, not a person's (a person's clumps are rarer). */
  const burstGapMs = Math.max(maxGapMs, recognised?.meanGapMs ?? 0)
  /** The keys of the current burst, holding at most one pause. */
  let keys: Typed[] = []
  /** Where the keys after that pause start, or 0 when there is none. */
  let afterPause = 0

  const reset = () => {
    keys = []
    afterPause = 0
  }

  /** The gap before a key at `time`: Infinity at the start, or when time runs backwards. */
  const gapTo = (time: number) => {
    const last = keys.at(-1)
    return last && time >= last.time ? time - last.time : Number.POSITIVE_INFINITY
  }

  const textOf = (from: number) =>
    keys
      .slice(from)
      .map((k) => k.char)
      .join('')

  /** The tight rule: the keys before the Enter with no gap over `maxGapMs`, Enter's included. */
  const tightText = (enterGap: number) =>
    enterGap > maxGapMs
      ? null
      : textOf(
          Math.max(
            0,
            keys.findLastIndex((k) => k.gap > maxGapMs),
          ),
        )

  /** Whether the keys from `from` on, and the Enter `enterGap` after them, keep the loose pace. */
  const loosePace = (from: number, enterGap: number) => {
    if (!recognised) return false
    const gaps = [...keys.slice(from + 1).map((k) => k.gap), enterGap]
    // The longest gap is the one pause a burst may hold (the buffer never holds a longer one).
    const paced = gaps.toSorted((a, b) => a - b).slice(0, -1)
    const total = paced.reduce((sum, gap) => sum + gap, 0)
    return paced.length === 0 || total / paced.length <= recognised.meanGapMs
  }

  /** The loose rule's readings, longest first: the whole burst, then what followed its pause. */
  const looseTexts = (enterGap: number) => {
    if (!recognised || enterGap > pauseMs) return []
    // An Enter after a pause uses the burst's one pause itself.
    const starts = enterGap > gapMs ? [afterPause] : afterPause > 0 ? [0, afterPause] : [0]
    return starts.filter((from) => loosePace(from, enterGap)).map(textOf)
  }

  const closes = (enterGap: number): string | null => {
    const long = (text: string) => keyLength(text) >= minLength
    const known = looseTexts(enterGap).find((text) => long(text) && recognised?.recognises(text))
    if (known !== undefined) return known
    const tight = tightText(enterGap)
    return tight !== null && long(tight) ? tight : null
  }

  return {
    push({ key, time, modified = false, repeat = false }) {
      if (SILENT_KEYS.has(key)) return null
      if (modified || repeat) {
        reset()
        return null
      }
      const gap = gapTo(time)
      if (key === 'Enter') {
        const text = keys.length > 0 ? closes(gap) : null
        reset()
        return text
      }
      // Tab, Backspace, arrows…: a person editing. (One character may be two UTF-16 units.)
      if (keyLength(key) !== 1) {
        reset()
        return null
      }
      if (gap > pauseMs) {
        reset()
      } else if (gap > gapMs) {
        // A second pause: the burst now starts after the first one.
        if (afterPause > 0) {
          keys = keys.slice(afterPause)
        }
        afterPause = keys.length
      }
      keys.push({ char: key, time, gap })
      return null
    },
    inBurst: () => {
      const [before, last] = keys.slice(-2)
      return before !== undefined && last !== undefined && last.time - before.time <= burstGapMs
    },
    reset,
  }
}
