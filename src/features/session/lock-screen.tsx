import { useEffect, useId, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { trapFocus } from '../../components/ui/focus-trap'
import type { LockReason } from '../../lib/cashier-session'
import { PinPrompt } from './pin-prompt'

const REASON_KEYS = {
  start: 'session.locked.start',
  manual: 'session.locked.manual',
  idle: 'session.locked.idle',
  'session-ended': 'session.locked.sessionEnded',
} as const satisfies Record<LockReason, string>

/**
 * The lock screen: a modal `<dialog>` covering the whole viewport, opened with `showModal()` so the
 * browser keeps focus in it and everything else inert. It cannot be dismissed: Escape does
 * nothing, and if another dialog of the app opens above it (an OTP step answering late, say),
 * this one goes back on top. It unmounts when the PIN is accepted.
 */
export function LockScreen({ reason }: { reason: LockReason }) {
  const { t } = useTranslation()
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const reasonId = useId()

  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    let mounted = true
    const raise = () => {
      if (dialog.open) dialog.close()
      dialog.showModal()
    }
    if (!dialog.open) dialog.showModal()
    const releaseFocus = trapFocus(dialog)
    const refuseCancel = (event: Event) => {
      event.preventDefault()
    }
    // Chromium may close a modal dialog on a second Escape regardless of preventDefault.
    const reopen = () => {
      if (mounted && !dialog.open) dialog.showModal()
    }
    const others = new MutationObserver((records) => {
      if (records.some((r) => r.target !== dialog && (r.target as Element).hasAttribute('open')))
        raise()
    })
    others.observe(document.body, { subtree: true, attributes: true, attributeFilter: ['open'] })
    dialog.addEventListener('cancel', refuseCancel)
    dialog.addEventListener('close', reopen)
    return () => {
      mounted = false
      releaseFocus()
      others.disconnect()
      dialog.removeEventListener('cancel', refuseCancel)
      dialog.removeEventListener('close', reopen)
      dialog.close()
    }
  }, [])

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={reasonId}
      className="m-0 h-full max-h-none w-full max-w-none overflow-y-auto border-0 bg-canvas p-0 text-ink backdrop:bg-canvas"
    >
      <div className="mx-auto flex w-full max-w-sm flex-col gap-5 px-4 py-8">
        <div className="flex items-center gap-2 text-xl font-bold text-brand">
          <img src="/favicon.svg" alt="" className="size-8 rounded-md" />
          {t('app.name')}
        </div>
        <div className="flex flex-col gap-2">
          <h2 id={titleId} className="flex items-center gap-2 text-3xl font-bold">
            <LockIcon className="size-8" />
            {t('session.locked.title')}
          </h2>
          <p id={reasonId} className="text-lg text-ink-subtle">
            {t(REASON_KEYS[reason])}
          </p>
        </div>
        <PinPrompt />
      </div>
    </dialog>
  )
}

/** Decorative: the text next to it says "Locked" or "Lock". */
export function LockIcon({ className }: { className?: string }) {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 24 24"
      className={className}
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <rect x="4" y="11" width="16" height="10" rx="2" />
      <path d="M8 11V7a4 4 0 0 1 8 0v4" />
    </svg>
  )
}
