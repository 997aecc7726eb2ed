import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../components/ui/button'
import { ModalDialog } from '../../components/ui/modal-dialog'
import { useSecondsLeft } from './use-idle-countdown'

/**
 * "Still there?": a modal alert dialog over everything (opened last, so it sits above the app's
 * other dialogs too) with the seconds left and a "Keep working" button. Any touch or key
 * also keeps working (the idle timer sees it first); Escape does the same.
 */
export function IdleCountdown({
  endsAt,
  onKeepWorking,
}: {
  endsAt: number
  onKeepWorking: () => void
}) {
  const { t } = useTranslation()
  const titleId = useId()
  const bodyId = useId()
  const seconds = useSecondsLeft(endsAt)

  return (
    <ModalDialog
      role="alertdialog"
      labelledBy={titleId}
      describedBy={bodyId}
      // Escape (and Chromium's forced close on a second Escape) keeps working too.
      onCancel={onKeepWorking}
      className="text-center"
    >
      <h2 id={titleId} className="text-2xl font-bold">
        {t('kiosk.idle.title')}
      </h2>
      <p id={bodyId} className="mt-2 text-lg">
        {t('kiosk.idle.body')}
      </p>
      {/* A timer role: read when someone looks, not announced on every tick. */}
      <p role="timer" className="my-4 text-5xl font-bold tabular-nums text-brand">
        {t('kiosk.idle.seconds', { count: seconds })}
      </p>
      <Button autoFocus className="min-h-14 w-full text-lg" onClick={onKeepWorking}>
        {t('kiosk.idle.keepWorking')}
      </Button>
    </ModalDialog>
  )
}
