import { useEffect, useRef, type ReactNode } from 'react'
import { cn } from './cn'
import { trapFocus } from './focus-trap'

/**
 * A modal `<dialog>` opened with `showModal()` while mounted: the browser makes the page behind it
 * inert, Tab cycles inside it, and Escape asks to cancel. Mount it to open it, unmount it to close
 * it; the focus then returns to what had it before (the button that opened it). `onCancel`
 * undefined means Escape does nothing (e.g. while a request that spends something is in flight).
 */
export function ModalDialog({
  labelledBy,
  describedBy,
  onCancel,
  role,
  className,
  children,
}: {
  /** `alertdialog` for one that interrupts to ask something urgent (screen readers say so). */
  role?: 'alertdialog'
  labelledBy: string
  describedBy?: string
  onCancel?: () => void
  className?: string
  children: ReactNode
}) {
  const ref = useRef<HTMLDialogElement>(null)
  const onCancelRef = useRef(onCancel)
  useEffect(() => {
    onCancelRef.current = onCancel
  })

  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    const opener = document.activeElement
    if (!dialog.open) dialog.showModal()
    const releaseFocus = trapFocus(dialog)
    const handleCancel = (event: Event) => {
      // The dialog's state belongs to React: Escape becomes a request, never a silent close.
      event.preventDefault()
      onCancelRef.current?.()
    }
    // Chromium may close anyway when Escape is pressed twice without a click in between; a
    // dialog React still renders must then not stay closed and invisible.
    const handleClose = () => {
      if (onCancelRef.current) onCancelRef.current()
      else if (!dialog.open) dialog.showModal()
    }
    dialog.addEventListener('cancel', handleCancel)
    dialog.addEventListener('close', handleClose)
    return () => {
      dialog.removeEventListener('cancel', handleCancel)
      dialog.removeEventListener('close', handleClose)
      releaseFocus()
      dialog.close()
      // React removes the dialog from the page, which leaves the focus on the body; the browser's
      // own return of focus only happens for a dialog that stays in the page.
      if (opener instanceof HTMLElement && opener.isConnected && !opener.closest('[inert]')) {
        opener.focus()
      }
    }
  }, [])

  return (
    <dialog
      ref={ref}
      role={role}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      className={cn(
        'm-auto max-h-[calc(100dvh-2rem)] w-[calc(100%-2rem)] max-w-lg overflow-y-auto rounded-xl',
        'border border-line bg-white p-5 text-ink shadow-xl backdrop:bg-ink/60 sm:p-6',
        className,
      )}
    >
      {children}
    </dialog>
  )
}
