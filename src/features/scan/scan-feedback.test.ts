import { describe, expect, it, vi } from 'vitest'
import { giveFeedback, scheduleTones, TONES, type ToneContext } from './scan-feedback'

interface Scheduled {
  wave: string
  frequency: number
  start: number
  stop: number
}

/** A stand-in AudioContext that records what would have sounded. */
function recorder(state: AudioContextState = 'running') {
  const scheduled: Scheduled[] = []
  const param = () => ({ setValueAtTime: vi.fn(), linearRampToValueAtTime: vi.fn() })
  const resume = vi.fn(() => Promise.resolve())
  const context = {
    currentTime: 10,
    state,
    resume,
    destination: {} as AudioNode,
    createGain: () => ({ gain: param(), connect: vi.fn() }) as unknown as GainNode,
    createOscillator: () => {
      const entry: Scheduled = { wave: '', frequency: 0, start: NaN, stop: NaN }
      scheduled.push(entry)
      return {
        set type(value: string) {
          entry.wave = value
        },
        frequency: {
          setValueAtTime: (value: number) => {
            entry.frequency = value
          },
        },
        connect: vi.fn(),
        start: (at: number) => {
          entry.start = at
        },
        stop: (at: number) => {
          entry.stop = at
        },
      } as unknown as OscillatorNode
    },
  } satisfies ToneContext
  return { context, scheduled, resume }
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length

describe('tones', () => {
  it('tells success from failure by pitch: every success note is above every failure note', () => {
    const lowestSuccess = Math.min(...TONES.success.map((n) => n.frequency))
    const highestFailure = Math.max(...TONES.failure.map((n) => n.frequency))
    expect(lowestSuccess).toBeGreaterThan(highestFailure * 2)
  })

  it('tells them apart by rhythm: different note counts and note lengths', () => {
    expect(TONES.success.length).not.toBe(TONES.failure.length)
    expect(mean(TONES.failure.map((n) => n.duration))).toBeGreaterThan(
      mean(TONES.success.map((n) => n.duration)) * 1.5,
    )
  })

  it('success rises, failure falls', () => {
    const rising = (notes: readonly { frequency: number }[]) =>
      notes.every((n, i) => i === 0 || n.frequency > (notes[i - 1]?.frequency ?? 0))
    expect(rising(TONES.success)).toBe(true)
    expect(rising([...TONES.failure].reverse())).toBe(true)
  })

  it('schedules each note at its offset from now, without overlaps', () => {
    const { context, scheduled } = recorder()
    scheduleTones(context, TONES.failure)
    expect(scheduled.map((s) => s.frequency)).toEqual(TONES.failure.map((n) => n.frequency))
    for (const [i, s] of scheduled.entries()) {
      expect(s.start).toBeGreaterThanOrEqual(context.currentTime)
      expect(s.stop).toBeGreaterThan(s.start)
      const next = scheduled[i + 1]
      if (next) expect(next.start).toBeGreaterThan(s.stop)
    }
  })
})

describe('giveFeedback', () => {
  it('plays the kind’s tone and vibrates its pattern', () => {
    const { context, scheduled } = recorder()
    const vibrate = vi.fn(() => true)
    giveFeedback('success', { sound: true, context, vibrate })
    expect(scheduled.map((s) => s.frequency)).toEqual(TONES.success.map((n) => n.frequency))
    expect(vibrate).toHaveBeenCalledWith(60)

    giveFeedback('failure', { sound: true, context, vibrate })
    expect(vibrate).toHaveBeenLastCalledWith([160, 80, 160])
  })

  it('stays silent when sounds are off, and still vibrates', () => {
    const { context, scheduled } = recorder()
    const vibrate = vi.fn(() => true)
    giveFeedback('failure', { sound: false, context, vibrate })
    expect(scheduled).toEqual([])
    expect(vibrate).toHaveBeenCalledOnce()
  })

  it('wakes a suspended context before playing', () => {
    const { context, resume, scheduled } = recorder('suspended')
    giveFeedback('success', { sound: true, context, vibrate: () => true })
    expect(resume).toHaveBeenCalledOnce()
    expect(scheduled).toHaveLength(TONES.success.length)
  })

  it('survives a browser without audio or vibration', () => {
    expect(() => {
      giveFeedback('failure', {
        sound: true,
        context: null,
        vibrate: () => {
          throw new Error('not allowed')
        },
      })
    }).not.toThrow()
  })
})
