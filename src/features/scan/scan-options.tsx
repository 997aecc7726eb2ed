import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { paths } from '../../config/paths'
import { useScanSetting, type ScanSetting } from './scan-settings'

/** The device's scan preferences as switches, for Settings. */
export function ScanOptions() {
  const { t } = useTranslation()
  return (
    <div className="flex flex-col gap-4">
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
    </div>
  )
}

/**
 * The scan screen's one line about those preferences. The switches live in Settings so a stray
 * tap at the counter (or a customer at a kiosk tablet) cannot turn on "Use on scan", which spends
 * coupons without a tap; the line keeps what is on in sight where it matters.
 */
export function ScanOptionsSummary() {
  const { t } = useTranslation()
  const [useOnScan] = useScanSetting('useOnScan')
  const [sounds] = useScanSetting('sounds')
  return (
    <p className="text-base text-ink-subtle">
      <span className={useOnScan ? 'font-semibold text-brand' : undefined}>
        {useOnScan ? t('scan.options.useOnScanOn') : t('scan.options.useOnScanOff')}
      </span>
      {' · '}
      {sounds ? t('scan.options.soundsOn') : t('scan.options.soundsOff')}
      {' · '}
      <Link
        to={paths.settings.href()}
        className="inline-flex min-h-touch items-center rounded font-semibold text-brand underline underline-offset-4"
      >
        {t('scan.options.change')}
      </Link>
    </p>
  )
}

function SettingSwitch({ name, label, hint }: { name: ScanSetting; label: string; hint: string }) {
  const [on, setOn] = useScanSetting(name)
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
        aria-checked={on}
        aria-label={label}
        aria-describedby={hintId}
        onClick={() => {
          setOn(!on)
        }}
        // The visible 32 px track sits in a 48 px touch target.
        className="group relative inline-flex min-h-touch min-w-touch shrink-0 items-center justify-center rounded-full"
      >
        <span
          aria-hidden="true"
          className="inline-flex h-8 w-14 items-center rounded-full border-2 border-brand transition-colors duration-150 group-aria-checked:bg-brand"
        >
          <span
            className={`inline-block size-6 rounded-full shadow transition-transform duration-150 motion-reduce:transition-none ${on ? 'translate-x-6 bg-white' : 'translate-x-0.5 bg-brand'}`}
          />
        </span>
      </button>
    </div>
  )
}
