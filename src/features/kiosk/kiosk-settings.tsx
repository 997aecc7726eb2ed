import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import { Card } from '../../components/ui/card'
import { Field } from '../../components/ui/field'
import { Select } from '../../components/ui/select'
import { SettingSwitch } from '../../components/ui/setting-switch'
import { IDLE_COUNTDOWN_S, requestKioskExit, useIdleTimeoutS, useKioskMode } from './kiosk-store'

/** The idle timeouts offered, in seconds (all within IDLE_TIMEOUT_S). */
export const IDLE_TIMEOUT_CHOICES = [15, 30, 45, 60, 90, 120, 180, 300, 600] as const

export function formatIdleTimeout(t: TFunction, seconds: number): string {
  if (seconds < 60) return t('kiosk.settings.seconds', { count: seconds })
  const minutes = Math.floor(seconds / 60)
  const rest = seconds % 60
  return rest === 0
    ? t('kiosk.settings.minutes', { count: minutes })
    : t('kiosk.settings.minutesSeconds', { minutes, seconds: rest })
}

/**
 * The Settings card for kiosk mode: the switch and the idle timeout, stored on this device.
 * Turning kiosk mode on is one tap; turning it off asks the app for the cashier PIN step (the
 * header's "Exit kiosk mode"), so a customer at a kiosk cannot leave it from here.
 */
export function KioskSettings() {
  const { t } = useTranslation()
  const [kiosk, setKiosk] = useKioskMode()
  const [timeoutS, setTimeoutS] = useIdleTimeoutS()
  const headingId = useId()
  const selectId = useId()
  const timeoutHintId = useId()
  const choices = IDLE_TIMEOUT_CHOICES.some((s) => s === timeoutS)
    ? IDLE_TIMEOUT_CHOICES
    : [...IDLE_TIMEOUT_CHOICES, timeoutS].sort((a, b) => a - b)

  return (
    <Card aria-labelledby={headingId} className="flex flex-col gap-5">
      <h2 id={headingId} className="text-xl font-bold">
        {t('kiosk.settings.title')}
      </h2>
      <SettingSwitch
        label={t('kiosk.settings.mode')}
        hint={t('kiosk.settings.modeHint')}
        checked={kiosk}
        onChange={(on) => {
          if (on) setKiosk(true)
          else requestKioskExit()
        }}
      />
      <Field htmlFor={selectId} label={t('kiosk.settings.idleTimeout')}>
        <Select
          id={selectId}
          className="max-w-sm"
          aria-describedby={timeoutHintId}
          value={timeoutS}
          onChange={(event) => {
            setTimeoutS(Number(event.target.value))
          }}
        >
          {choices.map((seconds) => (
            <option key={seconds} value={seconds}>
              {formatIdleTimeout(t, seconds)}
            </option>
          ))}
        </Select>
        <p id={timeoutHintId} className="text-base text-ink-subtle">
          {t('kiosk.settings.idleTimeoutHint', { countdown: IDLE_COUNTDOWN_S })}
        </p>
      </Field>
    </Card>
  )
}
