import { act, screen, waitFor, within } from '@testing-library/react'
import { HttpResponse } from 'msw'
import { createMemoryRouter, RouterProvider } from 'react-router'
import { afterEach, describe, expect, it } from 'vitest'
import type { Customer } from '../../../contract/customers'
import { PROBLEM_TYPE_BASE } from '../../../contract/problem-body'
import { buildCustomer } from '../../features/customers/testing'
import { buildRedeemAnswer, buildReward } from '../../features/rewards/testing'
import { forgetOtpSessions, getOtpSession, saveOtpSession } from '../../features/otp/otp-sessions'
import { server } from '../../testing/msw-server'
import { renderWithProviders } from '../../testing/render-with-providers'
import { routes } from '../router'
import { endpointHandler } from '../../testing/endpoint-handler'
import { couponEndpoints } from '../../../contract/endpoints/coupons'
import { customerEndpoints } from '../../../contract/endpoints/customers'
import { rewardEndpoints } from '../../../contract/endpoints/rewards'

const maria = buildCustomer()
const joao = buildCustomer({
  id: 'joao01',
  full_name: 'João Silva',
  phone: '+5521998765432',
  tier: 'gold',
  points_balance: 5000,
})

const emptyPage = { count: 0, next: null, previous: null, results: [] }

/** Customers from `people` (current values read on every request), an empty catalog and coupon list. */
function api(people: () => Customer[]) {
  server.use(
    endpointHandler(customerEndpoints.get, ({ params }) => {
      const found = people().find((person) => person.id === params.id)
      return found
        ? HttpResponse.json(found)
        : HttpResponse.json(
            {
              type: `${PROBLEM_TYPE_BASE}not-found`,
              title: 'Not Found',
              status: 404,
              detail: 'Cliente não encontrado.',
            },
            { status: 404 },
          )
    }),
    endpointHandler(rewardEndpoints.list, () => HttpResponse.json(emptyPage)),
    endpointHandler(couponEndpoints.issued, () => HttpResponse.json(emptyPage)),
    endpointHandler(customerEndpoints.search, () => HttpResponse.json(emptyPage)),
  )
}

function renderAt(url: string, language: 'en' | 'pt-BR' = 'en') {
  const router = createMemoryRouter(routes, { initialEntries: [url] })
  const rendered = renderWithProviders(<RouterProvider router={router} />, { language })
  return { ...rendered, router }
}

const tabs = () => screen.getByRole('navigation', { name: 'Customer sections' })

describe('customer page', () => {
  afterEach(() => {
    forgetOtpSessions()
  })

  it('shows the header and opens on the Rewards tab', async () => {
    api(() => [maria])
    renderAt('/customers/maria01')
    expect(await screen.findByRole('heading', { level: 1, name: 'Maria Santos' })).toBeVisible()
    expect(screen.getByText('(11) •••••-4321')).toBeInTheDocument()
    expect(screen.getByText('Silver')).toBeInTheDocument()
    expect(screen.getByRole('status', { name: 'Balance' })).toHaveTextContent('1,250 points')
    expect(document.body).not.toHaveTextContent('98765')
    expect(within(tabs()).getByRole('link', { name: 'Rewards' })).toHaveAttribute(
      'aria-current',
      'page',
    )
    expect(await screen.findByRole('region', { name: 'Rewards' })).toBeInTheDocument()
  })

  it('has the tabs as real links with their own addresses', async () => {
    api(() => [maria])
    const { user, router } = renderAt('/customers/maria01/rewards', 'pt-BR')
    await screen.findByRole('heading', { level: 1, name: 'Maria Santos' })
    const nav = screen.getByRole('navigation', { name: 'Seções do cliente' })
    expect(within(nav).getByRole('link', { name: 'Prêmios' })).toHaveAttribute(
      'aria-current',
      'page',
    )
    await user.click(within(nav).getByRole('link', { name: 'Cupons' }))
    await waitFor(() => {
      expect(router.state.location.pathname).toBe('/customers/maria01/coupons')
    })
    await waitFor(() => {
      expect(within(nav).getByRole('link', { name: 'Cupons' })).toHaveAttribute(
        'aria-current',
        'page',
      )
    })
    expect(within(nav).getByRole('link', { name: 'Prêmios' })).not.toHaveAttribute('aria-current')
    expect(screen.getByRole('status', { name: 'Saldo' })).toHaveTextContent('1.250 pontos')
  })

  it('says "Customer not found" for a 404, with a way back', async () => {
    api(() => [maria])
    const { user, router } = renderAt('/customers/nobody99')
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Customer not found' }),
    ).toBeInTheDocument()
    await user.click(screen.getByRole('link', { name: 'Back to search' }))
    await waitFor(() => {
      expect(router.state.location.pathname).toBe('/')
    })
  })

  it('shows the OTP session timer while the customer is verified', async () => {
    saveOtpSession('maria01', 'zs_token_123', Date.now() + 28 * 60_000 + 41_000)
    api(() => [maria])
    renderAt('/customers/maria01')
    expect(await screen.findByRole('timer')).toHaveTextContent(/^✓Verified · 28:4\d left$/)
  })

  it('forgets the OTP session when the cashier leaves for the lookup or another customer', async () => {
    api(() => [maria, joao])
    saveOtpSession('maria01', 'zs_token_123', Date.now() + 60_000)
    const { router } = renderAt('/customers/maria01')
    await screen.findByRole('timer')

    // Its own tabs and the coupon screen keep it.
    await act(() => router.navigate('/customers/maria01/coupons'))
    expect(getOtpSession('maria01')).not.toBeNull()

    await act(() => router.navigate('/customers/joao01'))
    await screen.findByRole('heading', { level: 1, name: 'João Silva' })
    expect(getOtpSession('maria01')).toBeNull()
    expect(screen.queryByRole('timer')).not.toBeInTheDocument()

    saveOtpSession('joao01', 'zs_token_456', Date.now() + 60_000)
    await act(() => router.navigate('/'))
    await screen.findByRole('heading', { level: 1, name: 'Find a customer' })
    expect(getOtpSession('joao01')).toBeNull()
  })

  it('refreshes the balance in the header after a redeem', async () => {
    let current = maria
    api(() => [current])
    server.use(
      endpointHandler(rewardEndpoints.list, () =>
        HttpResponse.json({ count: 1, next: null, previous: null, results: [buildReward()] }),
      ),
      endpointHandler(rewardEndpoints.redeem, () => {
        current = { ...maria, points_balance: 1150, points_spent: 450 }
        return HttpResponse.json(buildRedeemAnswer())
      }),
    )
    saveOtpSession('maria01', 'zs_token_123', Date.now() + 60_000)
    const { user } = renderAt('/customers/maria01')
    const balance = await screen.findByRole('status', { name: 'Balance' })
    expect(balance).toHaveTextContent('1,250 points')

    const cafe = await screen.findByRole('article', { name: 'Café expresso' })
    await user.click(within(cafe).getByRole('button', { name: 'Redeem' }))
    await user.click(screen.getByRole('button', { name: 'Confirm redeem' }))
    await screen.findByRole('dialog', { name: 'Redeemed' })
    await waitFor(() => {
      expect(screen.getByRole('status', { name: 'Balance' })).toHaveTextContent('1,150 points')
    })
  })
})
