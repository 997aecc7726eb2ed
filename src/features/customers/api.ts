import { queryOptions } from '@tanstack/react-query'
import { singleOf, listOf } from '../../../contract/envelope'
import { CustomerListItemSchema, CustomerSchema } from '../../../contract/customers'
import { getJson } from '../../lib/api-client'
import type { CustomerFilterKey } from './classify-query'

export type CustomerSearchFilters = Partial<Record<CustomerFilterKey, string>>

/** Other features invalidate by the literal root `['customers']` (they cannot import this). */
export const customerKeys = {
  all: ['customers'] as const,
  detail: (id: string) => [...customerKeys.all, 'detail', id] as const,
  points: (id: string) => [...customerKeys.all, 'points', id] as const,
  search: (filters: CustomerSearchFilters) => [...customerKeys.all, 'search', filters] as const,
}

/** A till search shows one screenful; more than this means the cashier should type more. */
export const SEARCH_PAGE_SIZE = 20

export const customerSearchQueryOptions = (filters: CustomerSearchFilters) =>
  queryOptions({
    queryKey: customerKeys.search(filters),
    queryFn: ({ signal }) => {
      const params = new URLSearchParams(filters)
      params.set('page_size', String(SEARCH_PAGE_SIZE))
      return getJson(`/api/v2/customers/?${params.toString()}`, listOf(CustomerListItemSchema), {
        signal,
      })
    },
  })

export const customerQueryOptions = (id: string) =>
  queryOptions({
    queryKey: customerKeys.detail(id),
    queryFn: ({ signal }) =>
      getJson(`/api/v2/customers/${encodeURIComponent(id)}/`, singleOf(CustomerSchema), { signal }),
  })
