import type { Query, QueryClient } from '@tanstack/react-query'
import { isCustomerQuery } from '../session'

/** A query that has been asked something: a disabled search that never ran holds nothing. */
const holdsAnswer = (query: Query) =>
  query.state.data !== undefined || query.state.error !== null || query.state.fetchStatus !== 'idle'

/** Whether `forgetCustomerData` would forget anything now. */
export function holdsCustomerData(queryClient: QueryClient): boolean {
  if (queryClient.getMutationCache().getAll().length > 0) return true
  const held = queryClient
    .getQueryCache()
    .findAll({ predicate: (query) => isCustomerQuery(query) && holdsAnswer(query) })
  return held.length > 0
}

/**
 * Resolves once no mutation is pending: a redeem or validate in flight ends (and is shown, and
 * its lists refreshed) before the customer is forgotten, never cut off halfway.
 */
export function mutationsSettled(queryClient: QueryClient): Promise<void> {
  if (queryClient.isMutating() === 0) return Promise.resolve()
  return new Promise((resolve) => {
    const unsubscribe = queryClient.getMutationCache().subscribe(() => {
      if (queryClient.isMutating() > 0) return
      unsubscribe()
      resolve()
    })
  })
}
