import { useQuery } from '@tanstack/react-query'
import { useEffect, useEffectEvent, useId, useRef, useState } from 'react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { canonicalCouponCode } from '../../../contract/codes'
import type { Coupon } from '../../../contract/coupons'
import { ApiErrorMessage } from '../../components/ui/api-error-message'
import { Button } from '../../components/ui/button'
import { usePrint } from '../../components/ui/print-area'
import { Spinner } from '../../components/ui/spinner'
import { paths } from '../../config/paths'
import { formatNumber } from '../../i18n/format'
import { currentLanguage } from '../../i18n/i18n'
import { assertNever } from '../../lib/assert-never'
import { useOnline } from '../../lib/online'
import type { VerdictKind } from '../../lib/verdicts'
import { posConfigQueryOptions } from '../pos-status'
import { couponByCodeQueryOptions } from './api'
import { useNow } from './format-time'
import { PrintedSlip } from './printed-slip'
import { RelativeTime } from './relative-time'
import { useCheckCouponUse, useSingleFlight, useValidateCoupon } from './use-validate-coupon'
import type { UnknownUse, ValidateOutcome } from './validate'
import { couponState } from './verdict'
import { Detail, VerdictCard } from './verdict-card'
import { verdictCard, type VerdictCardModel, type VerdictDetail } from './verdict-card-model'

export interface CouponVerdictProps {
  /** The raw code (URL segment or scanned text); an invalid one is refused without asking Zupy. */
  code: string
  /** Use the coupon as soon as it shows as active ("Use on scan"); still one POST, still no retry. */
  autoUse?: boolean
  /** Called whenever the card's verdict changes. */
  onVerdict?: (kind: VerdictKind) => void
}

/** Reports `kind` to the host once per change. */
function useReportVerdict(kind: VerdictKind, onVerdict: CouponVerdictProps['onVerdict']) {
  const report = useEffectEvent((k: VerdictKind) => onVerdict?.(k))
  useEffect(() => {
    report(kind)
  }, [kind])
}

/**
 * `/coupons/:code` (and the scan screen): one coupon's verdict and its Use button.
 */
export function CouponVerdict({ code: raw, autoUse = false, onVerdict }: CouponVerdictProps) {
  const code = canonicalCouponCode(raw)
  if (code === null) return <InvalidCode raw={raw} onVerdict={onVerdict} />
  return <CouponLookup key={code} code={code} autoUse={autoUse} onVerdict={onVerdict} />
}

function InvalidCode({
  raw,
  onVerdict,
}: {
  raw: string
  onVerdict: CouponVerdictProps['onVerdict']
}) {
  useReportVerdict('invalid', onVerdict)
  return <ModelCard model={verdictCard({ kind: 'invalid', raw })} />
}

function CouponLookup({
  code,
  autoUse,
  onVerdict,
}: {
  code: string
  autoUse: boolean
  onVerdict: CouponVerdictProps['onVerdict']
}) {
  const { t } = useTranslation()
  const query = useQuery(couponByCodeQueryOptions(code))
  const lookupKind: VerdictKind | null =
    query.data === null
      ? 'not-found'
      : query.data !== undefined
        ? null
        : query.isError
          ? 'error'
          : 'looking'
  // CouponScreen reports its own verdicts once the coupon is known.
  useReportVerdict(lookupKind ?? 'looking', lookupKind === null ? undefined : onVerdict)

  if (query.data === null) {
    return <ModelCard model={verdictCard({ kind: 'missing', code })} />
  }
  if (query.data !== undefined)
    return <CouponScreen coupon={query.data} autoUse={autoUse} onVerdict={onVerdict} />
  if (query.isError) {
    return (
      <ApiErrorMessage
        error={query.error}
        onRetry={() => {
          void query.refetch()
        }}
      />
    )
  }
  return (
    <p role="status" className="flex items-center gap-2 text-lg text-ink-subtle">
      <Spinner />
      {query.fetchStatus === 'paused' ? t('coupons.list.waitingForNetwork') : t('coupons.looking')}
    </p>
  )
}

/** A card with no action (invalid code, unknown code): the model says it all. */
function ModelCard({ model }: { model: VerdictCardModel }) {
  const { t } = useTranslation()
  return <VerdictCard {...cardProps(model, t)} />
}

/** The card's words and looks, as the model names them. */
function cardProps(model: VerdictCardModel, t: TFunction) {
  return {
    tone: model.tone,
    icon: model.icon,
    heading: t(`coupons.verdict.${model.titleKey}`),
    code: model.code,
    codeLabel: t('coupons.codeLabel'),
    body: t(`coupons.body.${model.bodyKey}`, model.bodyValues),
    solid: model.solid,
  }
}

function CouponScreen({
  coupon,
  autoUse,
  onVerdict,
}: {
  coupon: Coupon
  autoUse: boolean
  onVerdict: CouponVerdictProps['onVerdict']
}) {
  const { t, i18n } = useTranslation()
  const language = currentLanguage(i18n)
  const [outcome, setOutcome] = useState<ValidateOutcome | null>(null)
  const now = useNow(30_000, outcome)
  const online = useOnline()
  const validate = useValidateCoupon()
  const check = useCheckCouponUse()
  const singleFlight = useSingleFlight()
  const hintId = useId()
  const busy = validate.isPending || check.isPending
  // The till's name and the store's time zone for the slip; already loaded by the sandbox banner.
  const config = useQuery(posConfigQueryOptions()).data
  const { print, printArea } = usePrint()

  const runValidate = (target: Coupon) => {
    if (!online) return
    singleFlight((done) => {
      validate.mutate(target, { onSuccess: setOutcome, onSettled: done })
    })
  }

  const runCheck = (unknown: UnknownUse) => {
    singleFlight((done) => {
      check.mutate(unknown, { onSuccess: setOutcome, onSettled: done })
    })
  }

  const model = verdictCard({ kind: 'coupon', coupon, outcome, now })
  useReportVerdict(model.verdict, onVerdict)

  // "Use on scan": one tap saved, nothing else changes (one POST, no retry, OTP if asked).
  const autoUsed = useRef(false)
  const validateOnArrival = useEffectEvent(() => {
    if (!autoUse || autoUsed.current || outcome !== null) return
    autoUsed.current = true
    if (couponState(coupon, now) === 'active') runValidate(coupon)
  })
  useEffect(() => {
    validateOnArrival()
  }, [])

  const detail = (row: VerdictDetail) => {
    switch (row.kind) {
      case 'reward':
        return row.name
      case 'customer':
        return (
          <Link
            to={paths.customer.href(row.customerId)}
            className="inline-flex min-h-touch items-center font-semibold text-brand underline underline-offset-4 hover:text-brand-strong"
          >
            {row.name}
          </Link>
        )
      case 'uses-left':
        return t('coupons.usesLeft', {
          left: formatNumber(Math.max(0, row.left), language),
          total: formatNumber(row.total, language),
        })
      case 'valid-until':
      case 'expired-at':
      case 'used-at':
      case 'validated-at':
        return <RelativeTime iso={row.at} now={now} />
      default:
        return assertNever(row)
    }
  }

  const { action, slip } = model
  const needsNetwork = action?.kind !== 'check'
  const offline = needsNetwork && !online

  return (
    <VerdictCard
      {...cardProps(model, t)}
      details={model.details.map((row) => (
        <Detail key={row.kind} label={t(`coupons.detail.${row.kind}`)}>
          {detail(row)}
        </Detail>
      ))}
    >
      {model.notice && !busy && (
        <p role="status" className="text-base font-semibold text-warn">
          {t(`coupons.${model.notice}`)}
        </p>
      )}
      {validate.isError && <ApiErrorMessage error={validate.error} />}
      {action && (
        <>
          <Button
            className="min-h-14 w-full text-lg"
            disabled={busy || offline}
            aria-describedby={offline ? hintId : undefined}
            onClick={() => {
              if (action.kind === 'check') runCheck(action.unknown)
              else runValidate(action.coupon)
            }}
          >
            {busy && <Spinner />}
            {busy
              ? check.isPending
                ? t('coupons.checking')
                : t('coupons.using')
              : t(`coupons.${action.label}`)}
          </Button>
          {offline && (
            <p id={hintId} className="text-base font-semibold text-warn">
              {t('coupons.offlineHint')}
            </p>
          )}
        </>
      )}
      {slip && (
        <Button
          variant="secondary"
          className="w-full"
          onClick={() => {
            print(
              <PrintedSlip slip={slip} till={config?.till} timeZone={config?.time_zone} />,
              t('coupons.slip.label', { code: slip.code }),
            )
          }}
        >
          {t('coupons.slip.button')}
        </Button>
      )}
      {printArea}
    </VerdictCard>
  )
}
