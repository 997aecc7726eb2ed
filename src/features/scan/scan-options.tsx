import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { SettingSwitch } from '../../components/ui/setting-switch'
import { paths } from '../../config/paths'
import { useScanSetting } from './scan-settings'

/** The device's scan preferences as switches, for Settings. */
export function ScanOptions() {
  const { t } = useTranslation()
  const [useOnScan, setUseOnScan] = useScanSetting('useOnScan')
  const [sounds, setSounds] = useScanSetting('sounds')
  return (
    <div className="flex flex-col gap-4">
      <SettingSwitch
        label={t('scan.options.useOnScan')}
        hint={t('scan.options.useOnScanHint')}
        checked={useOnScan}
        onChange={setUseOnScan}
      />
      <SettingSwitch
        label={t('scan.options.sounds')}
        hint={t('scan.options.soundsHint')}
        checked={sounds}
        onChange={setSounds}
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
