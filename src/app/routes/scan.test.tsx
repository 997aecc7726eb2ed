import { act, fireEvent, screen, within } from '@testing-library/react'
import type { UserEvent } from '@testing-library/user-event'
import { HttpResponse } from 'msw'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Coupon } from '../../../contract/coupons'
import { buildCoupon, lookupHandler, validateBody } from '../../features/coupons/test-fixtures'
import { giveFeedback } from '../../features/scan/scan-feedback'
import { writeScanSetting } from '../../features/scan/scan-settings'
import { server } from '../../testing/msw-server'
import { renderApp } from '../../testing/render-with-providers'
import { endpointHandler } from '../../testing/endpoint-handler'
import { couponEndpoints } from '../../../contract/endpoints/coupons'
import { customerEndpoints } from '../../../contract/endpoints/customers'

vi.mock('../../features/scan/scan-feedback', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../features/scan/scan-feedback')>()),
  giveFeedback: vi.fn(),
}))

/** The sandbox in miniature: one coupon, used up by validate. */
function oneCoupon(initial: Coupon | null) {
  let coupon = initial
  const validates: string[] = []
  server.use(
    lookupHandler(() => coupon),
    endpointHandler(couponEndpoints.validate, ({ params }) => {
      validates.push(params.couponRef)
      if (!coupon) return HttpResponse.json({}, { status: 404 })
      const remaining = coupon.remaining_usages - 1
      const body = validateBody(coupon, remaining)
      coupon = { ...coupon, remaining_usages: remaining, status: remaining > 0 ? 'active' : 'used' }
      return HttpResponse.json(body)
    }),
    endpointHandler(customerEndpoints.search, () =>
      HttpResponse.json({ count: 0, next: null, previous: null, results: [] }),
    ),
  )
  return { validates }
}

/**
 * A wedge scanner's burst into whatever has focus: keys 4 ms apart by their `timeStamp`, then
 * Enter. The times are set, not measured, so a busy test machine cannot split the burst; a key the
 * page lets through into a focused field is typed there, as a browser would.
 */
function wedge(text: string) {
  let time = performance.now() + 10_000
  const fire = (key: string) => {
    const target = document.activeElement ?? document.body
    const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true })
    Object.defineProperty(event, 'timeStamp', { value: (time += 4) })
    target.dispatchEvent(event)
    if (key.length === 1 && !event.defaultPrevented && target instanceof HTMLInputElement) {
      fireEvent.change(target, { target: { value: target.value + key } })
    }
  }
  act(() => {
    for (const key of text) fire(key)
    fire('Enter')
  })
}

/** A person at the keyboard: userEvent types as fast as a scanner, so Enter comes after a pause. */
async function typeCode(user: UserEvent, text: string) {
  await user.type(screen.getByRole('textbox', { name: 'Coupon code' }), text)
  await new Promise((resolve) => setTimeout(resolve, 60))
  await user.keyboard('{Enter}')
}

const result = () => screen.getByRole('region', { name: 'Scan result' })
const history = () =>
  within(screen.getByRole('region', { name: 'Scans this session' })).queryAllByRole('listitem')
const feedback = vi.mocked(giveFeedback)

async function openScan() {
  const rendered = renderApp('/scan')
  await screen.findByRole('heading', { level: 1, name: 'Scan a coupon' })
  // Let the screen's effects run: the scanner listener is attached in one.
  await act(async () => {
    await Promise.resolve()
  })
  return rendered
}

beforeEach(() => {
  feedback.mockClear()
})

afterEach(() => {
  sessionStorage.clear()
})

describe('/scan', () => {
  it('a typed code in any case, without hyphen → Active → Use coupon → Validated', async () => {
    const { validates } = oneCoupon(buildCoupon())
    const { user } = await openScan()
    await typeCode(user, ' cz7k3m9p2q ')

    expect(await within(result()).findByRole('heading', { name: 'Active' })).toBeInTheDocument()
    expect(feedback).toHaveBeenLastCalledWith('success', { sound: true })
    expect(history()[0]).toHaveTextContent(/CZ-7K3M9P2Q.*Active.*Typed/)

    await user.click(within(result()).getByRole('button', { name: 'Use coupon' }))
    expect(await within(result()).findByRole('heading', { name: 'Validated' })).toBeInTheDocument()
    expect(validates).toEqual(['CZ-7K3M9P2Q'])
    expect(history()[0]).toHaveTextContent('Validated')
    expect(screen.getByText('CZ-7K3M9P2Q: Validated')).toHaveAttribute('aria-live', 'assertive')
    expect(history()).toHaveLength(1)
  })

  it('a scanner burst into the code field counts as a scan, not as typing', async () => {
    oneCoupon(buildCoupon())
    await openScan()
    screen.getByRole('textbox', { name: 'Coupon code' }).focus()
    wedge('CZ-7K3M9P2Q')
    expect(await within(result()).findByRole('heading', { name: 'Active' })).toBeInTheDocument()
    expect(history()[0]).toHaveTextContent('Scanner')
    expect(screen.getByRole('textbox', { name: 'Coupon code' })).toHaveValue('')
  })

  it('a wedge scan with nothing focused reaches the verdict; the same code again within 3 s is ignored', async () => {
    oneCoupon(null)
    await openScan()
    wedge('CZ-NQ8R3TWX')
    expect(await within(result()).findByRole('heading', { name: 'Not found' })).toBeInTheDocument()
    expect(feedback).toHaveBeenLastCalledWith('failure', { sound: true })
    wedge('cz-nq8r3twx')
    expect(history()).toHaveLength(1)
    expect(history()[0]).toHaveTextContent(/Not found.*Scanner/)
  })

  it('"Use on scan" uses a scanned active coupon at once, but not a typed one', async () => {
    const { validates } = oneCoupon(buildCoupon({ total_usages_allowed: 3, remaining_usages: 3 }))
    writeScanSetting('useOnScan', true)
    const { user } = await openScan()
    // The switch is in Settings; the scan screen says it is on and links there.
    expect(screen.getByText('Use on scan: on')).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Change in Settings' })).toHaveAttribute(
      'href',
      '/settings',
    )

    wedge('CZ-7K3M9P2Q')
    expect(await within(result()).findByRole('heading', { name: 'Validated' })).toBeInTheDocument()
    expect(validates).toHaveLength(1)

    await user.click(screen.getByRole('button', { name: 'Scan next' }))
    await typeCode(user, 'CZ-7K3M9P2Q')
    expect(await within(result()).findByRole('heading', { name: 'Active' })).toBeInTheDocument()
    expect(validates).toHaveLength(1)
  })

  it('turning sounds off keeps the verdict and silences the tone', async () => {
    oneCoupon(buildCoupon())
    writeScanSetting('sounds', false)
    await openScan()
    expect(screen.getByText(/Sounds: off/)).toBeInTheDocument()
    wedge('CZ-7K3M9P2Q')
    expect(await within(result()).findByRole('heading', { name: 'Active' })).toBeInTheDocument()
    expect(feedback).toHaveBeenLastCalledWith('success', { sound: false })
  })

  it('an unrecognised scan says so; Scan next clears the verdict', async () => {
    oneCoupon(null)
    const { user } = await openScan()
    wedge('hello there')
    expect(
      await within(result()).findByRole('heading', { name: 'Code not recognised' }),
    ).toBeVisible()
    expect(feedback).toHaveBeenLastCalledWith('failure', { sound: true })
    await user.click(screen.getByRole('button', { name: 'Scan next' }))
    expect(within(result()).queryByRole('heading')).not.toBeInTheDocument()
  })

  it('a scanned card goes to the customer lookup with its code', async () => {
    oneCoupon(null)
    await openScan()
    wedge('zp;maria01')
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Find a customer' }),
    ).toBeInTheDocument()
    expect(screen.getByRole('searchbox', { name: 'Search customer' })).toHaveValue('ZP-MARIA01')
  })

  it('explains a camera it cannot use and keeps the typed entry', async () => {
    oneCoupon(null)
    await openScan()
    // happy-dom is no secure context with a camera: the same path a till on http:// takes.
    expect(screen.getByRole('alert')).toHaveTextContent('secure address')
    expect(screen.getByRole('textbox', { name: 'Coupon code' })).toBeEnabled()
  })
})
