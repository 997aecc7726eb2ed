import { useTranslation } from 'react-i18next'
import { currentLanguage } from '../../i18n/i18n'
import { formatAbsolute, formatRelative } from './format-time'

/** "2 minutes ago (25 Apr, 14:30)" as a `<time>`; nothing for an unreadable date. */
export function RelativeTime({ iso, now }: { iso: string; now: number }) {
  const { t, i18n } = useTranslation()
  const language = currentLanguage(i18n)
  const at = Date.parse(iso)
  if (Number.isNaN(at)) return null
  return (
    <time dateTime={iso}>
      {t('coupons.when', {
        relative: formatRelative(at, now, language),
        absolute: formatAbsolute(at, language),
      })}
    </time>
  )
}
