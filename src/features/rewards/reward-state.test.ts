import { describe, expect, it } from 'vitest'
import { rewardState } from './reward-state'
import { buildReward } from './testing'

describe('rewardState', () => {
  it('is affordable when the balance covers the cost', () => {
    expect(rewardState(buildReward({ points_required: 100 }), 100)).toEqual({
      kind: 'affordable',
      cost: 100,
    })
  })

  it('says how many points are missing', () => {
    expect(rewardState(buildReward({ points_required: 1500 }), 1250)).toEqual({
      kind: 'needs-points',
      cost: 1500,
      missing: 250,
    })
  })

  it('puts unavailable before everything else', () => {
    const reward = buildReward({
      is_available: false,
      already_redeemed: true,
      points_required: 9999,
    })
    expect(rewardState(reward, 0).kind).toBe('unavailable')
  })

  it('blocks a marketing reward the customer already has (one per customer)', () => {
    const reward = buildReward({
      origin_type: 'marketing',
      points_required: 0,
      already_redeemed: true,
    })
    expect(rewardState(reward, 5000)).toEqual({ kind: 'already-redeemed', cost: 0 })
  })

  it('lets a points reward be redeemed again', () => {
    const reward = buildReward({ origin_type: 'loyalty_reward', already_redeemed: true })
    expect(rewardState(reward, 5000).kind).toBe('affordable')
  })

  it('counts a marketing reward as free whatever points_required says', () => {
    const reward = buildReward({ origin_type: 'marketing', points_required: 50 })
    expect(rewardState(reward, 0)).toEqual({ kind: 'affordable', cost: 0 })
  })

  it('treats already_redeemed as the limit when the origin is not given', () => {
    const reward = buildReward({ origin_type: undefined, already_redeemed: true })
    expect(rewardState(reward, 5000).kind).toBe('already-redeemed')
  })
})
