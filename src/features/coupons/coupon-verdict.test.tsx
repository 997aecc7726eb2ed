import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { delay, http, HttpResponse } from 'msw'
import { useParams } from 'react-router'
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest'
import type { Coupon } from '../../../contract/coupons'
import { forgetOtpSessions, getOtpSession, saveOtpSession } from '../otp'
import { server } from '../../testing/msw-server'
import { buildPosConfig } from '../../testing/pos-fixtures'
import { CouponVerdict } from './coupon-verdict'
import {
  buildCoupon,
  buildCustomer,
  lookupHandler,
  MARIA,
  OTP_TOKEN,
  problem,
  renderAt,
  validateBody,
} from './test-fixtures'
import { endpointHandler } from '../../testing/endpoint-handler'
import { couponEndpoints } from '../../../contract/endpoints/coupons'
import { customerEndpoints } from '../../../contract/endpoints/customers'

const DAY = 24 * 3_600_000

function FromUrl() {
  const { code = '' } = useParams()
  return <CouponVerdict code={code} />
}

const renderCoupon = (code: string, language: 'en' | 'pt-BR' = 'en') =>
  renderAt('/coupons/:code', `/coupons/${code}`, <FromUrl />, { language })

/** The sandbox's behaviour in miniature: a coupon that validate uses up, one POST at a time. */
function statefulCoupon(initial: Coupon) {
  let coupon = initial
  const posts: Request[] = []
  return {
    posts,
    current: () => coupon,
    set: (next: Coupon) => {
      coupon = next
    },
    use: () => {
      const remaining = coupon.remaining_usages - 1
      coupon = {
        ...coupon,
        remaining_usages: remaining,
        status: remaining > 0 ? 'active' : 'used',
        usage_date: new Date().toISOString(),
      }
      return remaining
    },
  }
}

/** Zupy as it should be: the lookup finds `state`'s coupon, and each validate uses it once. */
function serveCoupon(state: ReturnType<typeof statefulCoupon>) {
  server.use(
    lookupHandler(state.current),
    endpointHandler(couponEndpoints.validate, ({ request }) => {
      state.posts.push(request)
      return HttpResponse.json(validateBody(state.current(), state.use()))
    }),
  )
}

const verdict = (name: string) => screen.findByRole('heading', { name })

afterEach(() => {
  forgetOtpSessions()
  vi.restoreAllMocks()
})

describe('CouponVerdict: lookup', () => {
  it('shows an active coupon with reward, customer, validity and uses left, and a Use button', async () => {
    const seen: URL[] = []
    server.use(
      lookupHandler(
        () =>
          buildCoupon({ coupon_code: 'CZ-4H8N2W6R', remaining_usages: 2, total_usages_allowed: 3 }),
        seen,
      ),
    )
    renderCoupon('cz-4h8n2w6r')

    expect(await verdict('Active')).toBeInTheDocument()
    const card = screen.getByRole('region', { name: 'Active' })
    // The lower-case code in the URL is looked up in its canonical form.
    expect(seen[0]?.searchParams.get('code')).toBe('CZ-4H8N2W6R')
    expect(card).toHaveTextContent('CZ-4H8N2W6R')
    expect(card).toHaveTextContent('Sobremesa grátis')
    expect(card).toHaveTextContent('2 of 3')
    expect(card).toHaveTextContent(/Valid until\s*in 25 days/)
    expect(within(card).getByRole('link', { name: MARIA.name })).toHaveAttribute(
      'href',
      `/customers/${MARIA.id}`,
    )
    expect(within(card).getByRole('button', { name: 'Use coupon' })).toBeEnabled()
  })

  it.each([
    [
      'Already used',
      buildCoupon({
        status: 'used',
        remaining_usages: 0,
        usage_date: new Date(Date.now() - DAY).toISOString(),
      }),
      /Used\s*yesterday/,
    ],
    [
      'Expired',
      buildCoupon({ status: 'expired', valid_until: new Date(Date.now() - 3 * DAY).toISOString() }),
      /Expired\s*3 days ago/,
    ],
    [
      'Expired',
      // Still "active" in the answer, but past valid_until: validate would refuse it.
      buildCoupon({ status: 'active', valid_until: new Date(Date.now() - 60_000).toISOString() }),
      /1 minute ago/,
    ],
    ['Cancelled', buildCoupon({ status: 'cancelled' }), /Sobremesa grátis/],
  ])('shows %s, with its when, and no Use button', async (heading, coupon, detail) => {
    server.use(lookupHandler(() => coupon))
    renderCoupon(coupon.coupon_code)
    expect(await verdict(heading)).toBeInTheDocument()
    expect(screen.getByRole('region', { name: heading })).toHaveTextContent(detail)
    expect(screen.queryByRole('button', { name: 'Use coupon' })).not.toBeInTheDocument()
  })

  it('says Not found for a code Zupy does not know', async () => {
    server.use(lookupHandler(() => null))
    renderCoupon('CZ-ZZZZZZZZ')
    expect(await verdict('Not found')).toBeInTheDocument()
    expect(screen.getByRole('region', { name: 'Not found' })).toHaveTextContent('CZ-ZZZZZZZZ')
  })

  it('refuses something that is not a coupon code without asking Zupy', async () => {
    const seen: URL[] = []
    server.use(lookupHandler(() => null, seen))
    renderCoupon('hello')
    expect(await verdict('Not a coupon code')).toBeInTheDocument()
    expect(seen).toHaveLength(0)
  })

  it.each([
    ['Ativo', buildCoupon()],
    ['Já utilizado', buildCoupon({ status: 'used', remaining_usages: 0 })],
    ['Expirado', buildCoupon({ status: 'expired' })],
    ['Cancelado', buildCoupon({ status: 'cancelled' })],
    ['Não encontrado', null],
  ])('speaks pt-BR: %s', async (heading, coupon) => {
    server.use(lookupHandler(() => coupon))
    renderCoupon('CZ-7K3M9P2Q', 'pt-BR')
    expect(await verdict(heading)).toBeInTheDocument()
  })

  it('shows Zupy unavailable with Retry when the lookup fails, then recovers', async () => {
    let fail = true
    server.use(
      endpointHandler(couponEndpoints.issued, () =>
        fail
          ? problem(504, 'upstream-timeout', 'Zupy did not answer in 10 s')
          : HttpResponse.json({ results: [buildCoupon()] }),
      ),
    )
    const { user } = renderCoupon('CZ-7K3M9P2Q')
    expect(await screen.findByRole('alert')).toHaveTextContent('Zupy is not responding')
    fail = false
    await user.click(screen.getByRole('button', { name: 'Retry' }))
    expect(await verdict('Active')).toBeInTheDocument()
  })
})

describe('CouponVerdict: validate outcomes', () => {
  it('validated (single use): shows Validated only after the 200, with 0 of 1 left', async () => {
    const state = statefulCoupon(buildCoupon())
    let release: () => void = () => undefined
    const gate = new Promise<void>((resolve) => {
      release = resolve
    })
    server.use(
      lookupHandler(state.current),
      endpointHandler(couponEndpoints.validate, async ({ request }) => {
        state.posts.push(request)
        await gate
        return HttpResponse.json(validateBody(state.current(), state.use()))
      }),
    )
    const { user } = renderCoupon('CZ-7K3M9P2Q')
    await user.click(await screen.findByRole('button', { name: 'Use coupon' }))

    // In flight: still Active, the button busy and disabled; no optimistic "Validated".
    expect(await screen.findByRole('button', { name: 'Using…' })).toBeDisabled()
    expect(screen.queryByRole('heading', { name: 'Validated' })).not.toBeInTheDocument()
    expect(screen.getByRole('heading', { name: 'Active' })).toBeInTheDocument()

    release()
    const card = await screen.findByRole('region', { name: 'Validated' })
    expect(card).toHaveTextContent(/Uses left\s*0 of 1/)
    // Nothing left to use; only the slip can be printed.
    expect(
      within(card)
        .getAllByRole('button')
        .map((button) => button.textContent),
    ).toEqual(['Print slip'])
    expect(state.posts).toHaveLength(1)
    expect(new URL(state.posts[0]?.url ?? '').pathname).toBe(
      `/api/v2/customers/${MARIA.id}/coupons/CZ-7K3M9P2Q/validate/`,
    )
  })

  it.each([
    ['with the till named by the server', 'Caixa 2', /Till\s*Caixa 2/, 'America/Sao_Paulo'],
    ['without a till name (an older server): no till line', undefined, null, undefined],
  ])(
    'Print slip after Validated: code, reward, time of use, till (%s)',
    async (_, till, line, timeZone) => {
      const state = statefulCoupon(buildCoupon())
      const answer = validateBody(state.current(), 0)
      server.use(
        lookupHandler(state.current),
        endpointHandler(couponEndpoints.validate, () => {
          state.use()
          return HttpResponse.json({ ...answer, validated_at: '2026-04-25T17:30:00Z' })
        }),
        http.get('/api/pos/config', () =>
          HttpResponse.json(buildPosConfig({ till, ...(timeZone ? { time_zone: timeZone } : {}) })),
        ),
      )
      let printed: HTMLElement | null = null
      const print = vi.fn(() => {
        printed = screen.getByRole('region', { name: 'Slip of coupon CZ-7K3M9P2Q to print' })
      })
      vi.stubGlobal('print', print)
      onTestFinished(() => {
        vi.unstubAllGlobals()
      })
      const { user } = renderCoupon('CZ-7K3M9P2Q')
      await user.click(await screen.findByRole('button', { name: 'Use coupon' }))
      const card = await screen.findByRole('region', { name: 'Validated' })
      await user.click(within(card).getByRole('button', { name: 'Print slip' }))

      expect(print).toHaveBeenCalledTimes(1)
      const paper = printed as unknown as HTMLElement
      expect(paper.parentElement).toBe(document.body)
      expect(paper).toHaveTextContent(/Coupon\s*CZ-7K3M9P2Q/)
      expect(paper).toHaveTextContent(`Reward${state.current().reward_name}`)
      // In the store's time zone when the server names it (as Today shows it), else the device's.
      const usedAt = new Intl.DateTimeFormat('en', {
        dateStyle: 'medium',
        timeStyle: 'short',
        ...(timeZone ? { timeZone } : {}),
      })
      expect(paper).toHaveTextContent(`Used at${usedAt.format(Date.parse('2026-04-25T17:30:00Z'))}`)
      if (line) expect(paper).toHaveTextContent(line)
      else expect(paper).not.toHaveTextContent('Till')
      // The slip stays with the store: no customer on it.
      expect(paper).not.toHaveTextContent(state.current().customer_name)
    },
  )

  it('no slip to print before the coupon is used, nor after a 409', async () => {
    const state = statefulCoupon(buildCoupon())
    server.use(
      lookupHandler(state.current),
      endpointHandler(couponEndpoints.validate, () =>
        problem(409, 'coupon-already-used', 'Already used'),
      ),
    )
    const { user } = renderCoupon('CZ-7K3M9P2Q')
    await user.click(await screen.findByRole('button', { name: 'Use coupon' }))
    expect(await verdict('Already used')).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Print slip' })).not.toBeInTheDocument()
  })

  it('a use Zupy just recorded reads "now", not a time ahead of the screen\'s clock', async () => {
    const state = statefulCoupon(buildCoupon())
    server.use(
      lookupHandler(state.current),
      endpointHandler(couponEndpoints.validate, async () => {
        // Zupy records the use well after the screen last read its clock.
        await new Promise((resolve) => setTimeout(resolve, 1500))
        return HttpResponse.json(validateBody(state.current(), state.use()))
      }),
    )
    const { user } = renderCoupon('CZ-7K3M9P2Q')
    await user.click(await screen.findByRole('button', { name: 'Use coupon' }))
    const card = await screen.findByRole('region', { name: 'Validated' }, { timeout: 4000 })
    expect(card).toHaveTextContent(/Validated at\s*now/)
  })

  it('moves the focus to the new verdict when the pressed Use button goes with the old one', async () => {
    const state = statefulCoupon(buildCoupon())
    server.use(
      lookupHandler(state.current),
      endpointHandler(couponEndpoints.validate, () =>
        HttpResponse.json(validateBody(state.current(), state.use())),
      ),
    )
    const { user } = renderCoupon('CZ-7K3M9P2Q')
    ;(await screen.findByRole('button', { name: 'Use coupon' })).focus()
    await user.keyboard('{Enter}')
    expect(await verdict('Validated')).toHaveFocus()
  })

  it('validated (multi-use): counts down 2 → 1 → 0 of 3 with Use again', async () => {
    const state = statefulCoupon(
      buildCoupon({ coupon_code: 'CZ-4H8N2W6R', remaining_usages: 2, total_usages_allowed: 3 }),
    )
    serveCoupon(state)
    const { user } = renderCoupon('CZ-4H8N2W6R')
    expect(await screen.findByRole('region', { name: 'Active' })).toHaveTextContent('2 of 3')

    await user.click(screen.getByRole('button', { name: 'Use coupon' }))
    expect(await screen.findByRole('region', { name: 'Validated' })).toHaveTextContent(
      /Uses left\s*1 of 3/,
    )

    await user.click(screen.getByRole('button', { name: 'Use again' }))
    await expect
      .poll(() => screen.getByRole('region', { name: 'Validated' }).textContent)
      .toMatch(/Uses left\s*0 of 3/)
    expect(screen.queryByRole('button', { name: 'Use again' })).not.toBeInTheDocument()
    expect(state.posts).toHaveLength(2)
  })

  it.each([
    ['used', 'Already used', /Used\s*(now|\d+ seconds? ago)/],
    ['expired', 'Expired', /Expired/],
    ['cancelled', 'Cancelled', /Cancelled/],
  ] as const)(
    'already used (409): the refresh says %s → %s, and no error message',
    async (status, heading, detail) => {
      const state = statefulCoupon(buildCoupon())
      server.use(
        lookupHandler(state.current),
        endpointHandler(couponEndpoints.validate, ({ request }) => {
          state.posts.push(request)
          // Another till got there first.
          state.set({
            ...state.current(),
            status,
            remaining_usages: status === 'used' ? 0 : 1,
            usage_date: status === 'used' ? new Date().toISOString() : null,
          })
          return problem(409, 'conflict', 'Cupom já Used')
        }),
      )
      const { user } = renderCoupon('CZ-7K3M9P2Q')
      await user.click(await screen.findByRole('button', { name: 'Use coupon' }))
      const card = await screen.findByRole('region', { name: heading })
      expect(card).toHaveTextContent(detail)
      expect(screen.queryByRole('alert')).not.toBeInTheDocument()
      expect(screen.queryByRole('button', { name: 'Use coupon' })).not.toBeInTheDocument()
      expect(state.posts).toHaveLength(1)
    },
  )

  it('shows Already used on a 409 even when the refresh fails', async () => {
    const state = statefulCoupon(buildCoupon())
    let lookups = 0
    server.use(
      endpointHandler(couponEndpoints.issued, () => {
        lookups += 1
        return lookups === 1
          ? HttpResponse.json({ results: [state.current()] })
          : HttpResponse.error()
      }),
      endpointHandler(couponEndpoints.validate, () => problem(409, 'conflict', 'Cupom já Used')),
    )
    const { user } = renderCoupon('CZ-7K3M9P2Q')
    await user.click(await screen.findByRole('button', { name: 'Use coupon' }))
    expect(await verdict('Already used')).toBeInTheDocument()
  })

  it('otp_required: opens the OTP step for the customer, then sends exactly one more POST with the session', async () => {
    const state = statefulCoupon(buildCoupon())
    server.use(
      lookupHandler(state.current),
      endpointHandler(customerEndpoints.get, () => HttpResponse.json(buildCustomer())),
      endpointHandler(couponEndpoints.validate, ({ request }) => {
        state.posts.push(request)
        if (request.headers.get('X-OTP-Session') !== OTP_TOKEN) {
          return problem(403, 'otp-required', 'Verificação OTP necessária.')
        }
        return HttpResponse.json(validateBody(state.current(), state.use()))
      }),
    )
    const { user } = renderCoupon('CZ-7K3M9P2Q')
    await user.click(await screen.findByRole('button', { name: 'Use coupon' }))

    const dialog = await screen.findByRole('dialog', { name: 'Verify customer' })
    expect(dialog).toHaveTextContent('Maria Santos · +5511987654321')
    expect(state.posts).toHaveLength(1)
    await user.click(within(dialog).getByRole('button', { name: 'Verify' }))

    expect(await verdict('Validated')).toBeInTheDocument()
    expect(state.posts).toHaveLength(2)
    expect(state.posts[0]?.headers.get('X-OTP-Session')).toBeNull()
    expect(state.posts[1]?.headers.get('X-OTP-Session')).toBe(OTP_TOKEN)
    expect(getOtpSession(MARIA.id)?.token).toBe(OTP_TOKEN)
  })

  it('sends a stored OTP session with the first POST', async () => {
    saveOtpSession(MARIA.id, OTP_TOKEN, Date.now() + 60_000)
    const state = statefulCoupon(buildCoupon())
    serveCoupon(state)
    const { user } = renderCoupon('CZ-7K3M9P2Q')
    await user.click(await screen.findByRole('button', { name: 'Use coupon' }))
    expect(await verdict('Validated')).toBeInTheDocument()
    expect(state.posts.map((post) => post.headers.get('X-OTP-Session'))).toEqual([OTP_TOKEN])
  })

  it('otp_required, cancelled: says the coupon was not used and sends nothing more', async () => {
    const state = statefulCoupon(buildCoupon())
    server.use(
      lookupHandler(state.current),
      endpointHandler(customerEndpoints.get, () => HttpResponse.json(buildCustomer())),
      endpointHandler(couponEndpoints.validate, ({ request }) => {
        state.posts.push(request)
        return problem(403, 'otp-required', 'Verificação OTP necessária.')
      }),
    )
    const { user } = renderCoupon('CZ-7K3M9P2Q')
    await user.click(await screen.findByRole('button', { name: 'Use coupon' }))
    await user.click(await screen.findByRole('button', { name: 'Cancel verification' }))

    expect(await screen.findByRole('status')).toHaveTextContent(
      'The customer was not verified, so the coupon was not used.',
    )
    expect(screen.getByRole('heading', { name: 'Active' })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Use coupon' })).toBeEnabled()
    expect(state.posts).toHaveLength(1)
  })

  it('not_found: a 404 on validate shows Not found', async () => {
    server.use(
      lookupHandler(() => buildCoupon()),
      endpointHandler(couponEndpoints.validate, () =>
        problem(404, 'not-found', 'Cupom não encontrado.'),
      ),
    )
    const { user } = renderCoupon('CZ-7K3M9P2Q')
    await user.click(await screen.findByRole('button', { name: 'Use coupon' }))
    expect(await verdict('Not found')).toBeInTheDocument()
  })

  it('unknown → confirmed: a 502 after Zupy committed ends on Validated (confirmed), one POST', async () => {
    const state = statefulCoupon(buildCoupon())
    server.use(
      lookupHandler(state.current),
      endpointHandler(couponEndpoints.validate, ({ request }) => {
        state.posts.push(request)
        state.use()
        return problem(502, 'upstream-error', 'Zupy closed the connection')
      }),
    )
    const { user } = renderCoupon('CZ-7K3M9P2Q')
    await user.click(await screen.findByRole('button', { name: 'Use coupon' }))
    expect(await verdict('Validated (confirmed)')).toBeInTheDocument()
    expect(screen.queryByRole('heading', { name: 'Already used' })).not.toBeInTheDocument()
    expect(state.posts).toHaveLength(1)
  })

  it("unknown → confirmed: the till journal hears it was validated, under the 502's request id", async () => {
    const state = statefulCoupon(buildCoupon())
    const settlements: unknown[] = []
    server.use(
      lookupHandler(state.current),
      endpointHandler(couponEndpoints.validate, () => {
        state.use()
        const lost = problem(502, 'upstream-error', 'Zupy closed the connection')
        lost.headers.set('X-Request-Id', 'req-502')
        return lost
      }),
      http.post('/api/pos/journal/settlements', async ({ request }) => {
        settlements.push(await request.json())
        return new HttpResponse(null, { status: 204 })
      }),
    )
    const { user } = renderCoupon('CZ-7K3M9P2Q')
    await user.click(await screen.findByRole('button', { name: 'Use coupon' }))
    expect(await verdict('Validated (confirmed)')).toBeInTheDocument()
    await waitFor(() => {
      expect(settlements).toEqual([
        { request_id: 'req-502', outcome: 'validated', coupon_code: 'CZ-7K3M9P2Q' },
      ])
    })
  })

  it('unknown → confirmed for a multi-use coupon whose uses dropped', async () => {
    const state = statefulCoupon(
      buildCoupon({ coupon_code: 'CZ-4H8N2W6R', remaining_usages: 2, total_usages_allowed: 3 }),
    )
    server.use(
      lookupHandler(state.current),
      endpointHandler(couponEndpoints.validate, () => {
        state.use()
        return HttpResponse.error()
      }),
    )
    const { user } = renderCoupon('CZ-4H8N2W6R')
    await user.click(await screen.findByRole('button', { name: 'Use coupon' }))
    expect(await screen.findByRole('region', { name: 'Validated (confirmed)' })).toHaveTextContent(
      '1 of 3',
    )
  })

  it('unknown → not used: offers a deliberate Try again, which sends one more POST', async () => {
    const state = statefulCoupon(buildCoupon())
    let drop = true
    server.use(
      lookupHandler(state.current),
      endpointHandler(couponEndpoints.validate, ({ request }) => {
        state.posts.push(request)
        if (drop) return HttpResponse.error()
        return HttpResponse.json(validateBody(state.current(), state.use()))
      }),
    )
    const { user } = renderCoupon('CZ-7K3M9P2Q')
    await user.click(await screen.findByRole('button', { name: 'Use coupon' }))
    expect(await verdict('Not used. Try again')).toBeInTheDocument()
    expect(state.posts).toHaveLength(1)

    drop = false
    await user.click(screen.getByRole('button', { name: 'Try again' }))
    expect(await verdict('Validated')).toBeInTheDocument()
    expect(state.posts).toHaveLength(2)
  })

  it('unknown → the re-read fails too: says the outcome is unknown and Check again reads, never posts', async () => {
    const state = statefulCoupon(buildCoupon())
    let lookups = 0
    let readable = false
    server.use(
      endpointHandler(couponEndpoints.issued, () => {
        lookups += 1
        return lookups === 1 || readable
          ? HttpResponse.json({ results: [state.current()] })
          : problem(504, 'upstream-timeout', 'Zupy did not answer')
      }),
      endpointHandler(couponEndpoints.validate, ({ request }) => {
        state.posts.push(request)
        state.use()
        return problem(504, 'upstream-timeout', 'Zupy did not answer')
      }),
    )
    const { user } = renderCoupon('CZ-7K3M9P2Q')
    await user.click(await screen.findByRole('button', { name: 'Use coupon' }))
    expect(await verdict('Outcome unknown')).toBeInTheDocument()
    expect(screen.getByRole('region', { name: 'Outcome unknown' })).toHaveTextContent(
      'Do not apply the discount until it is confirmed.',
    )

    readable = true
    await user.click(screen.getByRole('button', { name: 'Check again' }))
    expect(await verdict('Validated (confirmed)')).toBeInTheDocument()
    expect(state.posts).toHaveLength(1)
  })

  it('sends ONE POST for five rapid taps', async () => {
    const state = statefulCoupon(buildCoupon())
    server.use(
      lookupHandler(state.current),
      endpointHandler(couponEndpoints.validate, async ({ request }) => {
        state.posts.push(request)
        await delay(50)
        return HttpResponse.json(validateBody(state.current(), state.use()))
      }),
    )
    renderCoupon('CZ-7K3M9P2Q')
    const button = await screen.findByRole('button', { name: 'Use coupon' })
    // Synchronous taps, faster than React Query can report "pending" and disable the button.
    for (let tap = 0; tap < 5; tap += 1) fireEvent.click(button)
    expect(await verdict('Validated')).toBeInTheDocument()
    expect(state.posts).toHaveLength(1)
  })

  it('disables Use while offline and says why, and enables it when back online', async () => {
    server.use(lookupHandler(() => buildCoupon()))
    renderCoupon('CZ-7K3M9P2Q')
    const button = await screen.findByRole('button', { name: 'Use coupon' })
    expect(button).toBeEnabled()

    // The connection drops while the verdict is on screen.
    const onLine = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false)
    act(() => {
      window.dispatchEvent(new Event('offline'))
    })
    expect(button).toBeDisabled()
    expect(button).toHaveAccessibleDescription(
      'Offline: connect to the internet to use the coupon.',
    )

    onLine.mockReturnValue(true)
    act(() => {
      window.dispatchEvent(new Event('online'))
    })
    expect(button).toBeEnabled()
  })

  it('a 429 on validate shows the wait; the coupon stays usable later', async () => {
    server.use(
      lookupHandler(() => buildCoupon()),
      endpointHandler(couponEndpoints.validate, () =>
        HttpResponse.json(
          { type: 'https://docs.zupy.com/errors#rate-limit-exceeded', title: 'x', status: 429 },
          { status: 429, headers: { 'Retry-After': '30' } },
        ),
      ),
    )
    const { user } = renderCoupon('CZ-7K3M9P2Q')
    await user.click(await screen.findByRole('button', { name: 'Use coupon' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('Too many requests. Wait 30 s')
    expect(screen.getByRole('heading', { name: 'Active' })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Use coupon' })).toBeEnabled()
  })
})

describe('CouponVerdict: Check again tells the till journal (issue 13)', () => {
  /**
   * A validate whose answer is lost: a BFF 504 carrying `requestId`, or no answer at all without
   * one; `spent` says whether Zupy used the coupon anyway. The page's own lookup finds the
   * coupon; each later read (the flow's re-read, then one per Check again) follows `reads`.
   */
  function lostValidate({
    requestId,
    spent,
    reads,
  }: {
    requestId?: string
    spent: boolean
    reads: ('fail' | 'read')[]
  }) {
    const state = statefulCoupon(buildCoupon())
    const log = { lookups: 0, settlements: [] as unknown[] }
    server.use(
      endpointHandler(couponEndpoints.issued, () => {
        log.lookups += 1
        const read = log.lookups === 1 ? 'read' : reads[log.lookups - 2]
        return read === 'read'
          ? HttpResponse.json({ results: [state.current()] })
          : problem(504, 'upstream-timeout', 'Zupy did not answer')
      }),
      endpointHandler(couponEndpoints.validate, ({ request }) => {
        state.posts.push(request)
        if (spent) state.use()
        if (requestId === undefined) return HttpResponse.error()
        const lost = problem(504, 'upstream-timeout', 'Zupy did not answer')
        lost.headers.set('X-Request-Id', requestId)
        return lost
      }),
      http.post('/api/pos/journal/settlements', async ({ request }) => {
        log.settlements.push(await request.json())
        return new HttpResponse(null, { status: 204 })
      }),
    )
    return { state, log }
  }

  /** Long enough for a fire-and-forget POST to have reached the handler, had one been sent. */
  const settleDown = () => new Promise((resolve) => setTimeout(resolve, 50))

  /** Taps Use coupon and waits for the flow's failed re-read to leave the outcome unknown. */
  async function useUntilUnknown() {
    const rendered = renderCoupon('CZ-7K3M9P2Q')
    await rendered.user.click(await screen.findByRole('button', { name: 'Use coupon' }))
    expect(await verdict('Outcome unknown')).toBeInTheDocument()
    return rendered
  }

  it.each([
    [true, 'Validated (confirmed)', 'validated'],
    [false, 'Not used. Try again', 'not-spent'],
  ] as const)(
    "spent: %s → a Check again that settles it (%s) posts once, under the lost attempt's request id",
    async (spent, heading, outcome) => {
      const { state, log } = lostValidate({ requestId: 'req-504', spent, reads: ['fail', 'read'] })
      const { user } = await useUntilUnknown()
      await settleDown()
      expect(log.settlements).toEqual([])

      await user.click(screen.getByRole('button', { name: 'Check again' }))
      expect(await verdict(heading)).toBeInTheDocument()
      await waitFor(() => {
        expect(log.settlements).toEqual([
          { request_id: 'req-504', outcome, coupon_code: 'CZ-7K3M9P2Q' },
        ])
      })
      await settleDown()
      expect(log.settlements).toHaveLength(1)
      expect(state.posts).toHaveLength(1)
    },
  )

  it('a Check again that is still unknown posts nothing and keeps the id for the next one', async () => {
    const { log } = lostValidate({
      requestId: 'req-504',
      spent: true,
      reads: ['fail', 'fail', 'read'],
    })
    const { user } = await useUntilUnknown()

    await user.click(screen.getByRole('button', { name: 'Check again' }))
    await waitFor(() => {
      expect(log.lookups).toBe(3)
    })
    expect(await screen.findByRole('button', { name: 'Check again' })).toBeEnabled()
    expect(screen.getByRole('heading', { name: 'Outcome unknown' })).toBeInTheDocument()
    await settleDown()
    expect(log.settlements).toEqual([])

    await user.click(screen.getByRole('button', { name: 'Check again' }))
    expect(await verdict('Validated (confirmed)')).toBeInTheDocument()
    await waitFor(() => {
      expect(log.settlements).toEqual([
        { request_id: 'req-504', outcome: 'validated', coupon_code: 'CZ-7K3M9P2Q' },
      ])
    })
  })

  it('without a request id (no answer reached the till) a Check again that confirms posts nothing', async () => {
    const { log } = lostValidate({ spent: true, reads: ['fail', 'read'] })
    const { user } = await useUntilUnknown()
    await user.click(screen.getByRole('button', { name: 'Check again' }))
    expect(await verdict('Validated (confirmed)')).toBeInTheDocument()
    await settleDown()
    expect(log.settlements).toEqual([])
  })
})

describe('CouponVerdict: hosted on the scan screen', () => {
  it('autoUse validates an active coupon once, with no tap, and reports each verdict', async () => {
    const state = statefulCoupon(buildCoupon())
    serveCoupon(state)
    const seen: string[] = []
    renderAt(
      '/scan',
      '/scan',
      <CouponVerdict code="CZ-7K3M9P2Q" autoUse onVerdict={(kind) => seen.push(kind)} />,
      { language: 'en' },
    )
    expect(await verdict('Validated')).toBeInTheDocument()
    expect(state.posts).toHaveLength(1)
    expect(seen).toEqual(['looking', 'active', 'validated'])
  })

  it('autoUse never validates a coupon that is not active', async () => {
    const state = statefulCoupon(buildCoupon({ status: 'used', remaining_usages: 0 }))
    serveCoupon(state)
    const seen: string[] = []
    renderAt(
      '/scan',
      '/scan',
      <CouponVerdict code="CZ-7K3M9P2Q" autoUse onVerdict={(kind) => seen.push(kind)} />,
      { language: 'en' },
    )
    expect(await verdict('Already used')).toBeInTheDocument()
    expect(state.posts).toHaveLength(0)
    expect(seen.at(-1)).toBe('already-used')
  })
})
