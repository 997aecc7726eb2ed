import { useId, useRef, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { Reward } from '../../../contract/rewards'
import { ApiErrorMessage } from '../../components/ui/api-error-message'
import { Button } from '../../components/ui/button'
import { cn } from '../../components/ui/cn'
import { ModalDialog } from '../../components/ui/modal-dialog'
import { Spinner } from '../../components/ui/spinner'
import { formatNumber } from '../../i18n/format'
import { currentLanguage } from '../../i18n/i18n'
import { assertNever } from '../../lib/assert-never'
import { useOnline } from '../../lib/online'
import type { OtpCustomer } from '../otp'
import { useCheckRedeem, useRedeemReward, type RedeemOutcome, type UnknownRedeem } from './api'
import { RedeemedCouponDetails } from './redeemed-coupon'
import { rewardCost } from './reward-state'

export interface RedeemCustomer extends OtpCustomer {
  balance: number
}

/**
 * Confirm, then redeem: cost, balance before and after, validity. One tap sends one POST (the
 * button is disabled in flight and a second tap in the same frame is ignored); the outcome,
 * including a lost answer, is shown here and never acted on behind the cashier's back.
 */
export function RedeemDialog({
  customer,
  reward,
  onClose,
}: {
  customer: RedeemCustomer
  reward: Reward
  onClose: () => void
}) {
  const { t, i18n } = useTranslation()
  const language = currentLanguage(i18n)
  const titleId = useId()
  const online = useOnline()
  const redeem = useRedeemReward()
  const check = useCheckRedeem()
  const [result, setResult] = useState<RedeemOutcome | null>(null)
  // Set before `mutate` in the same tick: a second tap before React re-renders sees it.
  const inFlight = useRef(false)
  const busy = redeem.isPending || check.isPending

  const points = (value: number) =>
    value === 0
      ? t('rewards.free')
      : t('rewards.cost', { count: value, points: formatNumber(value, language) })

  const startRedeem = () => {
    if (inFlight.current) return
    inFlight.current = true
    setResult(null)
    check.reset()
    redeem.mutate(
      { customer, rewardId: reward.id },
      {
        onSuccess: setResult,
        onSettled: () => {
          inFlight.current = false
        },
      },
    )
  }

  const checkAgain = (unknown: UnknownRedeem) => {
    if (inFlight.current) return
    inFlight.current = true
    check.mutate(
      { customerId: customer.id, rewardId: reward.id, unknown },
      {
        onSuccess: setResult,
        onSettled: () => {
          inFlight.current = false
        },
      },
    )
  }

  const cost = rewardCost(reward)
  const close = busy ? undefined : onClose

  const confirmStep = (note?: ReactNode) => (
    <>
      <h2 id={titleId} className="text-2xl font-bold">
        {t('rewards.confirm.title', { reward: reward.name })}
      </h2>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2 text-lg">
        <dt className="text-ink-subtle">{t('rewards.confirm.cost')}</dt>
        <dd className="font-semibold tabular-nums">{points(cost)}</dd>
        <dt className="text-ink-subtle">{t('rewards.confirm.balance')}</dt>
        <dd className="font-semibold tabular-nums">
          {formatNumber(customer.balance, language)}
          {' → '}
          {points(customer.balance - cost)}
        </dd>
        <dt className="text-ink-subtle">{t('rewards.confirm.validity')}</dt>
        <dd className="font-semibold">{t('rewards.validity', { count: reward.validity_days })}</dd>
      </dl>
      {note}
      {redeem.isError && <ApiErrorMessage error={redeem.error} />}
      <div className="flex flex-col gap-3 sm:flex-row-reverse">
        <Button className="flex-1" disabled={busy || !online} onClick={startRedeem}>
          {redeem.isPending && <Spinner />}
          {redeem.isPending ? t('rewards.confirm.confirming') : t('rewards.confirm.confirm')}
        </Button>
        <Button variant="secondary" className="flex-1" disabled={busy} onClick={onClose}>
          {t('rewards.confirm.cancel')}
        </Button>
      </div>
    </>
  )

  let body: ReactNode
  if (result === null) {
    body = confirmStep()
  } else {
    switch (result.outcome) {
      case 'redeemed':
      case 'confirmed': {
        const confirmed = result.outcome === 'confirmed'
        body = (
          <>
            <Verdict id={titleId} tone="ok" icon="✓">
              {confirmed ? t('rewards.result.confirmed') : t('rewards.result.redeemed')}
            </Verdict>
            <p className="text-center text-lg font-semibold">{reward.name}</p>
            {confirmed && (
              <p className="text-center text-base">{t('rewards.result.confirmedDetail')}</p>
            )}
            <RedeemedCouponDetails
              coupon={result.coupon}
              rewardName={reward.name}
              customerName={customer.name}
              onDone={onClose}
            />
          </>
        )
        break
      }
      case 'refused': {
        const reasons = [
          result.problem.detail,
          ...(result.problem.errors ?? []).map((error) => error.detail),
        ].filter(
          (reason, index, all): reason is string => !!reason && all.indexOf(reason) === index,
        )
        body = (
          <>
            <Verdict id={titleId} tone="bad" icon="✕">
              {t('rewards.result.cannot')}
            </Verdict>
            <p className="text-lg font-semibold">{reward.name}</p>
            {reasons.length > 0 && (
              // Zupy's own words (often Portuguese): shown as the reason, never parsed.
              <ul className="flex flex-col gap-1 text-lg">
                {reasons.map((reason) => (
                  <li key={reason}>{reason}</li>
                ))}
              </ul>
            )}
            <Button variant="secondary" onClick={onClose}>
              {t('rewards.result.close')}
            </Button>
          </>
        )
        break
      }
      case 'not-spent':
        body = (
          <>
            <Verdict id={titleId} tone="warn" icon="!">
              {t('rewards.result.notRedeemed')}
            </Verdict>
            <p className="text-lg">{t('rewards.result.notRedeemedDetail')}</p>
            {redeem.isError && <ApiErrorMessage error={redeem.error} />}
            <div className="flex flex-col gap-3 sm:flex-row-reverse">
              <Button className="flex-1" disabled={busy || !online} onClick={startRedeem}>
                {t('rewards.result.tryAgain')}
              </Button>
              <Button variant="secondary" className="flex-1" disabled={busy} onClick={onClose}>
                {t('rewards.result.close')}
              </Button>
            </div>
          </>
        )
        break
      case 'unknown':
        body = (
          <>
            <Verdict id={titleId} tone="warn" icon="?">
              {t('rewards.result.unknown')}
            </Verdict>
            <p className="text-lg">{t('rewards.result.unknownDetail')}</p>
            <div className="flex flex-col gap-3 sm:flex-row-reverse">
              <Button
                className="flex-1"
                disabled={busy || !online}
                onClick={() => {
                  checkAgain(result)
                }}
              >
                {check.isPending && <Spinner />}
                {t('rewards.result.checkAgain')}
              </Button>
              <Button variant="secondary" className="flex-1" disabled={busy} onClick={onClose}>
                {t('rewards.result.close')}
              </Button>
            </div>
          </>
        )
        break
      case 'otp-cancelled':
        body = confirmStep(
          <p
            role="status"
            className="rounded-lg bg-muted-soft p-3 text-base font-semibold text-muted"
          >
            {t('rewards.result.otpCancelled')}
          </p>,
        )
        break
      default:
        body = assertNever(result)
    }
  }

  return (
    <ModalDialog labelledBy={titleId} onCancel={close}>
      <div className="flex flex-col gap-4" aria-live="polite">
        {body}
      </div>
    </ModalDialog>
  )
}

const verdictTones = {
  ok: 'border-ok bg-ok-soft text-ok',
  bad: 'border-bad bg-bad-soft text-bad',
  warn: 'border-warn bg-warn-soft text-warn',
} as const

/** A verdict heading: icon, word and colour together, never colour alone. */
function Verdict({
  id,
  tone,
  icon,
  children,
}: {
  id: string
  tone: keyof typeof verdictTones
  icon: string
  children: ReactNode
}) {
  return (
    <h2
      id={id}
      className={cn(
        'flex items-center justify-center gap-3 rounded-lg border-2 p-3 text-2xl font-bold',
        verdictTones[tone],
      )}
    >
      <span aria-hidden="true" className="text-3xl leading-none">
        {icon}
      </span>
      {children}
    </h2>
  )
}
