import { screen, within } from '@testing-library/react'
import { HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import type { Coupon } from '../../../contract/coupons'
import { server } from '../../testing/msw-server'
import { CustomerCoupons } from './customer-coupons'
import { buildCoupon, listBody, MARIA, problem, renderAt } from './test-fixtures'
import { endpointHandler } from '../../testing/endpoint-handler'
import { couponEndpoints } from '../../../contract/endpoints/coupons'

const DAY = 24 * 3_600_000

const seeded: Coupon[] = [
  buildCoupon({ id: 'a1', coupon_code: 'CZ-7K3M9P2Q' }),
  buildCoupon({
    id: 'a2',
    coupon_code: 'CZ-4H8N2W6R',
    reward_name: 'Combo família',
    remaining_usages: 2,
    total_usages_allowed: 3,
  }),
  buildCoupon({
    id: 'u1',
    coupon_code: 'CZ-9T5B3X7L',
    reward_name: 'Café expresso',
    status: 'used',
    remaining_usages: 0,
    usage_date: new Date(Date.now() - DAY).toISOString(),
  }),
  buildCoupon({
    id: 'e1',
    coupon_code: 'CZ-2F6J8D4V',
    reward_name: 'Desconto de 10%',
    status: 'expired',
    valid_until: new Date(Date.now() - 3 * DAY).toISOString(),
  }),
]

/** Filters like Zupy: by customer_id and status; records every query it was asked. */
function couponsApi() {
  const seen: URLSearchParams[] = []
  const answer = (request: Request) => {
    const params = new URL(request.url).searchParams
    seen.push(params)
    const status = params.get('status')
    const items = seeded.filter(
      (c) =>
        c.customer_id === params.get('customer_id') && (status === null || c.status === status),
    )
    return HttpResponse.json(listBody(items))
  }
  return {
    seen,
    answer,
    handler: endpointHandler(couponEndpoints.issued, ({ request }) => answer(request)),
  }
}

const renderList = (url = `/customers/${MARIA.id}/coupons`, language: 'en' | 'pt-BR' = 'en') =>
  renderAt('/customers/:customerId/coupons', url, <CustomerCoupons customerId={MARIA.id} />, {
    language,
  })

describe('CustomerCoupons', () => {
  it('lists the active coupons by default with code, reward, validity, uses left and a Use link', async () => {
    const api = couponsApi()
    server.use(api.handler)
    renderList()

    const list = await screen.findByRole('list')
    const items = within(list).getAllByRole('listitem')
    expect(items).toHaveLength(2)
    expect(screen.getByRole('radio', { name: 'Active' })).toBeChecked()
    expect(api.seen[0]?.get('customer_id')).toBe(MARIA.id)
    expect(api.seen[0]?.get('status')).toBe('active')

    const combo = items[1]
    expect(combo).toHaveTextContent('CZ-4H8N2W6R')
    expect(combo).toHaveTextContent('Combo família')
    expect(combo).toHaveTextContent(/Uses left\s*2 of 3/)
    expect(combo).toHaveTextContent(/Valid until\s*in 25 days \(/)
    expect(within(list).getByRole('link', { name: 'Use coupon CZ-4H8N2W6R' })).toHaveAttribute(
      'href',
      '/coupons/CZ-4H8N2W6R',
    )
  })

  it('filters by status through the radio group, showing used-at for used coupons', async () => {
    const api = couponsApi()
    server.use(api.handler)
    const { user, router } = renderList()
    await screen.findByRole('list')

    await user.click(screen.getByRole('radio', { name: 'Used' }))
    expect(await screen.findByText('Café expresso')).toBeInTheDocument()
    expect(screen.getByRole('radio', { name: 'Used' })).toBeChecked()
    const item = screen.getByRole('listitem')
    expect(item).toHaveTextContent(/Used\s*yesterday/)
    expect(within(item).getByRole('link', { name: 'View coupon CZ-9T5B3X7L' })).toBeInTheDocument()
    expect(api.seen.at(-1)?.get('status')).toBe('used')
    // The choice is in the URL, so Back from a coupon returns to the same list.
    expect(router.state.location.search).toBe('?status=used')

    await user.click(screen.getByRole('radio', { name: 'All' }))
    await expect.poll(() => screen.queryAllByRole('listitem')).toHaveLength(4)
    expect(api.seen.at(-1)?.has('status')).toBe(false)
  })

  it('opens on the filter in the URL and says so when nothing matches', async () => {
    const api = couponsApi()
    server.use(api.handler)
    renderList(`/customers/${MARIA.id}/coupons?status=cancelled`)
    expect(await screen.findByText('No cancelled coupons.')).toBeInTheDocument()
    expect(screen.getByRole('radio', { name: 'Cancelled' })).toBeChecked()
    expect(api.seen[0]?.get('status')).toBe('cancelled')
  })

  it('speaks pt-BR, with locale numbers and dates', async () => {
    server.use(couponsApi().handler)
    renderList(`/customers/${MARIA.id}/coupons`, 'pt-BR')
    const list = await screen.findByRole('list')
    expect(screen.getByRole('radio', { name: 'Ativos' })).toBeChecked()
    expect(screen.getByRole('group', { name: 'Mostrar cupons' })).toBeInTheDocument()
    expect(list).toHaveTextContent(/Usos restantes\s*2 de 3/)
    expect(list).toHaveTextContent(/Válido até\s*em 25 dias/)
    expect(within(list).getByRole('link', { name: 'Usar cupom CZ-4H8N2W6R' })).toBeInTheDocument()
  })

  it('shows a read error with Retry, and Retry loads the list', async () => {
    let fail = true
    const api = couponsApi()
    server.use(
      endpointHandler(couponEndpoints.issued, ({ request }) =>
        fail ? problem(502, 'upstream-error', 'connection reset') : api.answer(request),
      ),
    )
    const { user } = renderList()
    expect(await screen.findByRole('alert')).toHaveTextContent('Zupy is not responding')
    fail = false
    await user.click(screen.getByRole('button', { name: 'Retry' }))
    expect(await screen.findAllByRole('listitem')).toHaveLength(2)
  })

  it('pages on with the cursor from the last page', async () => {
    const cursors: (string | null)[] = []
    server.use(
      endpointHandler(couponEndpoints.issued, ({ request }) => {
        const cursor = new URL(request.url).searchParams.get('cursor')
        cursors.push(cursor)
        return cursor === null
          ? HttpResponse.json(
              listBody([seeded[0] as Coupon], '/api/v2/coupons/issued/?cursor=page2'),
            )
          : HttpResponse.json(listBody([seeded[1] as Coupon]))
      }),
    )
    const { user } = renderList()
    expect(await screen.findAllByRole('listitem')).toHaveLength(1)
    await user.click(screen.getByRole('button', { name: 'Show more' }))
    await expect.poll(() => screen.queryAllByRole('listitem')).toHaveLength(2)
    expect(cursors).toEqual([null, 'page2'])
    expect(screen.queryByRole('button', { name: 'Show more' })).not.toBeInTheDocument()
  })
})
