import { useQuery } from '@tanstack/react-query'
import { useEffect, useEffectEvent, useId, useRef, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { canonicalCouponCode } from '../../../contract/codes'
import type { Coupon, ValidateResponse } from '../../../contract/coupons'
import { ApiErrorMessage } from '../../components/ui/api-error-message'
import { Button } from '../../components/ui/button'
import { Spinner } from '../../components/ui/spinner'
import { paths } from '../../config/paths'
import { formatNumber } from '../../i18n/format'
import { currentLanguage } from '../../i18n/i18n'
import { assertNever } from '../../lib/assert-never'
import { useOnline } from '../../lib/online'
import { couponByCodeQueryOptions } from './api'
import { formatAbsolute, formatRelative, useNow } from './format-time'
import { useCheckCouponUse, useSingleFlight, useValidateCoupon } from './use-validate-coupon'
import type { ValidateOutcome } from './validate'
import { couponState, type CouponState } from './verdict'
import { Detail, VerdictCard, type VerdictIconKind, type VerdictTone } from './verdict-card'

/** What the card shows, for a host screen (the scan screen) that reacts to it. */
export type CouponVerdictKind =
  | 'looking'
  | 'active'
  | 'validated'
  | 'confirmed'
  | 'used'
  | 'expired'
  | 'cancelled'
  | 'unavailable'
  | 'not-found'
  | 'not-used'
  | 'unknown'
  | 'invalid'
  | 'error'

export interface CouponVerdictProps {
  /** The raw code (URL segment or scanned text); an invalid one is refused without asking Zupy. */
  code: string
  /** Use the coupon as soon as it shows as active ("Use on scan"); still one POST, still no retry. */
  autoUse?: boolean
  /** Called whenever the card's verdict changes. */
  onVerdict?: (kind: CouponVerdictKind) => void
}

/** Reports `kind` to the host once per change. */
function useReportVerdict(kind: CouponVerdictKind, onVerdict: CouponVerdictProps['onVerdict']) {
  const report = useEffectEvent((k: CouponVerdictKind) => onVerdict?.(k))
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
  const { t } = useTranslation()
  useReportVerdict('invalid', onVerdict)
  return (
    <VerdictCard
      tone="bad"
      icon={'bad'}
      heading={t('coupons.invalidCode.heading')}
      code={raw}
      codeLabel={t('coupons.codeLabel')}
      body={t('coupons.invalidCode.body', { code: raw })}
    />
  )
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
  const lookupKind: CouponVerdictKind | null =
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
    return (
      <VerdictCard
        tone="bad"
        icon={'bad'}
        heading={t('coupons.verdict.notFound')}
        code={code}
        codeLabel={t('coupons.codeLabel')}
        body={t('coupons.body.notFound', { code })}
      />
    )
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

/** What the card says: a plain state from the lookup, or how the last tap ended. */
type Shown =
  | { kind: 'state'; state: CouponState }
  | { kind: 'validated'; result: ValidateResponse }
  | { kind: 'confirmed' }
  | { kind: 'not_used'; coupon: Coupon }
  | { kind: 'unknown'; before: Coupon }
  | { kind: 'not_found' }

function shownFor(outcome: ValidateOutcome | null, coupon: Coupon, now: number): Shown {
  if (outcome === null) return { kind: 'state', state: couponState(coupon, now) }
  switch (outcome.outcome) {
    case 'validated':
      return { kind: 'validated', result: outcome.result }
    case 'already_used': {
      // A 409 is final: the refresh only says which kind of "no" it was, never "active".
      const refreshed = outcome.coupon && couponState(outcome.coupon, now)
      const state = refreshed === 'expired' || refreshed === 'cancelled' ? refreshed : 'used'
      return { kind: 'state', state }
    }
    case 'otp_required':
      return { kind: 'state', state: couponState(coupon, now) }
    case 'not_found':
      return { kind: 'not_found' }
    case 'unknown': {
      const { check } = outcome
      switch (check.state) {
        case 'confirmed':
          return { kind: 'confirmed' }
        case 'not_used': {
          const state = couponState(check.coupon, now)
          return state === 'active'
            ? { kind: 'not_used', coupon: check.coupon }
            : { kind: 'state', state }
        }
        case 'unresolved':
          return { kind: 'unknown', before: outcome.before }
        default:
          return assertNever(check)
      }
    }
    default:
      return assertNever(outcome)
  }
}

function verdictKindOf(shown: Shown): CouponVerdictKind {
  switch (shown.kind) {
    case 'state':
      return shown.state
    case 'validated':
      return 'validated'
    case 'confirmed':
      return 'confirmed'
    case 'not_used':
      return 'not-used'
    case 'unknown':
      return 'unknown'
    case 'not_found':
      return 'not-found'
    default:
      return assertNever(shown)
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
  const now = useNow()
  const online = useOnline()
  const validate = useValidateCoupon()
  const check = useCheckCouponUse()
  const [outcome, setOutcome] = useState<ValidateOutcome | null>(null)
  const singleFlight = useSingleFlight()
  const hintId = useId()
  const busy = validate.isPending || check.isPending

  const runValidate = (target: Coupon) => {
    if (!online) return
    singleFlight((done) => {
      validate.mutate(target, { onSuccess: setOutcome, onSettled: done })
    })
  }

  const runCheck = (before: Coupon) => {
    singleFlight((done) => {
      check.mutate(before, {
        onSuccess: (result) => {
          setOutcome({ outcome: 'unknown', before, check: result })
        },
        onSettled: done,
      })
    })
  }

  const when = (iso: string | null | undefined) => {
    if (!iso) return null
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
  const usesLeft = (left: number, total: number) =>
    t('coupons.usesLeft', {
      left: formatNumber(Math.max(0, left), language),
      total: formatNumber(total, language),
    })

  const reward = <Detail label={t('coupons.detail.reward')}>{coupon.reward_name}</Detail>
  const customer = (
    <Detail label={t('coupons.detail.customer')}>
      <Link
        to={paths.customer.href(coupon.customer_id)}
        className="inline-flex min-h-touch items-center font-semibold text-brand underline underline-offset-4 hover:text-brand-strong"
      >
        {coupon.customer_name}
      </Link>
    </Detail>
  )
  const validUntil = (
    <Detail label={t('coupons.detail.validUntil')}>{when(coupon.valid_until)}</Detail>
  )
  const remaining = (
    <Detail label={t('coupons.detail.usesLeft')}>
      {usesLeft(coupon.remaining_usages, coupon.total_usages_allowed)}
    </Detail>
  )

  // What the coupon is for and whose it is; with its validity and uses while it can still be used.
  const whose = (
    <>
      {reward}
      {customer}
    </>
  )
  const fullDetails = (
    <>
      {whose}
      {validUntil}
      {remaining}
    </>
  )

  const action = (label: string, onClick: () => void, needsNetwork = true) => (
    <>
      <Button
        className="min-h-14 w-full text-lg"
        disabled={busy || (needsNetwork && !online)}
        aria-describedby={needsNetwork && !online ? hintId : undefined}
        onClick={onClick}
      >
        {busy && <Spinner />}
        {busy ? (check.isPending ? t('coupons.checking') : t('coupons.using')) : label}
      </Button>
      {needsNetwork && !online && (
        <p id={hintId} className="text-base font-semibold text-warn">
          {t('coupons.offlineHint')}
        </p>
      )}
    </>
  )

  const shown = shownFor(outcome, coupon, now)
  useReportVerdict(verdictKindOf(shown), onVerdict)

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
  let card: {
    tone: VerdictTone
    icon: VerdictIconKind
    heading: string
    body: string
    details: ReactNode
    actions?: ReactNode
    solid?: boolean
  }
  switch (shown.kind) {
    case 'state':
      switch (shown.state) {
        case 'active':
          card = {
            tone: 'ok',
            icon: 'ok',
            heading: t('coupons.verdict.active'),
            body: t('coupons.body.active'),
            details: fullDetails,
            actions: action(t('coupons.use'), () => {
              runValidate(coupon)
            }),
          }
          break
        case 'used':
          card = {
            tone: 'bad',
            icon: 'bad',
            heading: t('coupons.verdict.used'),
            body: t('coupons.body.used'),
            details: (
              <>
                {coupon.usage_date && (
                  <Detail label={t('coupons.detail.usedAt')}>{when(coupon.usage_date)}</Detail>
                )}
                {whose}
              </>
            ),
          }
          break
        case 'expired':
          card = {
            tone: 'warn',
            icon: 'expired',
            heading: t('coupons.verdict.expired'),
            body: t('coupons.body.expired'),
            details: (
              <>
                <Detail label={t('coupons.detail.expiredAt')}>{when(coupon.valid_until)}</Detail>
                {whose}
              </>
            ),
          }
          break
        case 'cancelled':
          card = {
            tone: 'muted',
            icon: 'cancelled',
            heading: t('coupons.verdict.cancelled'),
            body: t('coupons.body.cancelled'),
            details: whose,
          }
          break
        case 'unavailable':
          card = {
            tone: 'muted',
            icon: 'cancelled',
            heading: t('coupons.verdict.unavailable'),
            body: t('coupons.body.unavailable', { status: coupon.status_display }),
            details: whose,
          }
          break
        default:
          assertNever(shown.state)
      }
      break
    case 'validated':
      card = {
        tone: 'ok',
        icon: 'ok',
        heading: t('coupons.verdict.validated'),
        solid: true,
        body: t('coupons.body.validated'),
        details: (
          <>
            <Detail label={t('coupons.detail.usesLeft')}>
              {usesLeft(shown.result.remaining_usages, shown.result.total_usages_allowed)}
            </Detail>
            <Detail label={t('coupons.detail.validatedAt')}>
              {when(shown.result.validated_at)}
            </Detail>
            {whose}
          </>
        ),
        actions:
          shown.result.remaining_usages > 0
            ? action(t('coupons.useAgain'), () => {
                runValidate(coupon)
              })
            : undefined,
      }
      break
    case 'confirmed':
      card = {
        tone: 'ok',
        icon: 'ok',
        heading: t('coupons.verdict.confirmed'),
        solid: true,
        body: t('coupons.body.confirmed'),
        details: (
          <>
            {remaining}
            {whose}
          </>
        ),
      }
      break
    case 'not_used': {
      const target = shown.coupon
      card = {
        tone: 'warn',
        icon: 'question',
        heading: t('coupons.verdict.notUsed'),
        body: t('coupons.body.notUsed'),
        details: fullDetails,
        actions: action(t('coupons.tryAgain'), () => {
          runValidate(target)
        }),
      }
      break
    }
    case 'unknown': {
      const before = shown.before
      card = {
        tone: 'warn',
        icon: 'question',
        heading: t('coupons.verdict.unknown'),
        body: t('coupons.body.unknown'),
        details: whose,
        actions: action(
          t('coupons.checkAgain'),
          () => {
            runCheck(before)
          },
          false,
        ),
      }
      break
    }
    case 'not_found':
      card = {
        tone: 'bad',
        icon: 'bad',
        heading: t('coupons.verdict.notFound'),
        body: t('coupons.body.notFoundForCustomer'),
        details: customer,
      }
      break
    default:
      assertNever(shown)
  }

  const otpNotice =
    outcome?.outcome === 'otp_required'
      ? outcome.reason === 'cancelled'
        ? t('coupons.otpCancelled')
        : t('coupons.otpRefused')
      : null

  return (
    <VerdictCard
      tone={card.tone}
      icon={card.icon}
      heading={card.heading}
      code={coupon.coupon_code}
      codeLabel={t('coupons.codeLabel')}
      body={card.body}
      details={card.details}
      solid={card.solid}
    >
      {otpNotice && !busy && (
        <p role="status" className="text-base font-semibold text-warn">
          {otpNotice}
        </p>
      )}
      {validate.isError && <ApiErrorMessage error={validate.error} />}
      {card.actions}
    </VerdictCard>
  )
}
