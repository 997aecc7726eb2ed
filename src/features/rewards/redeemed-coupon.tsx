import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { Button } from '../../components/ui/button'
import { usePrint } from '../../components/ui/print-area'
import { paths } from '../../config/paths'
import { formatNumber } from '../../i18n/format'
import { currentLanguage } from '../../i18n/i18n'
import type { RedeemedCoupon } from './api'
import { formatDateTime } from './format-date'
import { PrintedCoupon } from './printed-coupon'
import { useQrDataUrl } from './use-qr-data-url'

/**
 * `CZ-914F15F3` shown as `CZ-914F 15F3` so it can be read aloud in two breaths. The gap is CSS
 * only: copying the text or reading its accessible name gives the real code.
 */
export function CouponCode({ code }: { code: string }) {
  const match = /^(CZ-[0-9A-Z]{4})([0-9A-Z]{4})$/.exec(code)
  if (!match) return <>{code}</>
  return (
    <>
      <span>{match[1]}</span>
      <span className="ml-[0.4em]">{match[2]}</span>
    </>
  )
}

/**
 * The success panel's body: the new coupon, large, with its QR code, "Use now" and "Print coupon"
 * (for the customer to take away; `rewardName` and `customerName` go on the paper).
 */
export function RedeemedCouponDetails({
  coupon,
  rewardName,
  customerName,
  onDone,
}: {
  coupon: RedeemedCoupon
  rewardName: string
  customerName: string
  onDone: () => void
}) {
  const { t, i18n } = useTranslation()
  const language = currentLanguage(i18n)
  const qr = useQrDataUrl(coupon.code)
  const { print, printArea } = usePrint()
  return (
    <div className="flex flex-col items-center gap-4 text-center">
      <div className="flex flex-col gap-1">
        <span className="text-sm font-semibold uppercase text-ink-subtle">
          {t('rewards.result.code')}
        </span>
        <span className="font-mono text-4xl font-bold tracking-[0.12em] sm:text-5xl">
          <CouponCode code={coupon.code} />
        </span>
      </div>
      <div className="flex size-48 items-center justify-center rounded-lg border border-line bg-white p-2">
        {qr && (
          <img
            src={qr}
            alt={t('rewards.result.qrAlt', { code: coupon.code })}
            className="size-full"
            style={{ imageRendering: 'pixelated' }}
          />
        )}
      </div>
      <p className="text-lg font-semibold">
        {t('rewards.result.validUntil', { date: formatDateTime(coupon.validUntil, language) })}
      </p>
      {coupon.newBalance !== null && (
        <p className="text-base text-ink-subtle">
          {t('rewards.result.newBalance', {
            points: t('rewards.cost', {
              count: coupon.newBalance,
              points: formatNumber(coupon.newBalance, language),
            }),
          })}
        </p>
      )}
      <div className="flex w-full flex-col gap-3 sm:flex-row-reverse">
        <Link
          to={paths.coupon.href(coupon.code)}
          className="inline-flex min-h-touch flex-1 items-center justify-center rounded-lg bg-brand px-5 text-base font-semibold text-white hover:bg-brand-strong"
        >
          {t('rewards.result.useNow')}
        </Link>
        <Button variant="secondary" className="flex-1" onClick={onDone}>
          {t('rewards.result.done')}
        </Button>
      </div>
      <Button
        variant="secondary"
        className="w-full"
        onClick={() => {
          print(
            <PrintedCoupon
              code={coupon.code}
              rewardName={rewardName}
              validUntil={coupon.validUntil}
              customerName={customerName}
            />,
            t('rewards.print.label', { code: coupon.code }),
          )
        }}
      >
        {t('rewards.print.button')}
      </Button>
      {printArea}
    </div>
  )
}
