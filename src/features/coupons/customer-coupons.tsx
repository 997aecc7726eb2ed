import { useInfiniteQuery } from '@tanstack/react-query'
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router'
import type { Coupon } from '../../../contract/coupons'
import { ApiErrorMessage } from '../../components/ui/api-error-message'
import { Button } from '../../components/ui/button'
import { cn } from '../../components/ui/cn'
import { Spinner } from '../../components/ui/spinner'
import { paths } from '../../config/paths'
import { formatNumber } from '../../i18n/format'
import { currentLanguage } from '../../i18n/i18n'
import {
  COUPON_FILTERS,
  customerCouponsQueryOptions,
  isCouponFilter,
  type CouponFilter,
} from './api'
import { useNow } from './format-time'
import { RelativeTime } from './relative-time'
import { couponState, type CouponState } from './verdict'
import { CouponCode, Detail, VerdictIcon, type VerdictIconKind } from './verdict-card'

/** The filter lives in the URL (`?status=`), so Back from a coupon returns to the same list. */
const FILTER_PARAM = 'status'
const DEFAULT_FILTER: CouponFilter = 'active'

/** The Coupons tab of a customer: a status filter and the coupons, each linking to its verdict. */
export function CustomerCoupons({ customerId }: { customerId: string }) {
  const { t } = useTranslation()
  const [searchParams, setSearchParams] = useSearchParams()
  const requested = searchParams.get(FILTER_PARAM)
  const fromUrl = isCouponFilter(requested) ? requested : DEFAULT_FILTER
  // The radio answers the tap at once; the URL (a navigation) catches up a moment later, and a
  // URL change from elsewhere (Back) wins.
  const [filter, setFilter] = useState(fromUrl)
  const [seenUrl, setSeenUrl] = useState(fromUrl)
  if (fromUrl !== seenUrl) {
    setSeenUrl(fromUrl)
    setFilter(fromUrl)
  }
  const query = useInfiniteQuery(customerCouponsQueryOptions(customerId, filter))

  const choose = (next: CouponFilter) => {
    setFilter(next)
    setSearchParams(
      (params) => {
        if (next === DEFAULT_FILTER) params.delete(FILTER_PARAM)
        else params.set(FILTER_PARAM, next)
        return params
      },
      { replace: true },
    )
  }

  const coupons = query.data?.pages.flatMap((page) => page.items) ?? []

  return (
    <div className="flex flex-col gap-4">
      <FilterGroup value={filter} onChange={choose} />
      {query.data !== undefined ? (
        coupons.length === 0 ? (
          <p className="rounded-xl border border-line bg-white p-4 text-lg text-ink-subtle">
            {t(`coupons.list.empty.${filter}`)}
          </p>
        ) : (
          <ul aria-label={t('coupons.list.label')} className="flex flex-col gap-3">
            {coupons.map((coupon) => (
              <CouponItem key={coupon.id} coupon={coupon} />
            ))}
          </ul>
        )
      ) : query.isError ? (
        <ApiErrorMessage
          error={query.error}
          onRetry={() => {
            void query.refetch()
          }}
        />
      ) : (
        <p role="status" className="flex items-center gap-2 text-lg text-ink-subtle">
          <Spinner />
          {query.fetchStatus === 'paused'
            ? t('coupons.list.waitingForNetwork')
            : t('coupons.list.loading')}
        </p>
      )}
      {query.data !== undefined && query.isError && (
        <ApiErrorMessage
          error={query.error}
          onRetry={() => {
            void query.refetch()
          }}
        />
      )}
      {query.hasNextPage && (
        <Button
          variant="secondary"
          className="self-center"
          disabled={query.isFetchingNextPage}
          onClick={() => {
            void query.fetchNextPage()
          }}
        >
          {query.isFetchingNextPage && <Spinner />}
          {t('coupons.list.more')}
        </Button>
      )}
    </div>
  )
}

function FilterGroup({
  value,
  onChange,
}: {
  value: CouponFilter
  onChange: (next: CouponFilter) => void
}) {
  const { t } = useTranslation()
  const name = useId()
  return (
    <fieldset>
      <legend className="mb-2 text-base font-semibold text-ink-subtle">
        {t('coupons.list.filterLabel')}
      </legend>
      <div className="flex flex-wrap gap-2">
        {COUPON_FILTERS.map((filter) => (
          <label key={filter} className="relative">
            <input
              type="radio"
              name={name}
              value={filter}
              checked={value === filter}
              onChange={() => {
                onChange(filter)
              }}
              className="peer absolute inset-0 size-full cursor-pointer opacity-0"
            />
            <span
              className={cn(
                'inline-flex min-h-touch min-w-touch items-center justify-center rounded-full border-2 px-4 text-base font-semibold',
                'peer-focus-visible:outline-3 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-brand',
                value === filter
                  ? 'border-brand bg-brand text-white'
                  : 'border-line bg-white text-ink hover:border-brand',
              )}
            >
              {value === filter && (
                <span aria-hidden="true" className="mr-1">
                  ✓
                </span>
              )}
              {t(`coupons.list.filters.${filter}`)}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  )
}

const stateStyle: Record<CouponState, { icon: VerdictIconKind; className: string }> = {
  active: { icon: 'ok', className: 'border-ok bg-ok-soft text-ok' },
  used: { icon: 'bad', className: 'border-bad bg-bad-soft text-bad' },
  expired: { icon: 'expired', className: 'border-warn bg-warn-soft text-warn' },
  cancelled: { icon: 'cancelled', className: 'border-muted bg-muted-soft text-muted' },
  unavailable: { icon: 'cancelled', className: 'border-muted bg-muted-soft text-muted' },
}

function CouponItem({ coupon }: { coupon: Coupon }) {
  const { t, i18n } = useTranslation()
  const language = currentLanguage(i18n)
  const now = useNow()
  const state = couponState(coupon, now)
  const style = stateStyle[state]

  const when = (iso: string) => <RelativeTime iso={iso} now={now} />

  return (
    <li className="flex flex-col gap-3 rounded-xl border border-line bg-white p-4 shadow-sm sm:flex-row sm:items-center sm:justify-between">
      <div className="flex min-w-0 flex-col gap-2">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <CouponCode code={coupon.coupon_code} className="text-xl" />
          <span
            className={cn(
              'inline-flex items-center gap-1 rounded-full border px-2 text-base font-semibold',
              style.className,
            )}
          >
            <VerdictIcon kind={style.icon} className="size-4" />
            {t(`coupons.status.${state}`)}
          </span>
        </div>
        <p className="text-lg font-semibold">{coupon.reward_name}</p>
        <dl className="flex flex-col gap-1 text-base">
          {state === 'used' && coupon.usage_date && (
            <Detail label={t('coupons.detail.used-at')}>{when(coupon.usage_date)}</Detail>
          )}
          {state === 'expired' && (
            <Detail label={t('coupons.detail.expired-at')}>{when(coupon.valid_until)}</Detail>
          )}
          {state === 'active' && (
            <>
              <Detail label={t('coupons.detail.valid-until')}>{when(coupon.valid_until)}</Detail>
              <Detail label={t('coupons.detail.uses-left')}>
                {t('coupons.usesLeft', {
                  left: formatNumber(Math.max(0, coupon.remaining_usages), language),
                  total: formatNumber(coupon.total_usages_allowed, language),
                })}
              </Detail>
            </>
          )}
        </dl>
      </div>
      <Link
        to={paths.coupon.href(coupon.coupon_code)}
        className={cn(
          'inline-flex min-h-touch shrink-0 items-center justify-center rounded-lg px-5 text-base font-semibold',
          state === 'active'
            ? 'bg-brand text-white hover:bg-brand-strong'
            : 'border-2 border-brand bg-white text-brand hover:bg-brand-soft',
        )}
      >
        {state === 'active' ? t('coupons.list.use') : t('coupons.list.open')}
        <span className="sr-only"> {coupon.coupon_code}</span>
      </Link>
    </li>
  )
}
