export interface IdleTimerOptions {
  /** Time without activity before the countdown starts. */
  idleMs: number
  /** Length of the countdown. */
  countdownMs: number
  /**
   * Asked when the idle time is up. False (nothing to forget, e.g. an untouched start screen)
   * skips the countdown and waits a whole idle time again, so a clean screen does not flash a
   * countdown every N seconds forever.
   */
  needsReset: () => boolean
  /** The countdown started; it ends at `endsAt` (epoch ms). */
  onCountdown: (endsAt: number) => void
  /** Activity during the countdown: it stops and everything stays. */
  onCancel: () => void
  /** The countdown ran out: start over. The wait for the next idle time starts now. */
  onExpire: () => void
}

export interface IdleTimer {
  /** A touch, key, wheel… Cheap: a scanner burst calls it per key. */
  activity: () => void
  /** Stops for good (unmount, kiosk mode left); a running countdown is cancelled. */
  stop: () => void
}

/**
 * The idle reset's clock: waiting → (idle time with something to forget) → countdown → expire,
 * and back to waiting; activity during the countdown cancels it. Plain timers and `Date.now`, so
 * fake timers drive it in tests. Activity only notes the time; the pending timer re-arms itself
 * for what is left, so a scanner's burst does not churn timers.
 */
export function createIdleTimer(options: IdleTimerOptions): IdleTimer {
  const { idleMs, countdownMs } = options
  let phase: 'waiting' | 'countdown' | 'stopped' = 'waiting'
  let lastActivity = Date.now()
  let endsAt = 0
  let timer: ReturnType<typeof setTimeout> | undefined

  const arm = (ms: number) => {
    clearTimeout(timer)
    timer = setTimeout(tick, Math.max(0, ms))
  }

  const wait = () => {
    phase = 'waiting'
    lastActivity = Date.now()
    arm(idleMs)
  }

  function tick() {
    const now = Date.now()
    if (phase === 'waiting') {
      const idleFor = now - lastActivity
      if (idleFor < idleMs) {
        arm(idleMs - idleFor)
        return
      }
      if (!options.needsReset()) {
        wait()
        return
      }
      phase = 'countdown'
      endsAt = now + countdownMs
      arm(countdownMs)
      options.onCountdown(endsAt)
    } else if (phase === 'countdown') {
      // Timers may fire early by a millisecond or two.
      if (now < endsAt) {
        arm(endsAt - now)
        return
      }
      wait()
      options.onExpire()
    }
  }

  arm(idleMs)

  return {
    activity: () => {
      if (phase === 'stopped') return
      lastActivity = Date.now()
      if (phase === 'countdown') {
        wait()
        options.onCancel()
      }
    },
    stop: () => {
      const counting = phase === 'countdown'
      phase = 'stopped'
      clearTimeout(timer)
      if (counting) options.onCancel()
    },
  }
}
