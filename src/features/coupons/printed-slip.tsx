import { useTranslation } from 'react-i18next'
import { currentLanguage } from '../../i18n/i18n'
import { formatAbsolute } from './format-time'
import type { VerdictSlip } from './verdict-card-model'

/**
 * A coupon use on paper (usePrint, print.css): the store's proof of which coupon this till used,
 * when. Black on white at 80 mm, nothing under 12 pt. No customer: the slip stays with the store's
 * receipts. `till` is the server's name for this till; without one the line is left out. The time
 * is in the store's time zone (`timeZone`, from the server), as on the Today screen, so a slip and
 * the day's journal agree even on a device set to another zone.
 */
export function PrintedSlip({
  slip,
  till,
  timeZone,
}: {
  slip: VerdictSlip
  till: string | undefined
  timeZone: string | undefined
}) {
  const { t, i18n } = useTranslation()
  const language = currentLanguage(i18n)
  const rows: [string, string][] = [
    [t('coupons.slip.code'), slip.code],
    [t('coupons.slip.reward'), slip.rewardName],
    [t('coupons.slip.usedAt'), formatAbsolute(Date.parse(slip.usedAt), language, timeZone)],
    ...(till ? [[t('coupons.slip.till'), till] as [string, string]] : []),
  ]
  return (
    <div className="flex flex-col gap-[2mm]">
      <h1 className="text-[14pt] font-bold">{t('coupons.slip.title')}</h1>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-[3mm] gap-y-[1mm]">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt>{label}</dt>
            <dd className="font-bold">{value}</dd>
          </div>
        ))}
      </dl>
    </div>
  )
}
