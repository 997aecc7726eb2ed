import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { MemoryRouter } from 'react-router'
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest'
import { OtpRequestResponseSchema, OtpVerifyResponseSchema } from '../../../contract/otp'
import { PROBLEM_TYPE_BASE } from '../../../contract/problem-body'
import type { Reward } from '../../../contract/rewards'
import { forgetOtpSessions, getOtpSession, saveOtpSession } from '../otp'
import { server } from '../../testing/msw-server'
import { renderWithProviders } from '../../testing/render-with-providers'
import { CustomerRewards } from './customer-rewards'
import type { RedeemCustomer } from './redeem-dialog'
import { buildCoupon, buildRedeemAnswer, buildReward } from './testing'
import { endpointHandler } from '../../testing/endpoint-handler'
import { couponEndpoints } from '../../../contract/endpoints/coupons'
import { otpEndpoints } from '../../../contract/endpoints/otp'
import { rewardEndpoints } from '../../../contract/endpoints/rewards'

const maria: RedeemCustomer = {
  id: 'maria01',
  name: 'Maria Santos',
  phone: '+5511987654321',
  email: 'maria.santos@example.com',
  balance: 1250,
}

const cafe = buildReward()
const pizza = buildReward({ id: 'pizza01', name: 'Pizza média', points_required: 1500 })
const brinde = buildReward({
  id: 'brinde01',
  name: 'Brinde de boas-vindas',
  points_required: 0,
  origin_type: 'marketing',
  already_redeemed: true,
})
const chopp = buildReward({ id: 'chopp01', name: 'Chopp artesanal', is_available: false })

const problem = (status: number, slug: string, detail: string, extra: object = {}) =>
  HttpResponse.json(
    { type: `${PROBLEM_TYPE_BASE}${slug}`, title: slug, status, detail, ...extra },
    { status, headers: { 'Content-Type': 'application/problem+json' } },
  )

interface Log {
  catalog: URLSearchParams[]
  redeems: { otpSession: string | null }[]
  couponLookups: URLSearchParams[]
}

/** The catalog answers `rewards` (root shape); redeem answers via `redeem(n)` (n from 1). */
function api(options: {
  rewards?: Reward[]
  redeem?: (attempt: number) => Response | Promise<Response>
  coupons?: () => Response | Promise<Response>
}): Log {
  const log: Log = { catalog: [], redeems: [], couponLookups: [] }
  server.use(
    endpointHandler(rewardEndpoints.list, ({ request }) => {
      log.catalog.push(new URL(request.url).searchParams)
      const results = options.rewards ?? [cafe, pizza, brinde, chopp]
      return HttpResponse.json({ count: results.length, next: null, previous: null, results })
    }),
    endpointHandler(rewardEndpoints.redeem, ({ request }) => {
      log.redeems.push({ otpSession: request.headers.get('X-OTP-Session') })
      return options.redeem
        ? options.redeem(log.redeems.length)
        : HttpResponse.json(buildRedeemAnswer())
    }),
    endpointHandler(couponEndpoints.issued, ({ request }) => {
      log.couponLookups.push(new URL(request.url).searchParams)
      return options.coupons
        ? options.coupons()
        : HttpResponse.json({ count: 0, next: null, previous: null, results: [] })
    }),
  )
  return log
}

function renderRewards(language: 'en' | 'pt-BR' = 'en') {
  return renderWithProviders(
    <MemoryRouter>
      <CustomerRewards customer={maria} />
    </MemoryRouter>,
    { language },
  )
}

const card = (name: string) => screen.getByRole('article', { name })

async function openRedeem(rendered: ReturnType<typeof renderRewards>, name = 'Café expresso') {
  await screen.findByRole('article', { name })
  await rendered.user.click(within(card(name)).getByRole('button', { name: 'Redeem' }))
  return screen.getByRole('dialog', { name: `Redeem ${name}?` })
}

describe('CustomerRewards catalog', () => {
  it('asks for the catalog with the customer and shows each reward with its state', async () => {
    const log = api({})
    renderRewards()
    await screen.findByRole('article', { name: 'Café expresso' })
    expect(log.catalog[0]?.get('customer_id')).toBe('maria01')
    expect(log.catalog[0]?.has('redeemable')).toBe(false)

    const cafeCard = card('Café expresso')
    expect(cafeCard).toHaveTextContent('100 points')
    expect(cafeCard).toHaveTextContent('Valid 7 days after redeeming')
    expect(cafeCard).toHaveTextContent('Can redeem')
    expect(within(cafeCard).getByRole('button', { name: 'Redeem' })).toBeEnabled()

    const pizzaCard = card('Pizza média')
    expect(pizzaCard).toHaveTextContent('1,500 points')
    expect(pizzaCard).toHaveTextContent('Needs 250 more points')
    expect(within(pizzaCard).queryByRole('button')).not.toBeInTheDocument()

    expect(card('Brinde de boas-vindas')).toHaveTextContent('Already redeemed')
    expect(within(card('Brinde de boas-vindas')).queryByRole('button')).not.toBeInTheDocument()
    expect(card('Chopp artesanal')).toHaveTextContent('Unavailable')
    expect(within(card('Chopp artesanal')).queryByRole('button')).not.toBeInTheDocument()
  })

  it('groups numbers the pt-BR way', async () => {
    api({})
    renderRewards('pt-BR')
    const pizzaCard = await screen.findByRole('article', { name: 'Pizza média' })
    expect(pizzaCard).toHaveTextContent('1.500 pontos')
    expect(pizzaCard).toHaveTextContent('Faltam 250 pontos')
    expect(pizzaCard).toHaveTextContent('Válido por 7 dias após o resgate')
  })

  it('"Only what they can afford" asks Zupy for redeemable=true', async () => {
    const log = api({})
    const { user } = renderRewards()
    await screen.findByRole('article', { name: 'Café expresso' })
    await user.click(screen.getByRole('switch', { name: 'Only what they can afford' }))
    await waitFor(() => {
      expect(log.catalog).toHaveLength(2)
    })
    expect(log.catalog[1]?.get('redeemable')).toBe('true')
    expect(log.catalog[1]?.get('customer_id')).toBe('maria01')
  })

  it('shows a read failure with a retry', async () => {
    let calls = 0
    server.use(
      endpointHandler(rewardEndpoints.list, () => {
        calls += 1
        return calls === 1
          ? problem(504, 'upstream-timeout', 'Zupy did not answer')
          : HttpResponse.json({ count: 1, next: null, previous: null, results: [cafe] })
      }),
    )
    const { user } = renderRewards()
    expect(await screen.findByRole('alert')).toHaveTextContent('Zupy is not responding')
    await user.click(screen.getByRole('button', { name: 'Retry' }))
    expect(await screen.findByRole('article', { name: 'Café expresso' })).toBeInTheDocument()
  })
})

describe('Redeem', () => {
  afterEach(() => {
    forgetOtpSessions()
  })

  it('confirms with cost, balance before → after and validity', async () => {
    api({})
    const rendered = renderRewards()
    const dialog = await openRedeem(rendered)
    expect(dialog).toHaveTextContent('100 points')
    expect(dialog).toHaveTextContent('1,250 → 1,150 points')
    expect(dialog).toHaveTextContent('Valid 7 days after redeeming')
    await rendered.user.click(within(dialog).getByRole('button', { name: 'Cancel' }))
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
  })

  it('redeemed: shows the code, its QR, valid-until and "Use now"; refreshes the catalog', async () => {
    const log = api({})
    const rendered = renderRewards()
    const dialog = await openRedeem(rendered)
    await rendered.user.click(within(dialog).getByRole('button', { name: 'Confirm redeem' }))

    const done = await screen.findByRole('dialog', { name: 'Redeemed' })
    expect(done).toHaveTextContent('CZ-914F15F3')
    expect(
      await within(done).findByRole('img', { name: 'QR code of coupon CZ-914F15F3' }),
    ).toHaveAttribute('src', expect.stringMatching(/^data:image\/svg\+xml/))
    expect(done).toHaveTextContent(/Valid until Apr 25, 2026/)
    expect(done).toHaveTextContent('New balance: 1,150 points')
    expect(within(done).getByRole('link', { name: 'Use now' })).toHaveAttribute(
      'href',
      '/coupons/CZ-914F15F3',
    )
    expect(log.redeems).toHaveLength(1)
    await waitFor(() => {
      expect(log.catalog.length).toBeGreaterThanOrEqual(2)
    })
  })

  it('Print coupon prints the code, its QR, the reward, valid-until and the first name only', async () => {
    api({})
    let printed: HTMLElement | null = null
    const print = vi.fn(() => {
      printed = screen.getByRole('region', { name: 'Coupon CZ-914F15F3 to print' })
    })
    vi.stubGlobal('print', print)
    onTestFinished(() => {
      vi.unstubAllGlobals()
    })
    const rendered = renderRewards()
    const dialog = await openRedeem(rendered)
    await rendered.user.click(within(dialog).getByRole('button', { name: 'Confirm redeem' }))
    const done = await screen.findByRole('dialog', { name: 'Redeemed' })

    await rendered.user.click(within(done).getByRole('button', { name: 'Print coupon' }))

    expect(print).toHaveBeenCalledTimes(1)
    const paper = printed as unknown as HTMLElement
    expect(paper).not.toBeNull()
    // Outside the dialog and the app: print.css shows it alone.
    expect(done.contains(paper)).toBe(false)
    expect(paper.parentElement).toBe(document.body)
    expect(within(paper).getByText('CZ-914F15F3')).toBeInTheDocument()
    // Drawn inline, so it is there when print() runs (an <img> would still be decoding).
    const qr = within(paper).getByRole('img', { name: 'QR code of coupon CZ-914F15F3' })
    expect(qr.tagName.toLowerCase()).toBe('svg')
    expect(qr.querySelector('path')?.getAttribute('d')).toMatch(/^M\d+ \d+h1v1h-1z/)
    expect(paper).toHaveTextContent('Café expresso')
    expect(paper).toHaveTextContent(/Valid until Apr 25, 2026/)
    expect(paper).toHaveTextContent('For Maria')
    expect(paper).not.toHaveTextContent('Santos')
    expect(paper).not.toHaveTextContent('987654321')
  })

  it('sends ONE redeem for a rapid double tap on Confirm', async () => {
    // Zupy answers only when the test says so: a fixed delay ran out during the taps on a loaded
    // machine, and "Redeeming…" had already given way to "Redeemed".
    let answer = () => {}
    const answered = new Promise<void>((resolve) => {
      answer = resolve
    })
    const log = api({
      redeem: async () => {
        await answered
        return HttpResponse.json(buildRedeemAnswer())
      },
    })
    const rendered = renderRewards()
    const dialog = await openRedeem(rendered)
    const confirm = within(dialog).getByRole('button', { name: 'Confirm redeem' })
    fireEvent.click(confirm)
    fireEvent.click(confirm)
    await rendered.user.dblClick(confirm)
    expect(within(dialog).getByRole('button', { name: 'Redeeming…' })).toBeDisabled()
    answer()
    await screen.findByRole('dialog', { name: 'Redeemed' })
    expect(log.redeems).toHaveLength(1)
  })

  it('422 not enough points: "Cannot redeem" with Zupy\'s reason, nothing retried', async () => {
    const detail = 'Saldo insuficiente: o prêmio exige 100 pontos e o saldo é de 90 pontos.'
    const log = api({ redeem: () => problem(422, 'insufficient-balance', detail) })
    const rendered = renderRewards()
    const dialog = await openRedeem(rendered)
    await rendered.user.click(within(dialog).getByRole('button', { name: 'Confirm redeem' }))
    const refused = await screen.findByRole('dialog', { name: 'Cannot redeem' })
    expect(refused).toHaveTextContent(detail)
    expect(log.redeems).toHaveLength(1)
    expect(log.couponLookups).toHaveLength(0)
  })

  it('422 free reward already claimed: shows the field error once', async () => {
    const detail = 'Prêmio gratuito já resgatado por este cliente'
    api({
      redeem: () =>
        problem(422, 'validation-error', detail, { errors: [{ field: 'reward_id', detail }] }),
    })
    const rendered = renderRewards()
    const dialog = await openRedeem(rendered)
    await rendered.user.click(within(dialog).getByRole('button', { name: 'Confirm redeem' }))
    const refused = await screen.findByRole('dialog', { name: 'Cannot redeem' })
    expect(within(refused).getAllByText(detail)).toHaveLength(1)
  })

  it('otp-required: verifies the customer, then sends exactly one more redeem with the session', async () => {
    const log = api({
      redeem: (attempt) =>
        attempt === 1
          ? problem(403, 'otp-required', 'OTP verification required')
          : HttpResponse.json(buildRedeemAnswer()),
    })
    server.use(
      endpointHandler(otpEndpoints.request, () =>
        HttpResponse.json(
          OtpRequestResponseSchema.parse({ status: 'sent', channel: 'whatsapp', expires_in: 300 }),
        ),
      ),
      endpointHandler(otpEndpoints.verify, () =>
        HttpResponse.json(
          OtpVerifyResponseSchema.parse({
            customer_id: 'maria01',
            is_new: false,
            otp_session: 'zs_fresh_session_1',
            full_name: 'Maria Santos',
            points_balance: 1250,
            tier: 'silver',
          }),
        ),
      ),
    )
    const rendered = renderRewards()
    const dialog = await openRedeem(rendered)
    await rendered.user.click(within(dialog).getByRole('button', { name: 'Confirm redeem' }))

    const otp = await screen.findByRole('dialog', { name: 'Customer verification' })
    expect(log.redeems).toHaveLength(1)
    await within(otp).findByText(/Code sent by WhatsApp/)
    await rendered.user.type(
      within(otp).getByRole('textbox', { name: 'Verification code' }),
      '123456',
    )
    await rendered.user.click(within(otp).getByRole('button', { name: 'Verify' }))

    await screen.findByRole('dialog', { name: 'Redeemed' })
    expect(log.redeems).toEqual([{ otpSession: null }, { otpSession: 'zs_fresh_session_1' }])
    expect(getOtpSession('maria01')?.token).toBe('zs_fresh_session_1')
  })

  it('uses a live OTP session without asking again', async () => {
    saveOtpSession('maria01', 'zs_live_session_9', Date.now() + 60_000)
    const log = api({})
    const rendered = renderRewards()
    const dialog = await openRedeem(rendered)
    await rendered.user.click(within(dialog).getByRole('button', { name: 'Confirm redeem' }))
    await screen.findByRole('dialog', { name: 'Redeemed' })
    expect(log.redeems).toEqual([{ otpSession: 'zs_live_session_9' }])
  })

  it('otp-required then cancelled: nothing redeemed, nothing re-sent', async () => {
    const log = api({ redeem: () => problem(403, 'otp-required', 'OTP verification required') })
    server.use(
      endpointHandler(otpEndpoints.request, () =>
        HttpResponse.json({ status: 'sent', channel: 'whatsapp', expires_in: 300 }),
      ),
    )
    const rendered = renderRewards()
    const dialog = await openRedeem(rendered)
    await rendered.user.click(within(dialog).getByRole('button', { name: 'Confirm redeem' }))
    const otp = await screen.findByRole('dialog', { name: 'Customer verification' })
    await rendered.user.click(within(otp).getByRole('button', { name: 'Cancel' }))
    expect(
      await screen.findByText('Verification cancelled. Nothing was redeemed.'),
    ).toBeInTheDocument()
    expect(log.redeems).toHaveLength(1)
  })

  it('unknown outcome (connection lost) → finds the coupon it created: "Redeemed (confirmed)"', async () => {
    const log = api({
      redeem: () => HttpResponse.error(),
      coupons: () =>
        HttpResponse.json({
          count: 1,
          next: null,
          previous: null,
          results: [buildCoupon({ coupon_code: 'CZ-7K3M9P2Q' })],
        }),
    })
    const rendered = renderRewards()
    const dialog = await openRedeem(rendered)
    await rendered.user.click(within(dialog).getByRole('button', { name: 'Confirm redeem' }))

    const done = await screen.findByRole('dialog', { name: 'Redeemed (confirmed)' })
    expect(done).toHaveTextContent('CZ-7K3M9P2Q')
    expect(log.redeems).toHaveLength(1)
    expect(log.couponLookups).toHaveLength(1)
    expect(log.couponLookups[0]?.get('customer_id')).toBe('maria01')
    expect(log.couponLookups[0]?.get('reward_id')).toBe('cafe01')
  })

  it('unknown outcome (BFF 504) then the coupon is found: the till journal hears it was redeemed', async () => {
    const settlements: unknown[] = []
    api({
      redeem: () => {
        const lost = problem(504, 'upstream-timeout', 'Zupy did not answer in time')
        lost.headers.set('X-Request-Id', 'req-504')
        return lost
      },
      coupons: () =>
        HttpResponse.json({
          count: 1,
          next: null,
          previous: null,
          results: [buildCoupon({ coupon_code: 'CZ-7K3M9P2Q' })],
        }),
    })
    server.use(
      http.post('/api/pos/journal/settlements', async ({ request }) => {
        settlements.push(await request.json())
        // The BFF had no unknown entry under that id: the cashier sees nothing of it.
        return HttpResponse.json({ type: 'not-found', title: 'no', status: 404 }, { status: 404 })
      }),
    )
    const rendered = renderRewards()
    const dialog = await openRedeem(rendered)
    await rendered.user.click(within(dialog).getByRole('button', { name: 'Confirm redeem' }))
    expect(await screen.findByRole('dialog', { name: 'Redeemed (confirmed)' })).toHaveTextContent(
      'CZ-7K3M9P2Q',
    )
    await waitFor(() => {
      expect(settlements).toEqual([
        { request_id: 'req-504', outcome: 'redeemed', coupon_code: 'CZ-7K3M9P2Q' },
      ])
    })
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })

  it('unknown outcome (BFF 504) with only an older coupon → "Not redeemed"; retry only on demand', async () => {
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60_000).toISOString()
    const log = api({
      redeem: (attempt) =>
        attempt === 1
          ? problem(504, 'upstream-timeout', 'Zupy did not answer in time')
          : HttpResponse.json(buildRedeemAnswer({ coupon_code: 'CZ-AAAA2222' })),
      coupons: () =>
        HttpResponse.json({
          count: 1,
          next: null,
          previous: null,
          results: [buildCoupon({ coupon_code: 'CZ-OLD22222', created_at: twoHoursAgo })],
        }),
    })
    const rendered = renderRewards()
    const dialog = await openRedeem(rendered)
    await rendered.user.click(within(dialog).getByRole('button', { name: 'Confirm redeem' }))

    const failed = await screen.findByRole('dialog', { name: 'Not redeemed. Try again' })
    expect(failed).not.toHaveTextContent('CZ-OLD22222')
    expect(log.redeems).toHaveLength(1)

    await rendered.user.click(within(failed).getByRole('button', { name: 'Try again' }))
    const done = await screen.findByRole('dialog', { name: 'Redeemed' })
    expect(done).toHaveTextContent('CZ-AAAA2222')
    expect(log.redeems).toHaveLength(2)
  })

  it('unknown outcome and the lookup fails too → "Could not confirm", Check again looks, never redeems', async () => {
    let lookups = 0
    const log = api({
      redeem: () => HttpResponse.error(),
      coupons: () => {
        lookups += 1
        return lookups === 1
          ? HttpResponse.error()
          : HttpResponse.json({ count: 1, next: null, previous: null, results: [buildCoupon()] })
      },
    })
    const rendered = renderRewards()
    const dialog = await openRedeem(rendered)
    await rendered.user.click(within(dialog).getByRole('button', { name: 'Confirm redeem' }))

    const unsure = await screen.findByRole('dialog', { name: 'Could not confirm the redeem' })
    await rendered.user.click(within(unsure).getByRole('button', { name: 'Check again' }))
    await screen.findByRole('dialog', { name: 'Redeemed (confirmed)' })
    expect(log.redeems).toHaveLength(1)
  })
})

describe('Redeem: Check again tells the till journal (issue 13)', () => {
  const found = () =>
    HttpResponse.json({
      count: 1,
      next: null,
      previous: null,
      results: [buildCoupon({ coupon_code: 'CZ-7K3M9P2Q' })],
    })
  const none = () => HttpResponse.json({ count: 0, next: null, previous: null, results: [] })
  const down = () => problem(504, 'upstream-timeout', 'Zupy did not answer in time')

  /**
   * A redeem whose answer is lost (a BFF 504 carrying `requestId`, or no answer at all without
   * one); each coupon lookup (the flow's re-read, then one per Check again) answers from `reads`.
   */
  function lostRedeem({ requestId, reads }: { requestId?: string; reads: (() => Response)[] }) {
    const settlements: unknown[] = []
    const log = api({
      redeem: () => {
        if (requestId === undefined) return HttpResponse.error()
        const lost = down()
        lost.headers.set('X-Request-Id', requestId)
        return lost
      },
      coupons: () => (reads[log.couponLookups.length - 1] ?? down)(),
    })
    server.use(
      http.post('/api/pos/journal/settlements', async ({ request }) => {
        settlements.push(await request.json())
        return new HttpResponse(null, { status: 204 })
      }),
    )
    return { log, settlements }
  }

  /** Long enough for a fire-and-forget POST to have reached the handler, had one been sent. */
  const settleDown = () => new Promise((resolve) => setTimeout(resolve, 50))

  /** Confirms the redeem and waits for the flow's failed re-read to leave the outcome unknown. */
  async function redeemUntilUnknown() {
    const rendered = renderRewards()
    const dialog = await openRedeem(rendered)
    await rendered.user.click(within(dialog).getByRole('button', { name: 'Confirm redeem' }))
    const unsure = await screen.findByRole('dialog', { name: 'Could not confirm the redeem' })
    return { user: rendered.user, unsure }
  }

  it("a Check again that finds the coupon posts once: redeemed, its code, the lost attempt's request id", async () => {
    const { log, settlements } = lostRedeem({ requestId: 'req-504', reads: [down, found] })
    const { user, unsure } = await redeemUntilUnknown()
    await settleDown()
    expect(settlements).toEqual([])

    await user.click(within(unsure).getByRole('button', { name: 'Check again' }))
    expect(await screen.findByRole('dialog', { name: 'Redeemed (confirmed)' })).toHaveTextContent(
      'CZ-7K3M9P2Q',
    )
    await waitFor(() => {
      expect(settlements).toEqual([
        { request_id: 'req-504', outcome: 'redeemed', coupon_code: 'CZ-7K3M9P2Q' },
      ])
    })
    await settleDown()
    expect(settlements).toHaveLength(1)
    expect(log.redeems).toHaveLength(1)
  })

  it('a Check again that finds no coupon posts once: not-spent, with no code', async () => {
    const { settlements } = lostRedeem({ requestId: 'req-504', reads: [down, none] })
    const { user, unsure } = await redeemUntilUnknown()
    await user.click(within(unsure).getByRole('button', { name: 'Check again' }))
    await screen.findByRole('dialog', { name: 'Not redeemed. Try again' })
    await waitFor(() => {
      expect(settlements).toEqual([{ request_id: 'req-504', outcome: 'not-spent' }])
    })
    await settleDown()
    expect(settlements).toHaveLength(1)
  })

  it('a Check again that is still unknown posts nothing and keeps the id for the next one', async () => {
    const { log, settlements } = lostRedeem({ requestId: 'req-504', reads: [down, down, found] })
    const { user, unsure } = await redeemUntilUnknown()
    const checkAgain = within(unsure).getByRole('button', { name: 'Check again' })

    await user.click(checkAgain)
    await waitFor(() => {
      expect(log.couponLookups).toHaveLength(2)
    })
    await waitFor(() => {
      expect(checkAgain).toBeEnabled()
    })
    expect(screen.getByRole('dialog', { name: 'Could not confirm the redeem' })).toBe(unsure)
    await settleDown()
    expect(settlements).toEqual([])

    await user.click(checkAgain)
    await screen.findByRole('dialog', { name: 'Redeemed (confirmed)' })
    await waitFor(() => {
      expect(settlements).toEqual([
        { request_id: 'req-504', outcome: 'redeemed', coupon_code: 'CZ-7K3M9P2Q' },
      ])
    })
  })

  it('without a request id (no answer reached the till) a Check again that confirms posts nothing', async () => {
    const { settlements } = lostRedeem({ reads: [down, found] })
    const { user, unsure } = await redeemUntilUnknown()
    await user.click(within(unsure).getByRole('button', { name: 'Check again' }))
    await screen.findByRole('dialog', { name: 'Redeemed (confirmed)' })
    await settleDown()
    expect(settlements).toEqual([])
  })
})
