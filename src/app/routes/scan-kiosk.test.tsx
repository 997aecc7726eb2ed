import { act, screen, within } from '@testing-library/react'
import userEvent, { type UserEvent } from '@testing-library/user-event'
import { HttpResponse } from 'msw'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Coupon } from '../../../contract/coupons'
import { buildCoupon, listBody } from '../../features/coupons/test-fixtures'
import { writeKioskMode } from '../../features/kiosk/kiosk-store'
import { server } from '../../testing/msw-server'
import { renderApp } from '../../testing/render-with-providers'
import { endpointHandler } from '../../testing/endpoint-handler'
import { couponEndpoints } from '../../../contract/endpoints/coupons'

vi.mock('../../features/scan/scan-feedback', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../features/scan/scan-feedback')>()),
  giveFeedback: vi.fn(),
}))

/** Coupons by code; anything else is not found. */
function coupons(byCode: Record<string, Coupon>) {
  server.use(
    endpointHandler(couponEndpoints.issued, ({ request }) => {
      const found = byCode[new URL(request.url).searchParams.get('code') ?? '']
      return HttpResponse.json(listBody(found ? [found] : []))
    }),
  )
}

const result = () => screen.getByRole('region', { name: 'Scan result' })

let user: UserEvent

async function typeCode(text: string) {
  await user.type(screen.getByRole('textbox', { name: 'Coupon code' }), text)
  // A person, not a scanner: Enter after a pause.
  await act(async () => {
    await vi.advanceTimersByTimeAsync(60)
  })
  await user.keyboard('{Enter}')
}

async function openScan() {
  renderApp('/scan')
  user = userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) })
  await screen.findByRole('heading', { level: 1, name: 'Scan a coupon' })
}

const advance = (ms: number) =>
  act(async () => {
    await vi.advanceTimersByTimeAsync(ms)
  })

beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true })
  writeKioskMode(true)
})

afterEach(() => {
  vi.useRealTimers()
  sessionStorage.clear()
})

describe('/scan in kiosk mode', () => {
  it('resumes scanning by itself a few seconds after a verdict that needs no tap', async () => {
    coupons({ 'CZ-9T5B3X7L': buildCoupon({ coupon_code: 'CZ-9T5B3X7L', status: 'used' }) })
    await openScan()
    await typeCode('CZ-9T5B3X7L')
    expect(await within(result()).findByRole('heading', { name: 'Already used' })).toBeVisible()
    expect(within(result()).getByRole('timer')).toHaveTextContent('Next scan in 4 s')
    await advance(3000)
    expect(within(result()).getByRole('timer')).toHaveTextContent('Next scan in 1 s')
    expect(within(result()).getByRole('heading', { name: 'Already used' })).toBeVisible()
    await advance(1000)
    expect(within(result()).queryByRole('heading')).toBeNull()
    expect(within(result()).getByText(/No coupon read yet/)).toBeInTheDocument()
  })

  it('waits for the tap while the verdict asks for one (Use coupon)', async () => {
    coupons({ 'CZ-7K3M9P2Q': buildCoupon() })
    await openScan()
    await typeCode('CZ-7K3M9P2Q')
    expect(await within(result()).findByRole('heading', { name: 'Active' })).toBeVisible()
    expect(within(result()).queryByRole('timer')).toBeNull()
    await advance(30_000)
    expect(within(result()).getByRole('button', { name: 'Use coupon' })).toBeVisible()
  })

  it('resumes after a code that is not recognised', async () => {
    coupons({})
    await openScan()
    await typeCode('hello there')
    expect(
      await within(result()).findByRole('heading', { name: 'Code not recognised' }),
    ).toBeVisible()
    await advance(4000)
    expect(within(result()).queryByRole('heading')).toBeNull()
  })
})

describe('/scan outside kiosk mode', () => {
  it('keeps the verdict until "Scan next"', async () => {
    writeKioskMode(false)
    coupons({ 'CZ-9T5B3X7L': buildCoupon({ coupon_code: 'CZ-9T5B3X7L', status: 'used' }) })
    await openScan()
    await typeCode('CZ-9T5B3X7L')
    expect(await within(result()).findByRole('heading', { name: 'Already used' })).toBeVisible()
    expect(within(result()).queryByRole('timer')).toBeNull()
    await advance(30_000)
    expect(within(result()).getByRole('heading', { name: 'Already used' })).toBeVisible()
  })
})
