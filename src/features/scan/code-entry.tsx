import { useId, useState, type SubmitEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../components/ui/button'

/** Marks the field so a wedge scanner's burst into it still counts as a scan. */
export const CODE_ENTRY_ATTRIBUTE = 'data-scan-code-entry'

export function isCodeEntryField(element: Element): boolean {
  return element.hasAttribute(CODE_ENTRY_ATTRIBUTE)
}

/**
 * The typed entry: "Coupon code" (pt-BR "Código do cupom"). Enter submits; the text goes through
 * the same parser as a scan, so case, hyphen and stray spaces do not matter.
 */
export function CodeEntry({
  onSubmit,
  clearSignal,
}: {
  onSubmit: (text: string) => void
  /** Changes when the field should empty itself (a wedge scan went through it). */
  clearSignal?: unknown
}) {
  const { t } = useTranslation()
  const fieldId = useId()
  const hintId = useId()
  const [text, setText] = useState('')
  const [clearedFor, setClearedFor] = useState(clearSignal)
  if (clearedFor !== clearSignal) {
    setClearedFor(clearSignal)
    setText('')
  }

  const submit = (event: SubmitEvent) => {
    event.preventDefault()
    if (text.trim() === '') return
    onSubmit(text)
    setText('')
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-2">
      <label htmlFor={fieldId} className="text-lg font-semibold">
        {t('scan.entry.label')}
      </label>
      <div className="flex flex-col gap-3 sm:flex-row">
        <input
          id={fieldId}
          data-scan-code-entry=""
          type="text"
          inputMode="text"
          autoComplete="off"
          autoCapitalize="characters"
          autoCorrect="off"
          spellCheck={false}
          enterKeyHint="go"
          placeholder="CZ-7K3M9P2Q"
          aria-describedby={hintId}
          value={text}
          onChange={(event) => {
            setText(event.target.value)
          }}
          className="min-h-touch w-full min-w-0 flex-1 rounded-lg border-2 border-line bg-white px-4 font-mono text-xl tracking-widest uppercase placeholder:text-ink-subtle/60 placeholder:normal-case focus-visible:border-brand"
        />
        <Button type="submit" className="sm:w-40">
          {t('scan.entry.submit')}
        </Button>
      </div>
      <p id={hintId} className="text-base text-ink-subtle">
        {t('scan.entry.hint')}
      </p>
    </form>
  )
}
