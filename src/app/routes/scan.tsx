import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { Button } from '../../components/ui/button'
import { cn } from '../../components/ui/cn'
import { PageTitle } from '../../components/ui/page-title'
import { CameraScanner } from '../../features/scan/camera-scanner'
import { CodeEntry, isCodeEntryField } from '../../features/scan/code-entry'
import { DecoderLine } from '../../features/scan/decoder-line'
import { parseScannedCode } from '../../features/scan/parse-scanned-code'
import { ScanHistoryList } from '../../features/scan/scan-history-list'
import { SCAN_OUTCOME_TRAITS, useScanHistory } from '../../features/scan/scan-history'
import { ScanOptionsSummary } from '../../features/scan/scan-options'
import { UnrecognisedCard } from '../../features/scan/unrecognised-card'
import { useScanSession } from '../../features/scan/use-scan-session'
import { useWedgeScan } from '../../features/scan/use-wedge-scan'
import { lookupHref } from '../lookup-wedge-scan'
import { CouponVerdict } from '../../features/coupons/coupon-verdict'
import { useKioskMode } from '../../features/kiosk/kiosk-store'
import { NextScanCountdown } from '../../features/kiosk/next-scan-countdown'
import { noteActivity } from '../../features/kiosk/use-idle-countdown'

/**
 * `/scan`: camera, barcode scanner and typed code, with the coupon's verdict on the same screen.
 * A card or phone goes to the customer lookup instead.
 */
export function ScanRoute() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [announcement, setAnnouncement] = useState('')
  const session = useScanSession({
    onCustomer: (query) => {
      void navigate(lookupHref(query))
    },
    onOutcome: (text, outcome) => {
      if (outcome === 'looking') return
      setAnnouncement(
        t('scan.result.announce', { code: text, verdict: t(`scan.outcome.${outcome}`) }),
      )
    },
  })
  const { current } = session
  const history = useScanHistory()
  const outcome = current && history.find((entry) => entry.id === current.id)?.outcome
  const next = outcome ? SCAN_OUTCOME_TRAITS[outcome].next : null
  // While the verdict still asks for a tap (Use coupon, Check again), that tap is the primary one.
  const awaitingAction = next === 'tap'
  const [wedgeScans, setWedgeScans] = useState(0)
  const [kiosk] = useKioskMode()
  // Not while the verdict asks for a tap (Use coupon, Check again) or after an error (Try again).
  const resumesByItself = kiosk && next === 'resume'

  useWedgeScan({
    acceptFocused: isCodeEntryField,
    // A coupon reads here, a card or phone goes to the lookup (session.read).
    recognises: (text) => parseScannedCode(text).kind !== 'unknown',
    onScan: (text) => {
      session.read(text, 'scanner')
      // The burst may have gone into the code field; it is handled, so the field empties.
      setWedgeScans((n) => n + 1)
      return true
    },
  })

  const scanNext = () => {
    setAnnouncement('')
    session.scanNext()
  }

  return (
    <>
      <PageTitle title={t('scan.title')} appName={t('app.name')}>
        {t('scan.description')}
      </PageTitle>
      <div className="grid gap-6 lg:grid-cols-2 lg:items-start">
        <section
          aria-label={t('scan.result.label')}
          // Empty on a phone until the first read: no gap above the camera.
          className={cn('flex-col gap-4 lg:order-2 lg:flex', current === null ? 'hidden' : 'flex')}
        >
          {current === null ? (
            <p className="hidden rounded-xl border-2 border-dashed border-line p-6 text-lg text-ink-subtle lg:block">
              {t('scan.result.waiting')}
            </p>
          ) : (
            <>
              {current.kind === 'coupon' ? (
                <CouponVerdict
                  key={current.id}
                  code={current.code}
                  autoUse={current.autoUse}
                  onVerdict={(kind) => {
                    session.settle(current.id, current.code, kind)
                  }}
                />
              ) : (
                <UnrecognisedCard text={current.text} />
              )}
              {resumesByItself && (
                <NextScanCountdown key={`next-${current.id}`} onDone={scanNext} />
              )}
              <Button
                variant={awaitingAction ? 'secondary' : 'primary'}
                className="min-h-14 w-full text-lg"
                onClick={scanNext}
              >
                {t('scan.result.scanNext')}
              </Button>
            </>
          )}
        </section>
        <div className="flex flex-col gap-4 lg:order-1">
          <CameraScanner
            paused={current !== null}
            onRead={(read) => {
              // The camera pauses under a verdict; a frame already in flight must not replace it.
              // A new read is someone at the till (a code left in front of the camera is not: the
              // repeat guard drops it), so a kiosk's idle reset waits.
              if (current === null && session.read(read.text, 'camera')) noteActivity()
            }}
          />
          <CodeEntry
            clearSignal={wedgeScans}
            onSubmit={(text) => {
              session.read(text, 'typed')
            }}
          />
          <DecoderLine />
          <ScanOptionsSummary />
        </div>
        <div className="border-t border-line pt-6 lg:order-3 lg:col-span-2">
          <ScanHistoryList />
        </div>
      </div>
      {/* Assertive: at a till the verdict is the news, and it is short. */}
      <p aria-live="assertive" className="sr-only">
        {announcement}
      </p>
    </>
  )
}
