import { queryOptions } from '@tanstack/react-query'
import { customerEndpoints } from '../../../contract/endpoints/customers'
import { call } from '../../lib/api-client'
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
    queryFn: async ({ signal }) => {
      const query = { ...filters, page_size: SEARCH_PAGE_SIZE }
      return (await call(customerEndpoints.search, { query, signal })).data
    },
  })

export const customerQueryOptions = (id: string) =>
  queryOptions({
    queryKey: customerKeys.detail(id),
    queryFn: async ({ signal }) =>
      (await call(customerEndpoints.get, { params: { id }, signal })).data,
  })
