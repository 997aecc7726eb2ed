import type { EndpointDef } from './endpoint'
import { couponEndpoints } from './endpoints/coupons'
import { customerEndpoints } from './endpoints/customers'
import { otpEndpoints } from './endpoints/otp'
import { rewardEndpoints } from './endpoints/rewards'

/**
 * The endpoint registry: every Zupy call the product makes, one entry each (method, path and its
 * parameters, query keys, body, and which statuses are answers). The entries live in one file per
 * area so the SPA's first load takes only the customers ones (zod/mini); the other areas' schemas
 * are classic zod and stay in lazy chunks. Adding a call: one entry here, its sandbox handler,
 * its SPA call site (docs/decisions/008-endpoint-registry.md).
 */
export { couponEndpoints, customerEndpoints, otpEndpoints, rewardEndpoints }

export const ENDPOINTS: readonly EndpointDef[] = [
  ...Object.values(customerEndpoints),
  ...Object.values(rewardEndpoints),
  ...Object.values(couponEndpoints),
  ...Object.values(otpEndpoints),
]

type NameOf<Area> = Area[keyof Area] extends { name: infer N } ? N : never

/** `customers.search`, `coupons.validate`…: what per-endpoint settings elsewhere are keyed by. */
export type EndpointName =
  | NameOf<typeof customerEndpoints>
  | NameOf<typeof rewardEndpoints>
  | NameOf<typeof couponEndpoints>
  | NameOf<typeof otpEndpoints>
