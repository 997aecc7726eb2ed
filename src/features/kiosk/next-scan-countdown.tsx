import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSecondsLeft } from './use-idle-countdown'

/** A verdict that needs no tap stays this long on a kiosk before the camera reads again. */
export const AUTO_RESUME_MS = 4000

/**
 * "Next scan in 4 s", then `onDone` once. Mount it (with the read's id as key) when a verdict
 * allows resuming; unmounting cancels it.
 */
export function NextScanCountdown({
  onDone,
  delayMs = AUTO_RESUME_MS,
}: {
  onDone: () => void
  delayMs?: number
}) {
  const { t } = useTranslation()
  const [endsAt] = useState(() => Date.now() + delayMs)
  const seconds = useSecondsLeft(endsAt)
  const done = useRef(onDone)
  useEffect(() => {
    done.current = onDone
  })
  useEffect(() => {
    const timer = setTimeout(
      () => {
        done.current()
      },
      Math.max(0, endsAt - Date.now()),
    )
    return () => {
      clearTimeout(timer)
    }
  }, [endsAt])
  return (
    <p role="timer" className="text-center text-base font-semibold text-ink-subtle">
      {t('kiosk.nextScan', { count: seconds })}
    </p>
  )
}
