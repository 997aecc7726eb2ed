import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useLocation, useNavigate } from 'react-router'
import { Button } from '../../components/ui/button'
import { ModalDialog } from '../../components/ui/modal-dialog'
import { paths } from '../../config/paths'
import { forgetOtpSessions } from '../otp'
import { clearScanHistory, getScanHistory } from '../scan'
import { forgetCustomerData, PinPrompt } from '../session'
import { IdleCountdown } from './idle-countdown'
import { closeKioskDialogs, hasOpenKioskDialogs, useKioskClosable } from './kiosk-dialogs'
import { holdsCustomerData, mutationsSettled } from './kiosk-reset'
import { IDLE_COUNTDOWN_S, onKioskExitRequest, useIdleTimeoutS, useKioskMode } from './kiosk-store'
import { useKioskUrlSwitch } from './kiosk-url'
import { useIdleCountdown } from './use-idle-countdown'
import { useKioskDevice } from './use-kiosk-device'

/**
 * Kiosk mode's behaviour, mounted once in the layout: `?kiosk=1`, the device (fullscreen, wake
 * lock, kiosk styles) and, while on, the idle reset.
 */
export function KioskMode() {
  useKioskUrlSwitch()
  const [kiosk] = useKioskMode()
  useKioskDevice(kiosk)
  return kiosk ? <IdleReset /> : null
}

/**
 * After the idle timeout, "Still there?" counts down; then the app forgets the customer: queries
 * and mutations leave the React Query cache, the OTP session and scan history are cleared, open
 * dialogs close and the lookup shows. A touch or key during the countdown keeps everything. An
 * untouched start screen has nothing to forget, so no countdown shows there.
 */
function IdleReset() {
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const location = useLocation()
  const [timeoutS] = useIdleTimeoutS()
  const resetting = useRef(false)
  /** The screen the reset left: the cache is emptied once the lookup has replaced it. */
  const leaving = useRef<string | null>(null)

  const onStartScreen = location.pathname === paths.lookup.path && location.search === ''

  useEffect(() => {
    if (leaving.current === null || leaving.current === location.key) return
    leaving.current = null
    // After the old screen unmounted: its queries have no observer left, so they are removed
    // (with their keys, which can hold a phone number), not just emptied.
    forgetCustomerData(queryClient)
    resetting.current = false
  }, [location.key, queryClient])

  const startOver = async () => {
    if (resetting.current) return
    resetting.current = true
    closeKioskDialogs()
    await mutationsSettled(queryClient)
    forgetOtpSessions()
    clearScanHistory()
    leaving.current = location.key
    // Replace: Back does not lead to the customer's screen (it would load it again anyway).
    await navigate(paths.lookup.href(), { replace: true })
  }

  const { endsAt, keepWorking } = useIdleCountdown({
    idleMs: timeoutS * 1000,
    countdownMs: IDLE_COUNTDOWN_S * 1000,
    needsReset: () =>
      !onStartScreen ||
      holdsCustomerData(queryClient) ||
      getScanHistory().length > 0 ||
      hasOpenKioskDialogs(),
    onExpire: () => {
      void startOver()
    },
  })

  return endsAt === null ? null : <IdleCountdown endsAt={endsAt} onKeepWorking={keepWorking} />
}

/**
 * The header's kiosk indicator, which is also the way out: leaving asks for the cashier PIN
 * (Cancel stays in kiosk mode). A right PIN also renews the cashier session.
 */
export function KioskHeaderControl({ className }: { className?: string }) {
  const { t } = useTranslation()
  const [kiosk, setKiosk] = useKioskMode()
  const [asking, setAsking] = useState(false)

  // The Settings switch asks for the same step.
  useEffect(
    () =>
      onKioskExitRequest(() => {
        setAsking(true)
      }),
    [],
  )

  if (!kiosk) return null
  return (
    <>
      <button
        type="button"
        className={className}
        aria-label={t('kiosk.header.exit')}
        onClick={() => {
          setAsking(true)
        }}
      >
        <KioskIcon className="size-5 shrink-0" />
        {/* Below desktop width the icon says it (the header has no room beside the nav); the
            name says what it does. */}
        <span className="max-lg:sr-only">{t('kiosk.header.badge')}</span>
      </button>
      {asking && (
        <ExitKioskDialog
          onCancel={() => {
            setAsking(false)
          }}
          onVerified={() => {
            setAsking(false)
            setKiosk(false)
          }}
        />
      )}
    </>
  )
}

function ExitKioskDialog({
  onCancel,
  onVerified,
}: {
  onCancel: () => void
  onVerified: () => void
}) {
  const { t } = useTranslation()
  const titleId = useId()
  const bodyId = useId()
  useKioskClosable(onCancel)
  return (
    <ModalDialog labelledBy={titleId} describedBy={bodyId} onCancel={onCancel}>
      <h2 id={titleId} className="text-xl font-bold">
        {t('kiosk.exit.title')}
      </h2>
      <p id={bodyId} className="mb-4 mt-1 text-base text-ink-subtle">
        {t('kiosk.exit.body')}
      </p>
      <PinPrompt onVerified={onVerified} submitLabel={t('kiosk.exit.submit')} />
      <Button variant="secondary" className="mt-3 w-full" onClick={onCancel}>
        {t('kiosk.exit.cancel')}
      </Button>
    </ModalDialog>
  )
}

/** A tablet on a stand. */
function KioskIcon({ className }: { className?: string }) {
  return (
    <svg
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      className={className}
    >
      <rect x="4" y="3" width="16" height="13" rx="2" />
      <path d="M12 16v4M8 21h8" />
    </svg>
  )
}
