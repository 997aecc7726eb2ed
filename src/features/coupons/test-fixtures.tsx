import { HttpResponse } from 'msw'
import type { ReactElement } from 'react'
import { createMemoryRouter, RouterProvider } from 'react-router'
import { CouponSchema, ValidateResponseSchema, type Coupon } from '../../../contract/coupons'
import { CustomerSchema, type Customer } from '../../../contract/customers'
import { PROBLEM_TYPE_BASE } from '../../../contract/problem-body'
import { OtpGateProvider, type OtpStepProps } from '../otp'
import { renderWithProviders, type ProviderOptions } from '../../testing/render-with-providers'
import { endpointHandler } from '../../testing/endpoint-handler'
import { couponEndpoints } from '../../../contract/endpoints/coupons'

// Test-only builders, parsed through the contract so they cannot drift from what the app accepts.

const DAY = 24 * 3_600_000

export const MARIA = { id: '2f5up95d977oju49c4jnp2kfkf4', name: 'Maria Santos' }

export function buildCoupon(overrides: Partial<Coupon> = {}): Coupon {
  const now = Date.now()
  return CouponSchema.parse({
    id: 'c0up0n0000000000000000000001',
    coupon_code: 'CZ-7K3M9P2Q',
    reward_name: 'Sobremesa grátis',
    reward_id: 'j6xoqyi9j8pva01wanxn74c89bb',
    customer_id: MARIA.id,
    customer_name: MARIA.name,
    status: 'active',
    status_display: 'Ativo',
    points_spent: 200,
    redemption_date: new Date(now - 5 * DAY).toISOString(),
    valid_until: new Date(now + 25 * DAY).toISOString(),
    remaining_usages: 1,
    total_usages_allowed: 1,
    created_at: new Date(now - 5 * DAY).toISOString(),
    usage_date: null,
    origin_type: 'loyalty_reward',
    ...overrides,
  })
}

export function buildCustomer(overrides: Partial<Customer> = {}): Customer {
  return CustomerSchema.parse({
    id: MARIA.id,
    full_name: MARIA.name,
    email: 'maria.santos@example.com',
    phone: '+5511987654321',
    points_balance: 1250,
    points_earned: 1650,
    points_spent: 400,
    tier: 'silver',
    ...overrides,
  })
}

export function validateBody(coupon: Coupon, remaining: number) {
  return ValidateResponseSchema.parse({
    customer_id: coupon.customer_id,
    coupon_code: coupon.coupon_code,
    status: 'validated',
    remaining_usages: remaining,
    total_usages_allowed: coupon.total_usages_allowed,
    validated_at: new Date().toISOString(),
    new_balance: 1250,
    new_z_balance: '0.000000',
  })
}

export function problem(status: number, slug: string, detail: string) {
  return HttpResponse.json(
    { type: `${PROBLEM_TYPE_BASE}${slug}`, title: slug, status, detail },
    { status, headers: { 'Content-Type': 'application/problem+json' } },
  )
}

/** `{results}` (root shape) list body. */
export const listBody = (items: Coupon[], next: string | null = null) => ({
  count: items.length,
  next,
  previous: null,
  results: items,
})

/** A lookup handler that serves whatever `current()` says the coupon is now. */
export function lookupHandler(current: () => Coupon | null | 'fail', seen: URL[] = []) {
  return endpointHandler(couponEndpoints.issued, ({ request }) => {
    const url = new URL(request.url)
    seen.push(url)
    const coupon = current()
    if (coupon === 'fail') return HttpResponse.error()
    return HttpResponse.json(listBody(coupon === null ? [] : [coupon]))
  })
}

export const OTP_TOKEN = 'otp-session-token-0001'

/** Stands in for the OTP dialog (helper A's feature): it names the customer and verifies on a tap. */
export function FakeOtpStep({ customer, onVerified, onCancel }: OtpStepProps) {
  return (
    <div role="dialog" aria-label="Verify customer">
      <p>
        {customer.name} · {customer.phone}
      </p>
      <button
        type="button"
        onClick={() => {
          onVerified({ token: OTP_TOKEN, expiresAt: Date.now() + 30 * 60_000 })
        }}
      >
        Verify
      </button>
      <button type="button" onClick={onCancel}>
        Cancel verification
      </button>
    </div>
  )
}

/** Renders `element` at `url` under a memory router and the fake OTP step. */
export function renderAt(
  pattern: string,
  url: string,
  element: ReactElement,
  options: ProviderOptions = {},
) {
  const placeholders = [
    { path: '/customers/:customerId', element: <p>Customer page</p> },
    { path: '/coupons/:code', element: <p>Coupon page</p> },
  ].filter((route) => route.path !== pattern)
  const router = createMemoryRouter(
    [
      { path: pattern, element: <OtpGateProvider Step={FakeOtpStep}>{element}</OtpGateProvider> },
      ...placeholders,
    ],
    { initialEntries: [url] },
  )
  return { ...renderWithProviders(<RouterProvider router={router} />, options), router }
}
