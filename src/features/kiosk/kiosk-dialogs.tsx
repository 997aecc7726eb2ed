import { useEffect, useRef } from 'react'
import { OtpStep, type OtpStepProps } from '../otp'

/**
 * Dialogs the kiosk idle reset must close that a change of screen would not: the OTP step (it
 * lives above the screens) and the kiosk exit PIN. Closing one is its own Cancel, so what waited
 * on it ends the way a cashier's Cancel ends it (a redeem waiting for OTP spends nothing).
 */
const closers = new Set<() => void>()

export function hasOpenKioskDialogs(): boolean {
  return closers.size > 0
}

export function closeKioskDialogs(): void {
  for (const close of [...closers]) close()
}

/** Registers `close` while mounted (the latest one: callers pass inline functions). */
export function useKioskClosable(close: () => void): void {
  const latest = useRef(close)
  useEffect(() => {
    latest.current = close
  })
  useEffect(() => {
    const entry = () => {
      latest.current()
    }
    closers.add(entry)
    return () => {
      closers.delete(entry)
    }
  }, [])
}

/** The app's OTP step, closable by the idle reset. */
export function ClosableOtpStep(props: OtpStepProps) {
  useKioskClosable(props.onCancel)
  return <OtpStep {...props} />
}
