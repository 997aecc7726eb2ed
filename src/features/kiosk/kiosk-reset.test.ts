import { QueryClient } from '@tanstack/react-query'
import { afterEach, describe, expect, it } from 'vitest'
import { ApiError } from '../../lib/api-client'
import { holdsCustomerData, mutationsSettled } from './kiosk-reset'

const clients: QueryClient[] = []
function client() {
  const queryClient = new QueryClient()
  clients.push(queryClient)
  return queryClient
}

afterEach(() => {
  for (const queryClient of clients.splice(0)) queryClient.clear()
})

describe('holdsCustomerData', () => {
  it('is false for an empty cache and for the till’s own /api/pos/ answers', () => {
    const queryClient = client()
    expect(holdsCustomerData(queryClient)).toBe(false)
    queryClient.setQueryData(['pos-status', 'config'], { mode: 'sandbox' })
    queryClient.setQueryData(['cashier-session', 'status'], { authenticated: true })
    expect(holdsCustomerData(queryClient)).toBe(false)
  })

  it('is false for a query nobody has run yet (the lookup’s empty search)', () => {
    const queryClient = client()
    queryClient.getQueryCache().build(queryClient, { queryKey: ['customers', 'search', {}] })
    expect(holdsCustomerData(queryClient)).toBe(false)
  })

  it('is true for a customer answer or error, and for any remembered mutation', () => {
    const answered = client()
    answered.setQueryData(['customers', 'detail', 'maria01'], { full_name: 'Maria Santos' })
    expect(holdsCustomerData(answered)).toBe(true)

    const failed = client()
    failed
      .getQueryCache()
      .build(failed, { queryKey: ['coupons', 'by-code', 'CZ-1'] })
      .setState({
        status: 'error',
        error: new ApiError({
          kind: 'http',
          method: 'GET',
          path: '/api/v2/coupons/issued/',
          status: 404,
        }),
      })
    expect(holdsCustomerData(failed)).toBe(true)

    const mutated = client()
    mutated.getMutationCache().build(mutated, { mutationFn: () => Promise.resolve() })
    expect(holdsCustomerData(mutated)).toBe(true)
  })

  it('leaves the cache it looked at untouched', () => {
    const queryClient = client()
    queryClient.setQueryData(['customers', 'detail', 'maria01'], { full_name: 'Maria Santos' })
    holdsCustomerData(queryClient)
    expect(queryClient.getQueryData(['customers', 'detail', 'maria01'])).toEqual({
      full_name: 'Maria Santos',
    })
  })
})

describe('mutationsSettled', () => {
  it('resolves at once with nothing in flight, else when the last one ends', async () => {
    const queryClient = client()
    await mutationsSettled(queryClient)

    let finish: () => void = () => undefined
    const inFlight = new Promise<void>((resolve) => {
      finish = resolve
    })
    void queryClient
      .getMutationCache()
      .build(queryClient, { mutationFn: () => inFlight })
      .execute(undefined)
    let settled = false
    const waiting = mutationsSettled(queryClient).then(() => {
      settled = true
    })
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(settled).toBe(false)
    finish()
    await waiting
    expect(queryClient.isMutating()).toBe(0)
  })
})
