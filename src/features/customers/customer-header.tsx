import { useEffect, useId, useRef, type ReactNode, type RefObject } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useMatch } from 'react-router'
import type { Customer } from '../../../contract/customers'
import { Card } from '../../components/ui/card'
import { cn } from '../../components/ui/cn'
import { PageTitle } from '../../components/ui/page-title'
import { paths } from '../../config/paths'
import { formatNumber } from '../../i18n/format'
import { currentLanguage } from '../../i18n/i18n'
import { maskPhone } from '../../lib/phone'
import { tierLabel } from './tier'

/**
 * Who is at the counter: name, masked phone, tier and balance. It sticks to the top so the
 * balance stays in sight while the cashier scrolls the catalog; `aside` carries the OTP timer.
 */
export function CustomerHeader({ customer, aside }: { customer: Customer; aside?: ReactNode }) {
  const { t, i18n } = useTranslation()
  const language = currentLanguage(i18n)
  const phone = maskPhone(customer.phone)
  const tier = tierLabel(t, customer.tier)
  const balanceId = useId()
  const ref = useRef<HTMLElement>(null)
  useStickyHeaderHeight(ref)
  return (
    <header
      ref={ref}
      className="sticky top-0 z-10 -mx-4 mb-4 border-b border-line bg-canvas/95 px-4 pb-3 pt-2 backdrop-blur"
    >
      <title>{`${customer.full_name} · ${t('app.name')}`}</title>
      <div className="flex flex-wrap items-end justify-between gap-x-6 gap-y-2">
        <div className="flex min-w-0 flex-col gap-1">
          <h1 className="text-2xl font-bold sm:text-3xl">{customer.full_name}</h1>
          <p className="flex flex-wrap gap-x-3 text-base text-ink-subtle">
            <span>
              <span className="sr-only">{t('customers.header.phone')}: </span>
              {phone ?? t('customers.header.noPhone')}
            </span>
            {tier && (
              <span>
                <span aria-hidden="true">· </span>
                <span className="sr-only">{t('customers.tier.label')}: </span>
                <span className="font-semibold text-brand">{tier}</span>
              </span>
            )}
          </p>
        </div>
        <div className="flex flex-col sm:items-end">
          <span id={balanceId} className="text-sm font-semibold uppercase text-ink-subtle">
            {t('customers.header.balance')}
          </span>
          <span
            aria-labelledby={balanceId}
            role="status"
            className="text-2xl font-bold tabular-nums sm:text-3xl"
          >
            {t('customers.points', {
              count: customer.points_balance,
              points: formatNumber(customer.points_balance, language),
            })}
          </span>
        </div>
      </div>
      {aside && <div className="mt-2">{aside}</div>}
    </header>
  )
}

/**
 * Publishes the sticky header's height as `--sticky-header-height` (index.css turns it into the
 * page's scroll padding): a control reached with Tab is then scrolled clear of the header instead
 * of under it (WCAG 2.4.11). The height changes with the width and the OTP timer.
 */
function useStickyHeaderHeight(ref: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const header = ref.current
    if (!header) return
    const root = document.documentElement
    const publish = () => {
      // A little air between the header and the focus ring under it.
      root.style.setProperty('--sticky-header-height', `${String(header.offsetHeight + 8)}px`)
    }
    publish()
    const observer = new ResizeObserver(publish)
    observer.observe(header)
    return () => {
      observer.disconnect()
      root.style.removeProperty('--sticky-header-height')
    }
  }, [ref])
}

/** The customer's sections as real links, so each tab has its own address. */
export function CustomerTabs({ customerId }: { customerId: string }) {
  const { t } = useTranslation()
  const onCoupons = useMatch(paths.customerCoupons.path) !== null
  const tabs = [
    {
      href: paths.customerRewards.href(customerId),
      label: t('customers.tabs.rewards'),
      on: !onCoupons,
    },
    {
      href: paths.customerCoupons.href(customerId),
      label: t('customers.tabs.coupons'),
      on: onCoupons,
    },
  ]
  return (
    <nav aria-label={t('customers.tabs.label')} className="mb-4">
      <ul className="flex gap-2 border-b-2 border-line">
        {tabs.map((tab) => (
          <li key={tab.href} className="flex-1 sm:flex-none">
            <Link
              to={tab.href}
              aria-current={tab.on ? 'page' : undefined}
              className={cn(
                '-mb-0.5 flex min-h-touch items-center justify-center border-b-4 px-5 text-lg font-semibold',
                tab.on
                  ? 'border-brand text-brand'
                  : 'border-transparent text-ink-subtle hover:border-line hover:text-ink',
              )}
            >
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  )
}

/** A 404 for the customer: plain words and the way back. */
export function CustomerNotFound() {
  const { t } = useTranslation()
  return (
    <Card role="alert">
      <PageTitle title={t('customers.notFound.title')} appName={t('app.name')}>
        {t('customers.notFound.description')}
      </PageTitle>
      <Link
        to={paths.lookup.href()}
        className="inline-flex min-h-touch items-center rounded-lg bg-brand px-5 font-semibold text-white hover:bg-brand-strong"
      >
        {t('customers.notFound.back')}
      </Link>
    </Card>
  )
}
