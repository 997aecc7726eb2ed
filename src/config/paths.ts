/**
 * Route paths (for the router) and href builders (for links), in one place so a renamed route
 * cannot leave a stale link behind. Segments are URI-encoded: ids and codes come from the API.
 */
const seg = encodeURIComponent

export const paths = {
  lookup: { path: '/', href: () => '/' },
  customer: {
    path: '/customers/:customerId',
    href: (customerId: string) => `/customers/${seg(customerId)}`,
  },
  customerRewards: {
    path: '/customers/:customerId/rewards',
    href: (customerId: string) => `/customers/${seg(customerId)}/rewards`,
  },
  customerCoupons: {
    path: '/customers/:customerId/coupons',
    href: (customerId: string) => `/customers/${seg(customerId)}/coupons`,
  },
  coupon: { path: '/coupons/:code', href: (code: string) => `/coupons/${seg(code)}` },
  scan: { path: '/scan', href: () => '/scan' },
  settings: { path: '/settings', href: () => '/settings' },
  journal: { path: '/journal', href: () => '/journal' },
} as const
