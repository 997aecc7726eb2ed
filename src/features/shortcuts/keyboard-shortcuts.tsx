import { useEffect, useEffectEvent, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useMatch, useNavigate } from 'react-router'
import { Button } from '../../components/ui/button'
import { ModalDialog } from '../../components/ui/modal-dialog'
import { paths } from '../../config/paths'
import { isEditable } from '../../lib/editable'
import { createShortcutReader, SHORTCUTS, type ShortcutAction } from './shortcut-keys'

/** The lookup screen's "Search customer" field (customers/customer-search.tsx). */
function searchField(): HTMLInputElement | null {
  return document.querySelector<HTMLInputElement>('form[role="search"] input[type="search"]')
}

function holdsText(element: Element): boolean {
  if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) {
    return element.value !== ''
  }
  return element instanceof HTMLElement && element.isContentEditable && element.textContent !== ''
}

/**
 * The checkout keyboard's shortcuts (shortcut-keys.ts says which key does what), mounted once in
 * the layout, and the "Keyboard shortcuts" dialog that `?` opens; nothing while `enabled` is
 * false. The lock screen is a modal dialog, so no key acts behind it either (the app stays
 * mounted under it).
 *
 * It listens in the bubbling phase, after the wedge scanner's capture listener: a key that the
 * scanner took (its closing Enter) never arrives, and one it marked as mid-burst
 * (`defaultPrevented`) is not acted on.
 */
export function KeyboardShortcuts({ enabled }: { enabled: boolean }) {
  const navigate = useNavigate()
  const onLookup = useMatch(paths.lookup.path) !== null
  const [helpOpen, setHelpOpen] = useState(false)

  const act = useEffectEvent((action: ShortcutAction) => {
    switch (action) {
      case 'search': {
        const field = onLookup ? searchField() : null
        if (field) {
          field.focus()
          field.select()
        } else {
          // The lookup's field takes the focus as the screen opens (autoFocus).
          void navigate(paths.lookup.href())
        }
        return
      }
      case 'scan':
        void navigate(paths.scan.href())
        return
      case 'today':
        void navigate(paths.journal.href())
        return
      case 'back': {
        // The router numbers its history entries: at 0 there is nothing of ours to go back to.
        const state: unknown = window.history.state
        const index = state && typeof state === 'object' && 'idx' in state ? state.idx : 0
        if (typeof index === 'number' && index > 0) void navigate(-1)
        return
      }
      case 'help':
        setHelpOpen(true)
        return
    }
  })

  useEffect(() => {
    if (!enabled) return
    const reader = createShortcutReader()
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.isComposing) return
      const focused = document.activeElement
      const inField = isEditable(focused)
      const decision = reader.read(
        {
          key: event.key,
          time: event.timeStamp,
          modified:
            (event.ctrlKey || event.altKey || event.metaKey) && !event.getModifierState('AltGraph'),
          shift: event.shiftKey,
          repeat: event.repeat,
        },
        {
          inField,
          fieldHasText: inField && holdsText(focused),
          dialogOpen: document.querySelector('dialog[open]') !== null,
        },
      )
      if (decision.action === null && !decision.preventDefault) return
      if (event.defaultPrevented) return
      if (decision.preventDefault) event.preventDefault()
      if (decision.action !== null) act(decision.action)
    }
    document.addEventListener('keydown', onKeyDown)
    return () => {
      document.removeEventListener('keydown', onKeyDown)
    }
  }, [enabled])

  return helpOpen ? (
    <ShortcutsDialog
      onClose={() => {
        setHelpOpen(false)
      }}
    />
  ) : null
}

/** `?`: every shortcut, with its keys. */
function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation()
  const titleId = useId()
  return (
    <ModalDialog labelledBy={titleId} onCancel={onClose}>
      <h2 id={titleId} className="text-2xl font-bold">
        {t('shortcuts.title')}
      </h2>
      <dl className="my-4 grid grid-cols-[max-content_1fr] items-center gap-x-4 gap-y-3 text-lg">
        {SHORTCUTS.map(({ action, keys }) => (
          <div key={action} className="contents">
            <dt className="flex gap-1">
              {keys.map((key, index) => (
                <span key={key} className="flex items-center gap-1">
                  {index > 0 && (
                    <span className="text-base text-ink-subtle">{t('shortcuts.or')}</span>
                  )}
                  <kbd className="min-w-10 rounded-md border-2 border-line bg-canvas px-2 py-0.5 text-center font-mono font-semibold">
                    {key}
                  </kbd>
                </span>
              ))}
            </dt>
            <dd>{t(`shortcuts.actions.${action}`)}</dd>
          </div>
        ))}
      </dl>
      <p className="mb-4 text-base text-ink-subtle">{t('shortcuts.fieldNote')}</p>
      <Button className="w-full" onClick={onClose}>
        {t('shortcuts.close')}
      </Button>
    </ModalDialog>
  )
}
