import { QueryClient } from '@tanstack/react-query'
import { isTransientError, type ApiError } from './api-client'
import { followBrowserOnlineState } from './online'

declare module '@tanstack/react-query' {
  interface Register {
    // True because every query and mutation goes through request(), which throws only ApiError.
    defaultError: ApiError
  }
}

/** A failed query is tried at most this many more times. */
export const MAX_QUERY_RETRIES = 2

/** React Query's `retry` for queries: `failureCount` is 0 after the first failure. */
export function shouldRetryQuery(failureCount: number, error: unknown): boolean {
  return failureCount < MAX_QUERY_RETRIES && isTransientError(error)
}

export interface QueryClientOptions {
  /** Delay before retry n (0-based); tests shorten it. */
  retryDelay?: (failureCount: number) => number
}

const defaultRetryDelay = (failureCount: number) => Math.min(1000 * 2 ** failureCount, 8000)

export function createQueryClient(options: QueryClientOptions = {}): QueryClient {
  followBrowserOnlineState()
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: shouldRetryQuery,
        retryDelay: options.retryDelay ?? defaultRetryDelay,
        staleTime: 30_000,
        // A till is not a dashboard: focusing the window must not reshuffle the screen.
        refetchOnWindowFocus: false,
      },
      mutations: {
        // Redeeming a reward or validating a coupon spends something; a blind repeat could spend
        // twice or answer "already used" about this till's own success (reliability.md §1.4).
        retry: 0,
        // React Query's default 'online' mode pauses a mutation while offline and fires it when the
        // network returns: a validate could land minutes later, after the customer has left
        // (reliability.md §5). 'always' runs it now; offline it fails at once as a network error.
        networkMode: 'always',
      },
    },
  })
}
