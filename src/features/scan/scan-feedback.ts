/**
 * What a noisy counter notices without looking: a tone and a buzz. Success and failure differ in
 * pitch *and* rhythm (visual-direction.md), so they are told apart even by someone who cannot
 * judge pitch: success is two short rising high notes, failure three slow low ones.
 */
export type FeedbackKind = 'success' | 'failure'

export interface Note {
  /** Hz */
  frequency: number
  /** Start, in seconds from the first note. */
  at: number
  /** Seconds. */
  duration: number
  wave: OscillatorType
}

export const TONES: Record<FeedbackKind, readonly Note[]> = {
  success: [
    { frequency: 880, at: 0, duration: 0.09, wave: 'sine' },
    { frequency: 1320, at: 0.12, duration: 0.14, wave: 'sine' },
  ],
  failure: [
    { frequency: 220, at: 0, duration: 0.18, wave: 'square' },
    { frequency: 196, at: 0.26, duration: 0.18, wave: 'square' },
    { frequency: 165, at: 0.52, duration: 0.3, wave: 'square' },
  ],
}

/** Vibration patterns (ms): one tap for success, a long-short-long for failure. */
export const VIBRATIONS: Record<FeedbackKind, number | number[]> = {
  success: 60,
  failure: [160, 80, 160],
}

const VOLUME = 0.2

/** The part of `AudioContext` the player uses (so tests can pass a recorder). */
export interface ToneContext {
  readonly currentTime: number
  readonly state: AudioContextState
  resume: () => Promise<void>
  createOscillator: () => OscillatorNode
  createGain: () => GainNode
  readonly destination: AudioNode
}

/** Schedules `notes` on `context`, each with a short fade so it does not click. */
export function scheduleTones(context: ToneContext, notes: readonly Note[]): void {
  const start = context.currentTime + 0.01
  for (const note of notes) {
    const oscillator = context.createOscillator()
    const gain = context.createGain()
    const from = start + note.at
    const to = from + note.duration
    oscillator.type = note.wave
    oscillator.frequency.setValueAtTime(note.frequency, from)
    gain.gain.setValueAtTime(0, from)
    gain.gain.linearRampToValueAtTime(VOLUME, from + 0.01)
    gain.gain.setValueAtTime(VOLUME, to - 0.02)
    gain.gain.linearRampToValueAtTime(0, to)
    oscillator.connect(gain)
    gain.connect(context.destination)
    oscillator.start(from)
    oscillator.stop(to)
  }
}

let sharedContext: ToneContext | null = null

function audioContext(): ToneContext | null {
  if (sharedContext) return sharedContext
  if (typeof AudioContext === 'undefined') return null
  try {
    sharedContext = new AudioContext()
  } catch {
    return null
  }
  return sharedContext
}

/**
 * Browsers start audio suspended until a user gesture; calling this from a tap or key press on
 * the scan screen lets a later camera read (which is no gesture) make a sound.
 */
export function unlockAudio(): void {
  const context = audioContext()
  if (context?.state === 'suspended') void context.resume().catch(() => undefined)
}

export interface FeedbackOptions {
  sound: boolean
  /** Defaults to the browser's; tests pass a recorder. */
  context?: ToneContext | null
  vibrate?: (pattern: number | number[]) => boolean
}

/** Plays the tone (when sounds are on) and vibrates where the device can (not iOS). */
export function giveFeedback(kind: FeedbackKind, options: FeedbackOptions): void {
  if (options.sound) {
    const context = options.context === undefined ? audioContext() : options.context
    if (context) {
      if (context.state === 'suspended') void context.resume().catch(() => undefined)
      scheduleTones(context, TONES[kind])
    }
  }
  const vibrate =
    options.vibrate ??
    (typeof navigator.vibrate === 'function' ? navigator.vibrate.bind(navigator) : undefined)
  try {
    vibrate?.(VIBRATIONS[kind])
  } catch {
    // Some browsers throw without a prior user gesture; the tone and the screen still tell.
  }
}
