import { useId } from 'react'

/**
 * An on/off setting: its name and a hint beside a switch (`role="switch"`), the visible 32 px
 * track inside a 48 px touch target. The name is the switch's accessible name, the hint its
 * description; the visible name is hidden from screen readers so it is not read twice.
 */
export function SettingSwitch({
  label,
  hint,
  checked,
  onChange,
}: {
  label: string
  hint: string
  checked: boolean
  onChange: (next: boolean) => void
}) {
  const hintId = useId()
  return (
    <div className="flex items-start justify-between gap-4">
      <span className="flex min-w-0 flex-col">
        <span className="text-lg font-semibold" aria-hidden="true">
          {label}
        </span>
        <span id={hintId} className="text-base text-ink-subtle">
          {hint}
        </span>
      </span>
      <button
        type="button"
        role="switch"
        aria-checked={checked}
        aria-label={label}
        aria-describedby={hintId}
        onClick={() => {
          onChange(!checked)
        }}
        className="group relative inline-flex min-h-touch min-w-touch shrink-0 items-center justify-center rounded-full"
      >
        <span
          aria-hidden="true"
          className="inline-flex h-8 w-14 items-center rounded-full border-2 border-brand transition-colors duration-150 group-aria-checked:bg-brand"
        >
          <span
            className={`inline-block size-6 rounded-full shadow transition-transform duration-150 motion-reduce:transition-none ${checked ? 'translate-x-6 bg-white' : 'translate-x-0.5 bg-brand'}`}
          />
        </span>
      </button>
    </div>
  )
}
