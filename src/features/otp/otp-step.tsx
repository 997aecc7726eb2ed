import { lazy, Suspense } from 'react'
import type { OtpStepProps } from './otp-gate'

// Loaded when a customer first has to prove they are there, not with the lock screen: the dialog
// and its API (classic zod, react-i18next's Trans) are most of what it would add to the first load.
const OtpDialog = lazy(async () => ({
  default: (await import('./otp-dialog')).OtpDialog,
}))

/** The OTP step for {@link OtpGateProvider}, its code fetched the first time it opens. */
export function OtpStep(props: OtpStepProps) {
  return (
    <Suspense fallback={null}>
      <OtpDialog {...props} />
    </Suspense>
  )
}
