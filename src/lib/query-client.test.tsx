import { onlineManager, QueryClientProvider, useMutation, useQuery } from '@tanstack/react-query'
import { renderHook, waitFor } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import type { ReactNode } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { PROBLEM_TYPE_BASE } from '../../contract/problem-body'
import { server } from '../testing/msw-server'
import { ApiError, getJson, request } from './api-client'
import { createQueryClient, MAX_QUERY_RETRIES, shouldRetryQuery } from './query-client'

const path = '/api/v2/rewards/'

/** Answers every request to `path` with `status` and counts them. */
function countingHandler(method: 'get' | 'post', status: number) {
  const counter = { requests: 0 }
  server.use(
    http[method](path, () => {
      counter.requests += 1
      return HttpResponse.json(
        { type: `${PROBLEM_TYPE_BASE}x`, title: 'x', status },
        { status, headers: { 'Content-Type': 'application/problem+json' } },
      )
    }),
  )
  return counter
}

function wrapper() {
  const client = createQueryClient({ retryDelay: () => 1 })
  return ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>{children}</QueryClientProvider>
  )
}

function useRewards() {
  return useQuery({
    queryKey: ['rewards'],
    queryFn: ({ signal }) => getJson(path, z.unknown(), { signal }),
  })
}

describe('createQueryClient retry policy', () => {
  it('does not retry a query that failed with a 4xx', async () => {
    const counter = countingHandler('get', 404)
    const { result } = renderHook(useRewards, { wrapper: wrapper() })
    await waitFor(() => {
      expect(result.current.isError).toBe(true)
    })
    expect(result.current.error).toMatchObject({ kind: 'http', status: 404 })
    expect(counter.requests).toBe(1)
  })

  it(`retries a query that failed with a 503, ${MAX_QUERY_RETRIES} times`, async () => {
    const counter = countingHandler('get', 503)
    const { result } = renderHook(useRewards, { wrapper: wrapper() })
    await waitFor(() => {
      expect(result.current.isError).toBe(true)
    })
    expect(counter.requests).toBe(1 + MAX_QUERY_RETRIES)
  })

  it('retries a network failure, then succeeds', async () => {
    let requests = 0
    server.use(
      http.get(path, () => {
        requests += 1
        return requests === 1 ? HttpResponse.error() : HttpResponse.json({ ok: true })
      }),
    )
    const { result } = renderHook(useRewards, { wrapper: wrapper() })
    await waitFor(() => {
      expect(result.current.isSuccess).toBe(true)
    })
    expect(requests).toBe(2)
  })

  it('never retries a mutation, even after a 503', async () => {
    const counter = countingHandler('post', 503)
    const { result } = renderHook(
      () =>
        useMutation({
          mutationFn: () =>
            request({ path, method: 'POST', body: {}, expect: { 200: z.unknown() } }),
        }),
      { wrapper: wrapper() },
    )
    result.current.mutate()
    await waitFor(() => {
      expect(result.current.isError).toBe(true)
    })
    // Give a (wrong) retry the time it would need to show up.
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(counter.requests).toBe(1)
  })
})

describe('mutations and the network', () => {
  it('are never paused while offline to fire later, when the network returns', async () => {
    const counter = countingHandler('post', 503)
    const onLine = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false)
    try {
      const { result } = renderHook(
        () =>
          useMutation({
            mutationFn: () =>
              request({ path, method: 'POST', body: {}, expect: { 200: z.unknown() } }),
          }),
        { wrapper: wrapper() },
      )
      expect(onlineManager.isOnline()).toBe(false)
      result.current.mutate()
      await waitFor(() => {
        expect(result.current.isError).toBe(true)
      })
      expect(result.current.isPaused).toBe(false)
      expect(counter.requests).toBe(1)
      onLine.mockReturnValue(true)
      window.dispatchEvent(new Event('online'))
      expect(onlineManager.isOnline()).toBe(true)
      await new Promise((resolve) => setTimeout(resolve, 50))
      expect(counter.requests).toBe(1)
    } finally {
      onLine.mockRestore()
      window.dispatchEvent(new Event('online'))
    }
  })
})

describe('queries and the network', () => {
  it('on a page opened offline, wait paused without a request, then run when it returns', async () => {
    const counter = { requests: 0 }
    server.use(
      http.get(path, () => {
        counter.requests += 1
        return HttpResponse.json({ ok: true })
      }),
    )
    // Offline before the client exists: no offline event will ever say so.
    const onLine = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false)
    try {
      const { result } = renderHook(() => useRewards(), { wrapper: wrapper() })
      await waitFor(() => {
        expect(result.current.fetchStatus).toBe('paused')
      })
      await new Promise((resolve) => setTimeout(resolve, 50))
      expect(counter.requests).toBe(0)
      expect(result.current.isError).toBe(false)

      onLine.mockReturnValue(true)
      window.dispatchEvent(new Event('online'))
      await waitFor(() => {
        expect(result.current.data).toEqual({ ok: true })
      })
      expect(counter.requests).toBe(1)
    } finally {
      onLine.mockRestore()
      window.dispatchEvent(new Event('online'))
    }
  })

  it('pause again when the browser goes offline later', () => {
    server.use(http.get(path, () => HttpResponse.json({ ok: true })))
    const onLine = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(true)
    try {
      renderHook(() => useRewards(), { wrapper: wrapper() })
      expect(onlineManager.isOnline()).toBe(true)
      onLine.mockReturnValue(false)
      window.dispatchEvent(new Event('offline'))
      expect(onlineManager.isOnline()).toBe(false)
    } finally {
      onLine.mockRestore()
      window.dispatchEvent(new Event('online'))
    }
  })
})

describe('shouldRetryQuery', () => {
  const error = (kind: ApiError['kind'], status = 0) =>
    new ApiError({ kind, status, method: 'GET', path })

  it.each([
    ['network', 0, true],
    ['timeout', 0, true],
    ['http', 500, true],
    ['http', 504, true],
    ['http', 429, false],
    ['http', 409, false],
    ['contract', 200, false],
  ] as const)('%s %i → %s', (kind, status, retried) => {
    expect(shouldRetryQuery(0, error(kind, status))).toBe(retried)
  })

  it('stops after the last allowed retry', () => {
    expect(shouldRetryQuery(MAX_QUERY_RETRIES - 1, error('network'))).toBe(true)
    expect(shouldRetryQuery(MAX_QUERY_RETRIES, error('network'))).toBe(false)
  })

  it('does not retry errors that are not ApiError (bugs)', () => {
    expect(shouldRetryQuery(0, new TypeError('x'))).toBe(false)
  })
})
