import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query'
import { COUPON_STATUSES, type Coupon, type CouponStatus } from '../../../contract/coupons'
import { couponEndpoints } from '../../../contract/endpoints/coupons'
import { customerEndpoints } from '../../../contract/endpoints/customers'
import { call } from '../../lib/api-client'

/** The list filter: one partner status, or every coupon. */
export type CouponFilter = CouponStatus | 'all'
export const COUPON_FILTERS = [...COUPON_STATUSES, 'all'] as const satisfies readonly CouponFilter[]

export function isCouponFilter(value: unknown): value is CouponFilter {
  return COUPON_FILTERS.some((filter) => filter === value)
}

/** Other features invalidate these by the literal root `['coupons']` (they cannot import this). */
export const couponKeys = {
  all: ['coupons'] as const,
  byCustomer: (customerId: string, status: CouponFilter) =>
    [...couponKeys.all, 'customer', customerId, status] as const,
  byCode: (code: string) => [...couponKeys.all, 'code', code] as const,
  owner: (customerId: string) => [...couponKeys.all, 'owner', customerId] as const,
}

// A till rarely shows more than a handful; a bigger page keeps "Show more" for the rare regular.
const LIST_PAGE_SIZE = 50

/** `GET /coupons/issued/?customer_id=&status=`, page by page (cursor). */
export const customerCouponsQueryOptions = (customerId: string, status: CouponFilter) =>
  infiniteQueryOptions({
    queryKey: couponKeys.byCustomer(customerId, status),
    queryFn: async ({ pageParam, signal }) => {
      const query = {
        customer_id: customerId,
        status: status === 'all' ? undefined : status,
        page_size: LIST_PAGE_SIZE,
        cursor: pageParam ?? undefined,
      }
      return (await call(couponEndpoints.issued, { query, signal })).data
    },
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  })

/**
 * `GET /coupons/issued/?code=`: the coupon with this canonical code, or null. Zupy answers an
 * unknown code with an empty list, not a 404 (api-notes §7.1).
 */
export async function fetchCouponByCode(
  code: string,
  signal?: AbortSignal,
): Promise<Coupon | null> {
  const { data: page } = await call(couponEndpoints.issued, { query: { code }, signal })
  return page.items.find((coupon) => coupon.coupon_code.toUpperCase() === code) ?? null
}

export const couponByCodeQueryOptions = (code: string) =>
  queryOptions({
    queryKey: couponKeys.byCode(code),
    queryFn: ({ signal }) => fetchCouponByCode(code, signal),
    // A verdict must be current: another till may have used the coupon a second ago.
    staleTime: 0,
  })

/** Who must confirm an OTP for this coupon's customer: name and the channels to reach them. */
export interface CouponOwner {
  id: string
  name: string
  phone: string | null
  email: string | null
}

/** `GET /customers/{id}/`, kept to what the OTP step needs. */
export const couponOwnerQueryOptions = (customerId: string) =>
  queryOptions({
    queryKey: couponKeys.owner(customerId),
    queryFn: async ({ signal }): Promise<CouponOwner> => {
      const { data: customer } = await call(customerEndpoints.get, {
        params: { id: customerId },
        signal,
      })
      return {
        id: customer.id,
        name: customer.full_name,
        phone: customer.phone ?? null,
        email: customer.email ?? null,
      }
    },
    staleTime: 5 * 60_000,
  })
