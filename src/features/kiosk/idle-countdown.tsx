import { useEffect, useId, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../components/ui/button'
import { trapFocus } from '../../components/ui/focus-trap'
import { useSecondsLeft } from './use-idle-countdown'

/**
 * "Still there?": an alert dialog over everything (opened with `showModal()`, so it sits above
 * the app's other dialogs too) with the seconds left and a "Keep working" button. Any touch or key
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
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const bodyId = useId()
  const seconds = useSecondsLeft(endsAt)
  const keepWorking = useRef(onKeepWorking)
  useEffect(() => {
    keepWorking.current = onKeepWorking
  })

  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    let mounted = true
    if (!dialog.open) dialog.showModal()
    const releaseFocus = trapFocus(dialog)
    const onCancel = (event: Event) => {
      event.preventDefault()
      keepWorking.current()
    }
    // Chromium may close on a second Escape whatever cancel said: that is a "keep working" too.
    const onClose = () => {
      if (mounted) keepWorking.current()
    }
    dialog.addEventListener('cancel', onCancel)
    dialog.addEventListener('close', onClose)
    return () => {
      mounted = false
      releaseFocus()
      dialog.removeEventListener('cancel', onCancel)
      dialog.removeEventListener('close', onClose)
      dialog.close()
    }
  }, [])

  return (
    <dialog
      ref={ref}
      role="alertdialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      className="m-auto w-[calc(100%-2rem)] max-w-md rounded-xl border border-line bg-white p-6 text-center text-ink shadow-xl backdrop:bg-ink/60"
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
    </dialog>
  )
}
