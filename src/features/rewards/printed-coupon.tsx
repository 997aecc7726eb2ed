import { useTranslation } from 'react-i18next'
import { currentLanguage } from '../../i18n/i18n'
import { formatDateTime } from './format-date'
import { QrSvg } from './qr-svg'

/**
 * The customer's first name only: a coupon left on the counter or in a bin must not carry a full
 * name (and never a phone or e-mail). Empty when Zupy has no name.
 */
export function firstName(fullName: string): string {
  return fullName.trim().split(/\s+/)[0] ?? ''
}

export interface PrintedCouponProps {
  code: string
  rewardName: string
  validUntil: string
  customerName: string
}

/**
 * A redeemed coupon on paper (usePrint, print.css): what the customer needs to use it later, at
 * 80 mm. Black on white; nothing under 12 pt, the code and QR large enough to read or scan at the
 * counter.
 */
export function PrintedCoupon({ code, rewardName, validUntil, customerName }: PrintedCouponProps) {
  const { t, i18n } = useTranslation()
  const language = currentLanguage(i18n)
  const name = firstName(customerName)
  return (
    <div className="flex flex-col items-center gap-[2mm] text-center">
      <h1 className="text-[14pt] font-bold">{t('rewards.print.title')}</h1>
      {name && <p>{t('rewards.print.for', { name })}</p>}
      <p className="text-[14pt] font-bold">{rewardName}</p>
      <p className="font-mono text-[20pt] font-bold tracking-[0.08em]">{code}</p>
      <QrSvg text={code} label={t('rewards.result.qrAlt', { code })} className="size-[40mm]" />
      <p>{t('rewards.result.validUntil', { date: formatDateTime(validUntil, language) })}</p>
    </div>
  )
}
