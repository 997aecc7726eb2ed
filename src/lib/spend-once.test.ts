import { describe, expect, it, vi } from 'vitest'
import { ApiError } from './api-client'
import { settleByReading, spendOnce, type SpendOnceSteps } from './spend-once'

const otpRequired = () =>
  new ApiError({
    kind: 'http',
    method: 'POST',
    path: '/x',
    status: 403,
    problem: { type: 'https://api.zupy.com/errors/otp-required', title: 'OTP', status: 403 },
  })
const lost = () => new ApiError({ kind: 'timeout', method: 'POST', path: '/x' })

type Answer = { outcome: 'validated' } | { outcome: 'not-found' }
type Settled = { outcome: 'settled'; sentAt: number }

/** A flow whose POST answers come from `answers` in order (an Error is thrown). */
function steps(
  answers: (Answer | Error)[],
  overrides: Partial<SpendOnceSteps<Answer, Settled>> = {},
) {
  const sent: (string | undefined)[] = []
  const flow: SpendOnceSteps<Answer, Settled> = {
    send: (otpSession) => {
      sent.push(otpSession)
      const next = answers.shift()
      if (next === undefined) throw new Error('sent more than expected')
      return next instanceof Error ? Promise.reject(next) : Promise.resolve(next)
    },
    otpSession: 'stored',
    verify: vi.fn(() => Promise.resolve<string | null>('fresh')),
    settle: vi.fn((sentAt: number) => Promise.resolve<Settled>({ outcome: 'settled', sentAt })),
    ...overrides,
  }
  return { flow, sent }
}

describe('spendOnce', () => {
  it('returns the answer of one POST, sent with the stored OTP session', async () => {
    const { flow, sent } = steps([{ outcome: 'validated' }])
    expect(await spendOnce(flow)).toEqual({ outcome: 'validated' })
    expect(sent).toEqual(['stored'])
  })

  it('on otp-required: verifies, then sends exactly one more POST with the new session', async () => {
    const { flow, sent } = steps([otpRequired(), { outcome: 'not-found' }])
    expect(await spendOnce(flow)).toEqual({ outcome: 'not-found' })
    expect(sent).toEqual(['stored', 'fresh'])
  })

  it('otp-cancelled: sends nothing more when the cashier closes the OTP step', async () => {
    const { flow, sent } = steps([otpRequired()], { verify: () => Promise.resolve(null) })
    expect(await spendOnce(flow)).toEqual({ outcome: 'otp-cancelled' })
    expect(sent).toHaveLength(1)
  })

  it('otp-refused: a second otp-required stops after two POSTs and keeps the error', async () => {
    const second = otpRequired()
    const { flow, sent } = steps([otpRequired(), second])
    expect(await spendOnce(flow)).toEqual({ outcome: 'otp-refused', error: second })
    expect(sent).toHaveLength(2)
  })

  it('an unknown outcome is settled by reading, never re-sent', async () => {
    const { flow, sent } = steps([lost()])
    const before = Date.now()
    const outcome = await spendOnce(flow)
    expect(sent).toHaveLength(1)
    expect(outcome).toMatchObject({ outcome: 'settled' })
    expect((outcome as Settled).sentAt).toBeGreaterThanOrEqual(before)
  })

  it('an unknown outcome after the OTP step is settled too (two POSTs in all)', async () => {
    const { flow, sent } = steps([otpRequired(), lost()])
    expect(await spendOnce(flow)).toMatchObject({ outcome: 'settled' })
    expect(sent).toHaveLength(2)
  })

  it('a definite refusal throws and is not retried', async () => {
    const refusal = new ApiError({ kind: 'http', method: 'POST', path: '/x', status: 429 })
    const { flow, sent } = steps([refusal])
    await expect(spendOnce(flow)).rejects.toBe(refusal)
    expect(sent).toHaveLength(1)
    expect(flow.settle).not.toHaveBeenCalled()
  })
})

describe('settleByReading', () => {
  it.each([
    [true, { outcome: 'confirmed', after: 'read' }],
    [false, { outcome: 'not-spent', after: 'read' }],
    [null, { outcome: 'unknown' }],
  ] as const)('a read that shows %s is %o', async (shows, settled) => {
    expect(
      await settleByReading(
        () => Promise.resolve('read'),
        () => shows,
      ),
    ).toEqual(settled)
  })

  it('a failed read is unknown', async () => {
    expect(
      await settleByReading(
        () => Promise.reject(lost()),
        () => true,
      ),
    ).toEqual({
      outcome: 'unknown',
    })
  })
})
