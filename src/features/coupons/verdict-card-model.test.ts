import { describe, expect, it } from 'vitest'
import { ApiError } from '../../lib/api-client'
import { COUPON_VERDICTS } from '../../lib/verdicts'
import { buildCoupon, validateBody } from './test-fixtures'
import type { ValidateOutcome } from './validate'
import {
  verdictCard,
  type VerdictAction,
  type VerdictCardModel,
  type VerdictDetail,
  type VerdictState,
} from './verdict-card-model'

const now = Date.now()
const active = buildCoupon({ total_usages_allowed: 3, remaining_usages: 2 })
const used = buildCoupon({
  status: 'used',
  remaining_usages: 0,
  usage_date: new Date(now - 60_000).toISOString(),
})
const expired = buildCoupon({ status: 'expired' })
const cancelled = buildCoupon({ status: 'cancelled' })
const pending = buildCoupon({ status: 'pending', status_display: 'Pendente' })
const code = active.coupon_code

const on = (coupon: typeof active, outcome: ValidateOutcome | null = null): VerdictState => ({
  kind: 'coupon',
  coupon,
  outcome,
  now,
})

const whose: VerdictDetail[] = [
  { kind: 'reward', name: active.reward_name },
  { kind: 'customer', name: active.customer_name, customerId: active.customer_id },
]
const full: VerdictDetail[] = [
  ...whose,
  { kind: 'valid-until', at: active.valid_until },
  { kind: 'uses-left', left: 2, total: 3 },
]
const buttonFor = (label: 'use' | 'useAgain' | 'tryAgain', coupon = active): VerdictAction => ({
  kind: 'use',
  label,
  coupon,
})
const otpRefusal = new ApiError({ kind: 'http', method: 'POST', path: '/x', status: 403 })
const validated = validateBody(active, 1)

type Row = [string, VerdictState, Partial<VerdictCardModel>]

/** Every state a coupon card can be in, with what it must show. */
const table: Row[] = [
  [
    'an active coupon',
    on(active),
    { verdict: 'active', tone: 'ok', icon: 'ok', details: full, action: buttonFor('use') },
  ],
  [
    'a coupon with no uses left',
    on(used),
    {
      verdict: 'already-used',
      tone: 'bad',
      icon: 'bad',
      details: [{ kind: 'used-at', at: used.usage_date ?? '' }, ...whose],
      action: null,
    },
  ],
  ['an expired coupon', on(expired), { verdict: 'expired', tone: 'warn', icon: 'expired' }],
  [
    'an active coupon past valid_until',
    on(buildCoupon({ valid_until: new Date(now - 1000).toISOString() })),
    { verdict: 'expired', action: null },
  ],
  [
    'a cancelled coupon',
    on(cancelled),
    { verdict: 'cancelled', tone: 'muted', icon: 'cancelled', details: whose, action: null },
  ],
  [
    'an internal status',
    on(pending),
    { verdict: 'unavailable', bodyValues: { status: 'Pendente' }, details: whose },
  ],
  [
    'validate answered 200 with uses left',
    on(active, { outcome: 'validated', result: validated }),
    {
      verdict: 'validated',
      tone: 'ok',
      solid: true,
      details: [
        { kind: 'uses-left', left: 1, total: 3 },
        { kind: 'validated-at', at: validated.validated_at },
        ...whose,
      ],
      action: buttonFor('useAgain'),
      slip: { code, rewardName: active.reward_name, usedAt: validated.validated_at },
    },
  ],
  [
    'validate answered 200 with no use left',
    on(active, { outcome: 'validated', result: validateBody(active, 0) }),
    { verdict: 'validated', action: null },
  ],
  [
    'a 409 on a used coupon',
    on(active, { outcome: 'already-used', coupon: used }),
    { verdict: 'already-used', action: null },
  ],
  [
    'a 409 whose re-read failed (conflict, status unknown)',
    on(active, { outcome: 'already-used', coupon: null }),
    { verdict: 'already-used', titleKey: 'already-used', action: null },
  ],
  [
    'a 409 on an expired coupon',
    on(expired, { outcome: 'expired', coupon: expired }),
    { verdict: 'expired', icon: 'expired', action: null },
  ],
  [
    'a 409 on a cancelled coupon',
    on(cancelled, { outcome: 'cancelled', coupon: cancelled }),
    { verdict: 'cancelled', action: null },
  ],
  [
    'a 404 on validate',
    on(active, { outcome: 'not-found' }),
    {
      verdict: 'not-found',
      bodyKey: 'not-found-for-customer',
      details: whose.slice(1),
      action: null,
    },
  ],
  [
    'the cashier closed the OTP step',
    on(active, { outcome: 'otp-cancelled' }),
    { verdict: 'active', notice: 'otpCancelled', action: buttonFor('use') },
  ],
  [
    'Zupy refused the fresh OTP session',
    on(active, { outcome: 'otp-refused', error: otpRefusal }),
    { verdict: 'active', notice: 'otpRefused', action: buttonFor('use') },
  ],
  [
    'a lost answer, confirmed by reading',
    on(active, { outcome: 'confirmed', coupon: used }),
    {
      verdict: 'confirmed',
      solid: true,
      details: [{ kind: 'uses-left', left: 2, total: 3 }, ...whose],
      action: null,
    },
  ],
  [
    'a lost answer, not spent: the coupon is still active',
    on(active, { outcome: 'not-spent', coupon: active }),
    {
      verdict: 'not-spent',
      tone: 'warn',
      icon: 'question',
      details: full,
      action: buttonFor('tryAgain'),
    },
  ],
  [
    'a lost answer, not spent, but the coupon expired meanwhile',
    on(active, { outcome: 'not-spent', coupon: expired }),
    { verdict: 'expired', action: null },
  ],
  [
    'a lost answer that could not be settled: Check again keeps the lost request id',
    on(active, { outcome: 'unknown', before: active, requestId: 'req-502' }),
    {
      verdict: 'unknown',
      icon: 'question',
      details: whose,
      action: {
        kind: 'check',
        label: 'checkAgain',
        unknown: { outcome: 'unknown', before: active, requestId: 'req-502' },
      },
    },
  ],
  [
    'a code that Zupy does not know',
    { kind: 'missing', code },
    { verdict: 'not-found', bodyKey: 'not-found', bodyValues: { code }, details: [], action: null },
  ],
  [
    'a text that is no coupon code',
    { kind: 'invalid', raw: 'hello' },
    { verdict: 'invalid', code: 'hello', bodyValues: { code: 'hello' }, details: [] },
  ],
]

describe('verdictCard', () => {
  it.each(table)('%s', (_, state, expected) => {
    const model = verdictCard(state)
    expect(model).toMatchObject(expected)
    // The title is the verdict's own; only a 404 on validate has a body of its own.
    expect(model.titleKey).toBe(model.verdict)
    if (model.bodyKey !== 'not-found-for-customer') expect(model.bodyKey).toBe(model.verdict)
  })

  it('the table covers every verdict the card can show', () => {
    const shown = new Set(table.map(([, state]) => verdictCard(state).verdict))
    expect([...shown].sort()).toEqual([...COUPON_VERDICTS].sort())
  })

  it('only a validate Zupy answered with Validated offers a slip to print', () => {
    for (const [, state] of table) {
      const model = verdictCard(state)
      expect(model.slip !== null).toBe(model.verdict === 'validated')
    }
  })

  it('no "no" answer offers the Use button', () => {
    for (const [, state] of table) {
      const model = verdictCard(state)
      if (model.tone === 'bad' || model.tone === 'muted') expect(model.action).toBeNull()
    }
  })
})
