import { useState } from 'react'
import { createBrowserRouter, RouterProvider, type RouteObject } from 'react-router'
import { paths } from '../config/paths'
import { RouteErrorBoundary } from './error-fallback'
import { RootLayout, ScreenLoading } from './layout'
import { loadScanRoute } from './scan-prefetch'

/**
 * Screens are lazy so later ones (the scanner above all, ~109 kB gzip) do not grow the first
 * load. The layout is eager: it is on every screen anyway.
 */
export const routes: RouteObject[] = [
  {
    path: paths.lookup.path,
    Component: RootLayout,
    // Only reached when the layout itself fails; screens fail inside the frame (below).
    ErrorBoundary: RouteErrorBoundary,
    children: [
      {
        ErrorBoundary: RouteErrorBoundary,
        HydrateFallback: ScreenLoading,
        children: [
          {
            index: true,
            lazy: async () => ({ Component: (await import('./routes/lookup')).LookupRoute }),
          },
          {
            path: paths.coupon.path,
            lazy: async () => ({ Component: (await import('./routes/coupon')).CouponRoute }),
          },
          {
            path: paths.customer.path,
            lazy: async () => ({ Component: (await import('./routes/customer')).CustomerRoute }),
            children: [
              {
                index: true,
                lazy: async () => ({
                  Component: (await import('./routes/customer-rewards')).CustomerRewardsRoute,
                }),
              },
              {
                path: paths.customerRewards.path,
                lazy: async () => ({
                  Component: (await import('./routes/customer-rewards')).CustomerRewardsRoute,
                }),
              },
              {
                path: paths.customerCoupons.path,
                lazy: async () => ({
                  Component: (await import('./routes/customer-coupons')).CustomerCouponsRoute,
                }),
              },
            ],
          },
          {
            path: paths.scan.path,
            lazy: async () => ({ Component: (await loadScanRoute()).ScanRoute }),
          },
          {
            path: paths.journal.path,
            lazy: async () => ({ Component: (await import('./routes/journal')).JournalRoute }),
          },
          {
            path: paths.settings.path,
            lazy: async () => ({ Component: (await import('./routes/settings')).SettingsRoute }),
          },
          {
            path: '*',
            lazy: async () => ({ Component: (await import('./routes/not-found')).NotFoundRoute }),
          },
        ],
      },
    ],
  },
]

export function AppRouter() {
  // One router per mount; creating it at module scope would start navigation on import.
  const [router] = useState(() => createBrowserRouter(routes))
  return <RouterProvider router={router} />
}
