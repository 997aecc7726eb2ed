import type { Query, QueryClient } from '@tanstack/react-query'

/**
 * Query roots that hold no customer data: the BFF's own /api/pos/ answers (mode, version, health,
 * the session status). Literal keys: session does not depend on the features that own those key
 * factories.
 */
const KEPT_ROOTS: readonly unknown[] = ['pos-status', 'cashier-session']

/** Whether a query's answers may be about a customer (everything but the /api/pos/ answers). */
export const isCustomerQuery = (query: Query) => !KEPT_ROOTS.includes(query.queryKey[0])

/**
 * Forgets what the server said about customers: the effect of `queryClient.clear()`, except for
 * the /api/pos/ answers. A query a screen still shows is reset rather than removed, so the screen
 * drops the data now (a removed query would stay on screen through its observer) and loads it
 * again once unlocked; nothing is fetched while locked. Mutations go too: their variables and
 * results are customers, coupons and rewards.
 */
export function forgetCustomerData(queryClient: QueryClient): void {
  const cache = queryClient.getQueryCache()
  for (const query of cache.findAll({ predicate: isCustomerQuery })) {
    if (query.getObserversCount() > 0) query.reset()
    else cache.remove(query)
  }
  queryClient.getMutationCache().clear()
}
