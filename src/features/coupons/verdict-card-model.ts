import type { Coupon } from '../../../contract/coupons'
import { assertNever } from '../../lib/assert-never'
import type { CouponVerdict } from '../../lib/verdicts'
import type { UnknownUse, ValidateOutcome } from './validate'
import { couponState, type CouponState } from './verdict'
import type { VerdictIconKind, VerdictTone } from './verdict-card'

/** What a coupon card is about: a code that is no coupon code, a code Zupy does not know, or a coupon. */
export type VerdictState =
  | { kind: 'invalid'; raw: string }
  | { kind: 'missing'; code: string }
  /** `outcome` is how the last tap ended (null before any); `now` decides expiry. */
  | { kind: 'coupon'; coupon: Coupon; outcome: ValidateOutcome | null; now: number }

/** One row of the card's details; the screen formats times and numbers. */
export type VerdictDetail =
  | { kind: 'reward'; name: string }
  | { kind: 'customer'; name: string; customerId: string }
  | { kind: 'valid-until' | 'expired-at' | 'used-at' | 'validated-at'; at: string }
  | { kind: 'uses-left'; left: number; total: number }

/**
 * The card's one button: use `coupon` (one POST), or check the `unknown` outcome again (a read, no
 * POST; the outcome carries what the check needs: the coupon before the tap, the lost request id).
 */
export type VerdictAction =
  | { kind: 'use'; label: 'use' | 'useAgain' | 'tryAgain'; coupon: Coupon }
  | { kind: 'check'; label: 'checkAgain'; unknown: UnknownUse }

/**
 * What a use slip prints (issue 13): the store's proof that this till used the coupon. Only a use
 * Zupy answered for, with its own time; the till's name is the server's, added by the screen.
 */
export interface VerdictSlip {
  code: string
  rewardName: string
  usedAt: string
}

/** A body text under `coupons.body`: one per verdict, and one for a 404 on validate. */
export type VerdictBodyKey = CouponVerdict | 'not-found-for-customer'

export interface VerdictCardModel {
  verdict: CouponVerdict
  tone: VerdictTone
  icon: VerdictIconKind
  /** A filled band, for the moment the cashier acts on (Validated, Confirmed). */
  solid: boolean
  /** The code on the card, as read (an invalid one is shown as typed). */
  code: string
  /** `coupons.verdict.<titleKey>`. */
  titleKey: CouponVerdict
  /** `coupons.body.<bodyKey>`, with `bodyValues` interpolated. */
  bodyKey: VerdictBodyKey
  bodyValues: { code?: string; status?: string }
  details: VerdictDetail[]
  action: VerdictAction | null
  /** "Print slip": set only after a validate that answered Validated. */
  slip: VerdictSlip | null
  /** A note under the details: why the tap did not use the coupon (`coupons.<notice>`). */
  notice: 'otpCancelled' | 'otpRefused' | null
}

const LOOKS: Record<CouponVerdict, Pick<VerdictCardModel, 'tone' | 'icon' | 'solid'>> = {
  active: { tone: 'ok', icon: 'ok', solid: false },
  validated: { tone: 'ok', icon: 'ok', solid: true },
  confirmed: { tone: 'ok', icon: 'ok', solid: true },
  'already-used': { tone: 'bad', icon: 'bad', solid: false },
  expired: { tone: 'warn', icon: 'expired', solid: false },
  cancelled: { tone: 'muted', icon: 'cancelled', solid: false },
  unavailable: { tone: 'muted', icon: 'cancelled', solid: false },
  'not-found': { tone: 'bad', icon: 'bad', solid: false },
  'not-spent': { tone: 'warn', icon: 'question', solid: false },
  unknown: { tone: 'warn', icon: 'question', solid: false },
  invalid: { tone: 'bad', icon: 'bad', solid: false },
}

function card(
  verdict: CouponVerdict,
  code: string,
  rest: Partial<Omit<VerdictCardModel, 'verdict' | 'tone' | 'icon' | 'solid' | 'code'>> = {},
): VerdictCardModel {
  return {
    verdict,
    ...LOOKS[verdict],
    code,
    titleKey: verdict,
    bodyKey: verdict,
    bodyValues: {},
    details: [],
    action: null,
    slip: null,
    notice: null,
    ...rest,
  }
}

/** What the coupon is for and whose it is. */
function whose(coupon: Coupon): VerdictDetail[] {
  return [
    { kind: 'reward', name: coupon.reward_name },
    { kind: 'customer', name: coupon.customer_name, customerId: coupon.customer_id },
  ]
}

function usesLeft(coupon: Coupon): VerdictDetail {
  return { kind: 'uses-left', left: coupon.remaining_usages, total: coupon.total_usages_allowed }
}

/** Whose, then validity and uses: everything a usable coupon shows. */
function fullDetails(coupon: Coupon): VerdictDetail[] {
  return [...whose(coupon), { kind: 'valid-until', at: coupon.valid_until }, usesLeft(coupon)]
}

/** The card for a coupon's own state (what the lookup says), with its Use button while active. */
function stateCard(coupon: Coupon, state: CouponState): VerdictCardModel {
  const code = coupon.coupon_code
  switch (state) {
    case 'active':
      return card('active', code, {
        details: fullDetails(coupon),
        action: { kind: 'use', label: 'use', coupon },
      })
    case 'used':
      return card('already-used', code, {
        details: [
          ...(coupon.usage_date ? [{ kind: 'used-at', at: coupon.usage_date } as const] : []),
          ...whose(coupon),
        ],
      })
    case 'expired':
      return card('expired', code, {
        details: [{ kind: 'expired-at', at: coupon.valid_until }, ...whose(coupon)],
      })
    case 'cancelled':
      return card('cancelled', code, { details: whose(coupon) })
    case 'unavailable':
      return card('unavailable', code, {
        bodyValues: { status: coupon.status_display },
        details: whose(coupon),
      })
    default:
      return assertNever(state)
  }
}

/**
 * What the coupon card shows for `state`: a pure function, so every verdict is tested without
 * React (verdict-card-model.test.ts) and the screen only renders it.
 */
export function verdictCard(state: VerdictState): VerdictCardModel {
  if (state.kind === 'invalid') {
    return card('invalid', state.raw, { bodyValues: { code: state.raw } })
  }
  if (state.kind === 'missing') {
    return card('not-found', state.code, { bodyValues: { code: state.code } })
  }
  const { coupon, outcome, now } = state
  const code = coupon.coupon_code
  if (outcome === null) return stateCard(coupon, couponState(coupon, now))
  switch (outcome.outcome) {
    case 'validated': {
      const { result } = outcome
      return card('validated', code, {
        details: [
          { kind: 'uses-left', left: result.remaining_usages, total: result.total_usages_allowed },
          { kind: 'validated-at', at: result.validated_at },
          ...whose(coupon),
        ],
        action: result.remaining_usages > 0 ? { kind: 'use', label: 'useAgain', coupon } : null,
        slip: { code, rewardName: coupon.reward_name, usedAt: result.validated_at },
      })
    }
    // A 409 is final: the refreshed coupon only said which kind of "no" it was, never "active".
    case 'already-used':
      return stateCard(coupon, 'used')
    case 'expired':
    case 'cancelled':
      return stateCard(coupon, outcome.outcome)
    case 'not-found':
      return card('not-found', code, {
        bodyKey: 'not-found-for-customer',
        details: whose(coupon).slice(1),
      })
    case 'otp-cancelled':
    case 'otp-refused':
      return {
        ...stateCard(coupon, couponState(coupon, now)),
        notice: outcome.outcome === 'otp-cancelled' ? 'otpCancelled' : 'otpRefused',
      }
    case 'confirmed':
      return card('confirmed', code, {
        details: [usesLeft(coupon), ...whose(coupon)],
      })
    case 'not-spent': {
      const after = couponState(outcome.coupon, now)
      if (after !== 'active') return stateCard(coupon, after)
      return card('not-spent', code, {
        details: fullDetails(coupon),
        action: { kind: 'use', label: 'tryAgain', coupon: outcome.coupon },
      })
    }
    case 'unknown':
      return card('unknown', code, {
        details: whose(coupon),
        action: { kind: 'check', label: 'checkAgain', unknown: outcome },
      })
    default:
      return assertNever(outcome)
  }
}
