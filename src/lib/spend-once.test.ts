import { http, HttpResponse } from 'msw'
import { describe, expect, it, vi } from 'vitest'
import { server } from '../testing/msw-server'
import { ApiError } from './api-client'
import { JOURNAL_SETTLEMENTS_PATH } from './journal-settlement'
import { settleAgain, settleByReading, spendOnce, type SpendOnceSteps } from './spend-once'

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

describe('spendOnce: settling an unknown outcome in the till journal', () => {
  /** The BFF's 504 after sending: its problem answer carries the request id. */
  const timedOut = (requestId?: string) =>
    new ApiError({ kind: 'http', method: 'POST', path: '/x', status: 504, requestId })

  /** Records each settlement POST; `answer` decides what the BFF says back. */
  function journal(
    answer: () => Response | Promise<Response> = () => new HttpResponse(null, { status: 204 }),
  ) {
    const posts: unknown[] = []
    let arrived: () => void = () => undefined
    const first = new Promise<void>((resolve) => {
      arrived = resolve
    })
    server.use(
      http.post(JOURNAL_SETTLEMENTS_PATH, async ({ request }) => {
        posts.push(await request.json())
        arrived()
        return answer()
      }),
    )
    return { posts, first }
  }
  /** Long enough for a fire-and-forget POST to have left, had there been one. */
  const settleDown = () => new Promise((resolve) => setTimeout(resolve, 50))

  it.each([
    ['confirmed', { outcome: 'validated', coupon_code: 'CZ-7K3M9P2Q' }],
    ['not-spent', { outcome: 'not-spent' }],
  ] as const)(
    "a re-read that settles it (%s) is posted once, with the lost attempt's request id",
    async (_, entry) => {
      const { posts, first } = journal()
      const { flow, sent } = steps([timedOut('req-504')], { journal: () => entry })
      expect(await spendOnce(flow)).toMatchObject({ outcome: 'settled' })
      await first
      await settleDown()
      expect(posts).toEqual([{ request_id: 'req-504', ...entry }])
      expect(sent).toHaveLength(1)
    },
  )

  it('the id is the one of the attempt that was lost (after the OTP step)', async () => {
    const { posts, first } = journal()
    const { flow } = steps([otpRequired(), timedOut('req-second')], {
      journal: () => ({ outcome: 'redeemed', coupon_code: 'CZ-AAAA1111' }),
    })
    await spendOnce(flow)
    await first
    expect(posts).toEqual([
      { request_id: 'req-second', outcome: 'redeemed', coupon_code: 'CZ-AAAA1111' },
    ])
  })

  it('nothing is posted when the lost attempt had no request id (no answer at all)', async () => {
    const { posts } = journal()
    const { flow } = steps([lost()], { journal: () => ({ outcome: 'not-spent' }) })
    await spendOnce(flow)
    await settleDown()
    expect(posts).toEqual([])
  })

  it('nothing is posted while the re-read could not settle it', async () => {
    const { posts } = journal()
    const { flow } = steps([timedOut('req-504')], { journal: () => null })
    await spendOnce(flow)
    await settleDown()
    expect(posts).toEqual([])
  })

  it.each([
    ['a 504 that carries one', timedOut('req-504'), 'req-504'],
    ['no answer at all', lost(), undefined],
  ] as const)(
    "settle is handed the lost attempt's request id (%s), for an outcome that stays unknown",
    async (_, error, requestId) => {
      const { flow } = steps([error])
      await spendOnce(flow)
      expect(flow.settle).toHaveBeenCalledWith(expect.any(Number), requestId)
    },
  )

  it("the cashier's answer neither waits for the journal nor changes when it fails", async () => {
    let release: () => void = () => undefined
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    const { posts, first } = journal(async () => {
      await held
      return HttpResponse.json({ type: 'x', title: 'no', status: 500 }, { status: 500 })
    })
    const { flow } = steps([timedOut('req-504')], { journal: () => ({ outcome: 'not-spent' }) })
    // Resolves while the BFF has not answered the settlement yet.
    expect(await spendOnce(flow)).toMatchObject({ outcome: 'settled' })
    await first
    release()
    await settleDown()
    expect(posts).toHaveLength(1)
  })
})

describe('settleAgain: a later Check again', () => {
  function journal() {
    const posts: unknown[] = []
    server.use(
      http.post(JOURNAL_SETTLEMENTS_PATH, async ({ request }) => {
        posts.push(await request.json())
        return new HttpResponse(null, { status: 204 })
      }),
    )
    return posts
  }
  const settleDown = () => new Promise((resolve) => setTimeout(resolve, 50))
  const read = { outcome: 'settled', sentAt: 0 } as const

  it('a check that settles it is posted once under the kept id, and returns what it read', async () => {
    const posts = journal()
    const settle = vi.fn(() => Promise.resolve(read))
    const settled = await settleAgain('req-504', {
      settle,
      journal: () => ({ outcome: 'redeemed', coupon_code: 'CZ-AAAA1111' }),
    })
    expect(settled).toBe(read)
    expect(settle).toHaveBeenCalledOnce()
    await settleDown()
    expect(posts).toEqual([
      { request_id: 'req-504', outcome: 'redeemed', coupon_code: 'CZ-AAAA1111' },
    ])
  })

  it('a check that is still unknown posts nothing', async () => {
    const posts = journal()
    await settleAgain('req-504', { settle: () => Promise.resolve(read), journal: () => null })
    await settleDown()
    expect(posts).toEqual([])
  })

  it('without a request id nothing is posted', async () => {
    const posts = journal()
    await settleAgain(undefined, {
      settle: () => Promise.resolve(read),
      journal: () => ({ outcome: 'not-spent' }),
    })
    await settleDown()
    expect(posts).toEqual([])
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
