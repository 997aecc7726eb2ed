import { useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query'
import { useEffect, useId, useRef, useState, type SubmitEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { canonicalCouponCode } from '../../../contract/codes'
import type { CustomerListItem } from '../../../contract/customers'
import type { Page } from '../../../contract/envelope'
import { ApiErrorMessage } from '../../components/ui/api-error-message'
import { Button } from '../../components/ui/button'
import { Spinner } from '../../components/ui/spinner'
import { paths } from '../../config/paths'
import { formatNumber } from '../../i18n/format'
import { currentLanguage } from '../../i18n/i18n'
import { useOnline } from '../../lib/online'
import { maskPhone } from '../../lib/phone'
import { customerSearchQueryOptions, type CustomerSearchFilters } from './api'
import { classifyQuery } from './classify-query'
import { tierLabel } from './tier'

/** The URL parameter that keeps the query, so Back from a customer restores the search. */
export const SEARCH_PARAM = 'q'

function filtersFor(query: string): CustomerSearchFilters | null {
  const classified = classifyQuery(query)
  return classified.kind === 'invalid' ? null : { [classified.kind]: classified.value }
}

function isTooShort(query: string): boolean {
  const classified = classifyQuery(query)
  return classified.kind === 'invalid' && classified.reason === 'too-short'
}

/**
 * The lookup: one field that takes a phone in any format, an e-mail, a name or a ZP- card and
 * picks Zupy's filter. A search that finds exactly one customer opens them straight away.
 */
export function CustomerSearch() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const online = useOnline()
  const fieldId = useId()
  const hintId = useId()
  const [searchParams, setSearchParams] = useSearchParams()
  const submitted = searchParams.get(SEARCH_PARAM) ?? ''
  const [text, setText] = useState(submitted)
  const [shownFor, setShownFor] = useState(submitted)
  const queryClient = useQueryClient()
  // The search the cashier ran last: an older answer arriving late must not open its customer.
  const latest = useRef<string | null>(null)

  // Back/forward changes the URL under a mounted field: show that query again.
  if (shownFor !== submitted) {
    setShownFor(submitted)
    setText(submitted)
  }

  const filters = filtersFor(submitted)
  const search = useQuery({
    ...customerSearchQueryOptions(filters ?? {}),
    enabled: filters !== null,
  })

  useEffect(
    () => () => {
      latest.current = null
    },
    [],
  )

  const onSubmit = async (event: SubmitEvent) => {
    event.preventDefault()
    const next = text.trim()
    // A coupon code typed (or scanned) here is no customer: open its verdict, search nothing.
    const coupon = canonicalCouponCode(next)
    if (coupon !== null) {
      void navigate(paths.coupon.href(coupon))
      return
    }
    latest.current = next
    if (next !== submitted) setSearchParams(next === '' ? {} : { [SEARCH_PARAM]: next })
    const nextFilters = filtersFor(next)
    if (nextFilters === null) return
    // Only a search the cashier just ran jumps to a single match; one restored by Back shows the
    // list instead, or Back would bounce straight forward again. Same cache entry as the list.
    let page: Page<CustomerListItem>
    try {
      page = await queryClient.query({
        ...customerSearchQueryOptions(nextFilters),
        staleTime: 0,
      })
    } catch {
      return // the list below shows the error
    }
    const [only] = page.items
    if (page.items.length === 1 && only && latest.current === next) {
      void navigate(paths.customer.href(only.id))
    }
  }

  return (
    <div className="flex flex-col gap-6">
      <form
        role="search"
        onSubmit={(event) => {
          void onSubmit(event)
        }}
        className="flex flex-col gap-2"
      >
        <label htmlFor={fieldId} className="text-lg font-semibold">
          {t('customers.search.label')}
        </label>
        <p id={hintId} className="text-base text-ink-subtle">
          {t('customers.search.hint')}
        </p>
        <div className="flex flex-col gap-3 sm:flex-row">
          <input
            id={fieldId}
            name={SEARCH_PARAM}
            type="search"
            // A till: the cursor belongs in the field the moment the screen opens.
            autoFocus
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            enterKeyHint="search"
            aria-describedby={hintId}
            value={text}
            onChange={(event) => {
              setText(event.target.value)
            }}
            className="min-h-touch w-full min-w-0 flex-1 rounded-lg border-2 border-line bg-white px-4 text-lg focus-visible:border-brand"
          />
          <Button type="submit" disabled={!online} className="sm:w-40">
            {search.isFetching && <Spinner />}
            {t('customers.search.submit')}
          </Button>
        </div>
      </form>
      {/* Polite: the outcome of a search is news to a screen reader, not an interruption. */}
      <div aria-live="polite">
        <SearchOutcome query={submitted} invalid={isTooShort(submitted)} search={search} />
      </div>
    </div>
  )
}

function SearchOutcome({
  query,
  invalid,
  search,
}: {
  query: string
  invalid: boolean
  search: UseQueryResult<Page<CustomerListItem>>
}) {
  const { t } = useTranslation()
  if (invalid) {
    return <p className="text-lg">{t('customers.search.tooShort')}</p>
  }
  if (query === '') return null
  if (search.isPending) {
    return (
      <p className="flex items-center gap-2 text-lg text-ink-subtle">
        <Spinner />
        {t('customers.search.searching')}
      </p>
    )
  }
  if (search.isError) {
    return (
      <ApiErrorMessage
        error={search.error}
        onRetry={() => {
          void search.refetch()
        }}
      />
    )
  }
  const items = search.data.items
  if (items.length === 0) {
    return <p className="text-lg font-semibold">{t('customers.search.none', { query })}</p>
  }
  return <SearchResults items={items} />
}

function SearchResults({ items }: { items: CustomerListItem[] }) {
  const { t, i18n } = useTranslation()
  const headingId = useId()
  const language = currentLanguage(i18n)
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-3">
      <h2 id={headingId} className="text-xl font-bold">
        {t('customers.search.results', { count: items.length })}
      </h2>
      <ul className="flex flex-col gap-3">
        {items.map((customer) => {
          const phone = maskPhone(customer.phone)
          const tier = tierLabel(t, customer.tier)
          return (
            <li key={customer.id}>
              <Link
                to={paths.customer.href(customer.id)}
                className="flex min-h-touch flex-wrap items-center justify-between gap-x-4 gap-y-1 rounded-xl border border-line bg-white p-4 shadow-sm hover:border-brand hover:bg-brand-soft"
              >
                <span className="flex min-w-0 flex-col">
                  <span className="text-lg font-bold">{customer.full_name}</span>
                  <span className="text-base text-ink-subtle">
                    {phone ?? t('customers.header.noPhone')}
                  </span>
                </span>
                <span className="flex flex-col items-end text-right">
                  <span className="text-lg font-semibold tabular-nums">
                    {t('customers.points', {
                      count: customer.points_balance,
                      points: formatNumber(customer.points_balance, language),
                    })}
                  </span>
                  {tier && <span className="text-base text-ink-subtle">{tier}</span>}
                </span>
              </Link>
            </li>
          )
        })}
      </ul>
    </section>
  )
}
