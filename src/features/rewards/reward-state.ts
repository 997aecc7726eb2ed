import type { Reward } from '../../../contract/rewards'

export type RewardState =
  | { kind: 'affordable'; cost: number }
  | { kind: 'needs-points'; cost: number; missing: number }
  | { kind: 'already-redeemed'; cost: number }
  | { kind: 'unavailable'; cost: number }

/** Marketing rewards are free and limited to one per customer (api-notes §6). */
function isOncePerCustomer(reward: Reward): boolean {
  // Without `origin_type` we cannot tell a one-off from a repeatable reward; `already_redeemed`
  // then counts as the limit, so Redeem is never offered where Zupy may refuse it.
  return reward.origin_type === undefined || reward.origin_type === 'marketing'
}

/** What a redeem would cost: marketing rewards are free whatever `points_required` says. */
export function rewardCost(reward: Reward): number {
  return reward.origin_type === 'marketing' ? 0 : reward.points_required
}

/**
 * Whether the customer can redeem `reward` now and, if not, why, in the order a cashier would
 * explain it: off the menu, then already had it, then not enough points.
 */
export function rewardState(reward: Reward, balance: number): RewardState {
  const cost = rewardCost(reward)
  if (!reward.is_available) return { kind: 'unavailable', cost }
  if (reward.already_redeemed && isOncePerCustomer(reward))
    return { kind: 'already-redeemed', cost }
  if (balance < cost) return { kind: 'needs-points', cost, missing: cost - balance }
  return { kind: 'affordable', cost }
}
