import { useCallback, useEffect, useRef, useState } from 'react'
import { createIdleTimer, type IdleTimer } from './idle-timer'

/** Activity the page's own events do not show, e.g. a coupon held up to the camera. */
const NOTED_ACTIVITY = 'zupy-pos:kiosk-activity'

/**
 * What counts as someone at the till. A barcode scanner's burst is keydown, so it counts; a
 * camera read is reported with {@link noteActivity}.
 */
export const ACTIVITY_EVENTS = [
  'pointerdown',
  'keydown',
  'wheel',
  'touchstart',
  NOTED_ACTIVITY,
] as const

/**
 * Someone is using the till without touching it (a camera read): the idle reset must not take the
 * scan screen away from a customer showing coupons one after another.
 */
export function noteActivity(): void {
  document.dispatchEvent(new Event(NOTED_ACTIVITY))
}

/**
 * The idle timer on the page's own activity events: `endsAt` is the running countdown's end
 * (epoch ms), null while waiting. `keepWorking` cancels a countdown, like a touch does.
 */
export function useIdleCountdown({
  idleMs,
  countdownMs,
  needsReset,
  onExpire,
}: {
  idleMs: number
  countdownMs: number
  needsReset: () => boolean
  onExpire: () => void
}): { endsAt: number | null; keepWorking: () => void } {
  const [endsAt, setEndsAt] = useState<number | null>(null)
  const timer = useRef<IdleTimer | null>(null)
  const needsResetRef = useRef(needsReset)
  const onExpireRef = useRef(onExpire)
  useEffect(() => {
    needsResetRef.current = needsReset
    onExpireRef.current = onExpire
  })

  useEffect(() => {
    const idle = createIdleTimer({
      idleMs,
      countdownMs,
      needsReset: () => needsResetRef.current(),
      onCountdown: setEndsAt,
      onCancel: () => {
        setEndsAt(null)
      },
      onExpire: () => {
        setEndsAt(null)
        onExpireRef.current()
      },
    })
    timer.current = idle
    const onActivity = () => {
      idle.activity()
    }
    const options = { capture: true, passive: true }
    for (const type of ACTIVITY_EVENTS) document.addEventListener(type, onActivity, options)
    return () => {
      for (const type of ACTIVITY_EVENTS) document.removeEventListener(type, onActivity, options)
      idle.stop()
      timer.current = null
    }
  }, [idleMs, countdownMs])

  const keepWorking = useCallback(() => {
    timer.current?.activity()
  }, [])

  return { endsAt, keepWorking }
}

/** Whole seconds left until `endsAt`, re-rendering a few times a second so it never lags. */
export function useSecondsLeft(endsAt: number): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const tick = setInterval(() => {
      setNow(Date.now())
    }, 250)
    return () => {
      clearInterval(tick)
    }
  }, [])
  return Math.max(0, Math.ceil((endsAt - now) / 1000))
}
