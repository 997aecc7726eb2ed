import { act, screen, waitFor, within } from '@testing-library/react'
import { HttpResponse } from 'msw'
import { createMemoryRouter, RouterProvider, useParams } from 'react-router'
import { describe, expect, it } from 'vitest'
import { PROBLEM_TYPE_BASE } from '../../../contract/problem-body'
import { server } from '../../testing/msw-server'
import { renderWithProviders } from '../../testing/render-with-providers'
import { CustomerSearch } from './customer-search'
import { buildCustomerListItem, customerPage } from './testing'
import { endpointHandler } from '../../testing/endpoint-handler'
import { customerEndpoints } from '../../../contract/endpoints/customers'

const maria = buildCustomerListItem()
const joao = buildCustomerListItem({
  id: 'joao01',
  full_name: 'João Silva',
  phone: '+5521998765432',
  tier: 'gold',
  points_balance: 5000,
})
const carla = buildCustomerListItem({
  id: 'carla01',
  full_name: 'Carla Silva',
  phone: '+5511976543210',
  tier: 'gold',
  points_balance: 2100,
})

function CustomerStub() {
  const { customerId } = useParams()
  return <h1>Customer {customerId}</h1>
}

function CouponStub() {
  const { code } = useParams()
  return <h1>Coupon {code}</h1>
}

/** The search at `/`, and stand-in customer and coupon screens to land on. */
function renderSearch(url = '/', language: 'en' | 'pt-BR' = 'en') {
  const router = createMemoryRouter(
    [
      { path: '/', element: <CustomerSearch /> },
      { path: '/customers/:customerId', element: <CustomerStub /> },
      { path: '/coupons/:code', element: <CouponStub /> },
    ],
    { initialEntries: [url] },
  )
  const rendered = renderWithProviders(<RouterProvider router={router} />, { language })
  return { ...rendered, router }
}

/** Answers `GET /customers/` from `pick(params)` and records every query string. */
function customersApi(pick: (params: URLSearchParams) => (typeof maria)[]) {
  const queries: URLSearchParams[] = []
  server.use(
    endpointHandler(customerEndpoints.search, ({ request }) => {
      const params = new URL(request.url).searchParams
      queries.push(params)
      return HttpResponse.json(customerPage(pick(params)))
    }),
  )
  return queries
}

const field = () => screen.getByRole('searchbox', { name: 'Search customer' })

describe('CustomerSearch', () => {
  it.each([
    ['(11) 98765-4321', 'phone', '11987654321'],
    ['11987654321', 'phone', '11987654321'],
    ['+55 11 98765-4321', 'phone', '11987654321'],
    ['maria.santos@example.com', 'email', 'maria.santos@example.com'],
    ['zp-maria01', 'card_code', 'ZP-MARIA01'],
  ])('%j searches by %s and opens the single match', async (input, key, value) => {
    const queries = customersApi(() => [maria])
    const { user, router } = renderSearch()
    await user.type(field(), `${input}{Enter}`)

    expect(await screen.findByRole('heading', { name: 'Customer maria01' })).toBeInTheDocument()
    expect(router.state.location.pathname).toBe('/customers/maria01')
    expect(queries.at(-1)?.get(key)).toBe(value)
    expect([...(queries.at(-1)?.keys() ?? [])].sort()).toEqual([key, 'page_size'].sort())
  })

  it('a coupon code typed into the search opens its verdict and searches no customer', async () => {
    const queries = customersApi(() => [maria])
    const { user, router } = renderSearch()
    await user.type(field(), 'cz-7k3m9p2q{Enter}')

    expect(await screen.findByRole('heading', { name: 'Coupon CZ-7K3M9P2Q' })).toBeInTheDocument()
    expect(router.state.location.pathname).toBe('/coupons/CZ-7K3M9P2Q')
    expect(queries).toHaveLength(0)
  })

  it('lists several matches with masked phone, tier and points, and keeps the query in the URL', async () => {
    const queries = customersApi(() => [joao, carla])
    const { user, router } = renderSearch()
    await user.type(field(), 'silva{Enter}')

    const results = await screen.findByRole('region', { name: '2 customers found' })
    expect(queries.at(-1)?.get('name')).toBe('silva')
    expect(router.state.location.search).toBe('?q=silva')
    const links = within(results).getAllByRole('link')
    expect(links).toHaveLength(2)
    expect(links[0]).toHaveTextContent('João Silva')
    expect(links[0]).toHaveTextContent('(21) •••••-5432')
    expect(links[0]).toHaveTextContent('Gold')
    expect(links[0]).toHaveTextContent('5,000 points')
    expect(links[0]).toHaveAttribute('href', '/customers/joao01')
    expect(links[0]).not.toHaveTextContent('99876')
  })

  it('says when nobody matches and keeps the query in the field', async () => {
    customersApi(() => [])
    const { user } = renderSearch()
    await user.type(field(), 'Zacarias{Enter}')
    expect(await screen.findByText('No customer found for “Zacarias”.')).toBeInTheDocument()
    expect(field()).toHaveValue('Zacarias')
  })

  it('Back from the customer restores the query and lists the match instead of bouncing', async () => {
    customersApi(() => [maria])
    const { user, router } = renderSearch()
    await user.type(field(), 'Maria{Enter}')
    await screen.findByRole('heading', { name: 'Customer maria01' })

    await act(() => router.navigate(-1))
    expect(router.state.location.search).toBe('?q=Maria')
    expect(await screen.findByRole('region', { name: '1 customer found' })).toBeInTheDocument()
    expect(field()).toHaveValue('Maria')
    // Give a wrong auto-open every chance to happen.
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(router.state.location.pathname).toBe('/')
  })

  it('a deep link with ?q= searches without jumping', async () => {
    customersApi(() => [maria])
    renderSearch('/?q=ZP-MARIA01', 'pt-BR')
    const results = await screen.findByRole('region', { name: '1 cliente encontrado' })
    expect(within(results).getByRole('link')).toHaveTextContent('1.250 pontos')
    expect(screen.getByRole('searchbox', { name: 'Buscar cliente' })).toHaveValue('ZP-MARIA01')
  })

  it('asks for more than one letter and sends nothing', async () => {
    const queries = customersApi(() => [maria])
    const { user } = renderSearch()
    await user.type(field(), 'a{Enter}')
    expect(
      await screen.findByText(
        'Type a phone, an e-mail, a ZP- card or at least 2 letters of the name.',
      ),
    ).toBeInTheDocument()
    expect(queries).toHaveLength(0)
  })

  it('shows a failed search with a retry, never the raw body', async () => {
    let calls = 0
    server.use(
      endpointHandler(customerEndpoints.search, () => {
        calls += 1
        if (calls === 1) {
          return HttpResponse.json(
            {
              type: `${PROBLEM_TYPE_BASE}upstream-error`,
              title: 'Bad Gateway',
              status: 502,
              detail: 'upstream said 500',
            },
            { status: 502 },
          )
        }
        return HttpResponse.json(customerPage([joao, carla]))
      }),
    )
    const { user } = renderSearch()
    await user.type(field(), 'silva{Enter}')
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('Zupy is not responding right now')
    expect(document.body).not.toHaveTextContent('upstream said 500')
    await user.click(within(alert).getByRole('button', { name: 'Retry' }))
    expect(await screen.findByRole('region', { name: '2 customers found' })).toBeInTheDocument()
    await waitFor(() => {
      expect(calls).toBe(2)
    })
  })
})
