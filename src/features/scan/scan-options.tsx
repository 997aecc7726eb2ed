import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { useScanSetting, type ScanSetting } from './scan-settings'

/** The device's scan preferences as switches (Settings will host them in a later issue). */
export function ScanOptions() {
  const { t } = useTranslation()
  const headingId = useId()
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-3">
      <h2 id={headingId} className="text-lg font-bold">
        {t('scan.options.title')}
      </h2>
      <SettingSwitch
        name="useOnScan"
        label={t('scan.options.useOnScan')}
        hint={t('scan.options.useOnScanHint')}
      />
      <SettingSwitch
        name="sounds"
        label={t('scan.options.sounds')}
        hint={t('scan.options.soundsHint')}
      />
    </section>
  )
}

function SettingSwitch({ name, label, hint }: { name: ScanSetting; label: string; hint: string }) {
  const [on, setOn] = useScanSetting(name)
  const hintId = useId()
  return (
    <div className="flex items-start justify-between gap-4">
      <span className="flex min-w-0 flex-col">
        <span className="text-base font-semibold" aria-hidden="true">
          {label}
        </span>
        <span id={hintId} className="text-base text-ink-subtle">
          {hint}
        </span>
      </span>
      <button
        type="button"
        role="switch"
        aria-checked={on}
        aria-label={label}
        aria-describedby={hintId}
        onClick={() => {
          setOn(!on)
        }}
        className="relative inline-flex h-8 w-14 shrink-0 items-center rounded-full border-2 border-brand transition-colors duration-150 aria-checked:bg-brand"
      >
        <span
          aria-hidden="true"
          className={`inline-block size-6 rounded-full shadow transition-transform duration-150 ${on ? 'translate-x-6 bg-white' : 'translate-x-0.5 bg-brand'}`}
        />
      </button>
    </div>
  )
}
