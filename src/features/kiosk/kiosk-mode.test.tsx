import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { HttpResponse } from 'msw'
import { useState } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { OtpRequestResponseSchema } from '../../../contract/otp'
import { resetCashierSession } from '../../lib/cashier-session'
import { server } from '../../testing/msw-server'
import { renderApp } from '../../testing/render-with-providers'
import { buildCustomer, buildCustomerListItem, customerPage } from '../customers/testing'
import { forgetOtpSessions, getOtpSession, saveOtpSession, useOtpGate } from '../otp'
import { clearScanHistory, getScanHistory, recordScan } from '../scan'
import { useFakeSessionBff } from '../session/testing'
import { readKioskMode, requestKioskExit, writeIdleTimeoutS, writeKioskMode } from './kiosk-store'
import { endpointHandler } from '../../testing/endpoint-handler'
import { couponEndpoints } from '../../../contract/endpoints/coupons'
import { customerEndpoints } from '../../../contract/endpoints/customers'
import { otpEndpoints } from '../../../contract/endpoints/otp'
import { rewardEndpoints } from '../../../contract/endpoints/rewards'

const maria = buildCustomer()
const emptyPage = { count: 0, next: null, previous: null, results: [] }

/** Maria's page and the lookup, counting the reads of her profile. */
function api() {
  const reads = { profile: 0 }
  server.use(
    endpointHandler(customerEndpoints.get, () => {
      reads.profile += 1
      return HttpResponse.json(maria)
    }),
    endpointHandler(customerEndpoints.search, () =>
      HttpResponse.json(customerPage([buildCustomerListItem()])),
    ),
    endpointHandler(rewardEndpoints.list, () => HttpResponse.json(emptyPage)),
    endpointHandler(couponEndpoints.issued, () => HttpResponse.json(emptyPage)),
    endpointHandler(otpEndpoints.request, () =>
      HttpResponse.json(
        OtpRequestResponseSchema.parse({ status: 'sent', channel: 'whatsapp', expires_in: 300 }),
      ),
    ),
  )
  return reads
}

const IDLE_MS = 60_000
const COUNTDOWN_MS = 10_000

const advance = (ms: number) =>
  act(async () => {
    await vi.advanceTimersByTimeAsync(ms)
  })

const countdown = () => screen.queryByRole('alertdialog', { name: 'Still there?' })

/** Every query key that mentions Maria's id, phone or name. */
function cachedAboutMaria(queryClient: ReturnType<typeof renderApp>['queryClient']) {
  return queryClient
    .getQueryCache()
    .getAll()
    .filter((query) => {
      const text = JSON.stringify([query.queryKey, query.state.data ?? null])
      return [maria.id, '98765', 'Maria'].some((needle) => text.includes(needle))
    })
}

async function openMaria() {
  const rendered = renderApp(`/customers/${maria.id}`)
  await screen.findByRole('heading', { level: 1, name: 'Maria Santos' })
  return rendered
}

beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true })
  resetCashierSession()
  writeKioskMode(true)
})

afterEach(() => {
  vi.useRealTimers()
  resetCashierSession()
  forgetOtpSessions()
  clearScanHistory()
})

describe('kiosk idle reset', () => {
  it('counts down after the idle time, then forgets the customer and shows the lookup', async () => {
    const reads = api()
    const { queryClient } = await openMaria()
    recordScan({ id: 's1', text: 'CZ-7K3M9P2Q', source: 'typed', outcome: 'active', at: 1 })
    saveOtpSession(maria.id, 'zs_token', Date.now() + 30 * 60_000)
    expect(cachedAboutMaria(queryClient)).not.toEqual([])

    await advance(IDLE_MS - 1000)
    expect(countdown()).toBeNull()
    await advance(1000)
    const dialog = await screen.findByRole('alertdialog', { name: 'Still there?' })
    expect(within(dialog).getByRole('timer')).toHaveTextContent('10 s')
    await advance(3000)
    expect(within(dialog).getByRole('timer')).toHaveTextContent('7 s')

    await advance(COUNTDOWN_MS - 3000)
    await screen.findByRole('heading', { level: 1, name: 'Find a customer' })
    expect(countdown()).toBeNull()
    expect(screen.queryByText('Maria Santos')).toBeNull()
    await waitFor(() => {
      expect(cachedAboutMaria(queryClient)).toEqual([])
    })
    expect(queryClient.getMutationCache().getAll()).toEqual([])
    expect(getOtpSession(maria.id)).toBeNull()
    expect(getScanHistory()).toEqual([])
    expect(screen.getByRole('searchbox', { name: 'Search customer' })).toHaveValue('')
    expect(reads.profile).toBe(1)
    // Still a kiosk, and still signed in: the next customer is served at once.
    expect(readKioskMode()).toBe(true)
  })

  it('keeps everything when someone touches the screen during the countdown', async () => {
    api()
    const { queryClient } = await openMaria()
    await advance(IDLE_MS)
    expect(await screen.findByRole('alertdialog', { name: 'Still there?' })).toBeInTheDocument()
    await advance(5000)
    fireEvent.pointerDown(document.body)
    await waitFor(() => {
      expect(countdown()).toBeNull()
    })
    await advance(COUNTDOWN_MS)
    expect(screen.getByRole('heading', { level: 1, name: 'Maria Santos' })).toBeInTheDocument()
    expect(cachedAboutMaria(queryClient)).not.toEqual([])
    // A whole idle time again before the next countdown.
    await advance(IDLE_MS - COUNTDOWN_MS - 1000)
    expect(countdown()).toBeNull()
    await advance(1000)
    expect(await screen.findByRole('alertdialog', { name: 'Still there?' })).toBeInTheDocument()
  })

  it('"Keep working" and a key (a barcode scanner) cancel it too', async () => {
    api()
    await openMaria()
    const user = userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) })
    await advance(IDLE_MS)
    const dialog = await screen.findByRole('alertdialog', { name: 'Still there?' })
    await user.click(within(dialog).getByRole('button', { name: 'Keep working' }))
    await waitFor(() => {
      expect(countdown()).toBeNull()
    })
    await advance(IDLE_MS)
    await screen.findByRole('alertdialog', { name: 'Still there?' })
    fireEvent.keyDown(document.body, { key: '7' })
    await waitFor(() => {
      expect(countdown()).toBeNull()
    })
    await advance(COUNTDOWN_MS)
    expect(screen.getByRole('heading', { level: 1, name: 'Maria Santos' })).toBeInTheDocument()
  })

  it('follows the idle timeout from Settings', async () => {
    writeIdleTimeoutS(15)
    api()
    await openMaria()
    await advance(15_000)
    expect(await screen.findByRole('alertdialog', { name: 'Still there?' })).toBeInTheDocument()
  })

  it('shows no countdown on an untouched start screen, ever', async () => {
    api()
    renderApp('/')
    await screen.findByRole('heading', { level: 1, name: 'Find a customer' })
    for (let i = 0; i < 5; i += 1) {
      await advance(IDLE_MS)
      expect(countdown()).toBeNull()
    }
  })

  it('resets the start screen when it still holds a search or a scan', async () => {
    api()
    renderApp('/')
    await screen.findByRole('heading', { level: 1, name: 'Find a customer' })
    recordScan({ id: 's1', text: 'CZ-7K3M9P2Q', source: 'camera', outcome: 'already-used', at: 1 })
    await advance(IDLE_MS)
    expect(await screen.findByRole('alertdialog', { name: 'Still there?' })).toBeInTheDocument()
    await advance(COUNTDOWN_MS)
    await waitFor(() => {
      expect(getScanHistory()).toEqual([])
    })
  })

  it('does nothing outside kiosk mode', async () => {
    writeKioskMode(false)
    api()
    await openMaria()
    await advance(IDLE_MS * 3)
    expect(countdown()).toBeNull()
    expect(screen.getByRole('heading', { level: 1, name: 'Maria Santos' })).toBeInTheDocument()
  })

  it('lets a request that spends something finish before forgetting', async () => {
    api()
    const { queryClient } = await openMaria()
    let finish: () => void = () => undefined
    const inFlight = new Promise<void>((resolve) => {
      finish = resolve
    })
    const redeem = queryClient
      .getMutationCache()
      .build(queryClient, { mutationFn: () => inFlight, networkMode: 'always' })
    void redeem.execute(undefined)
    expect(queryClient.isMutating()).toBe(1)

    await advance(IDLE_MS + COUNTDOWN_MS + 5000)
    expect(screen.getByRole('heading', { level: 1, name: 'Maria Santos' })).toBeInTheDocument()

    finish()
    await screen.findByRole('heading', { level: 1, name: 'Find a customer' })
    await waitFor(() => {
      expect(cachedAboutMaria(queryClient)).toEqual([])
    })
  })
})

/** Asks the app's OTP gate for Maria's code, the way a redeem does, and shows how it ended. */
function OtpProbe() {
  const { requestOtp } = useOtpGate()
  const [result, setResult] = useState('none')
  return (
    <>
      <button
        type="button"
        onClick={() => {
          void requestOtp({ id: maria.id, name: maria.full_name, phone: maria.phone }).then(
            (token) => {
              setResult(token ?? 'cancelled')
            },
          )
        }}
      >
        Ask OTP
      </button>
      <p>OTP: {result}</p>
    </>
  )
}

describe('kiosk idle reset with dialogs open', () => {
  it('closes the OTP step as its Cancel would, so what waited on it spends nothing', async () => {
    api()
    const { router } = renderApp(`/customers/${maria.id}`, { alongside: <OtpProbe /> })
    await screen.findByRole('heading', { level: 1, name: 'Maria Santos' })
    fireEvent.click(screen.getByRole('button', { name: 'Ask OTP' }))
    expect(await screen.findByRole('dialog', { name: 'Customer verification' })).toBeInTheDocument()

    await advance(IDLE_MS + COUNTDOWN_MS)
    await waitFor(() => {
      expect(screen.queryByRole('dialog', { name: 'Customer verification' })).toBeNull()
    })
    expect(screen.getByText('OTP: cancelled')).toBeInTheDocument()
    expect(router.state.location.pathname).toBe('/')
  })
})

describe('leaving kiosk mode', () => {
  async function openExit() {
    api()
    renderApp('/')
    const user = userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) })
    await screen.findByRole('heading', { level: 1, name: 'Find a customer' })
    await user.click(screen.getByRole('button', { name: 'Exit kiosk mode' }))
    const dialog = await screen.findByRole('dialog', { name: 'Exit kiosk mode' })
    const typePin = async (pin: string) => {
      const pad = within(dialog).getByRole('group', { name: 'PIN keypad' })
      for (const digit of pin) await user.click(within(pad).getByRole('button', { name: digit }))
      await user.click(within(dialog).getByRole('button', { name: 'Exit kiosk mode' }))
    }
    return { user, dialog, typePin }
  }

  it('asks for the cashier PIN: a wrong one stays in kiosk mode, the right one leaves', async () => {
    const fake = useFakeSessionBff({ signedIn: true })
    const { dialog, typePin } = await openExit()
    expect(within(dialog).getByText('Enter the cashier PIN to leave kiosk mode.')).toBeVisible()

    await typePin('9999')
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Wrong PIN')
    expect(readKioskMode()).toBe(true)

    await typePin('1234')
    await waitFor(() => {
      expect(screen.queryByRole('dialog', { name: 'Exit kiosk mode' })).toBeNull()
    })
    expect(readKioskMode()).toBe(false)
    expect(fake.pins).toEqual(['9999', '1234'])
    expect(screen.queryByRole('button', { name: 'Exit kiosk mode' })).toBeNull()
    expect(document.documentElement).not.toHaveAttribute('data-kiosk')
  })

  it('Cancel keeps kiosk mode', async () => {
    useFakeSessionBff({ signedIn: true })
    const { user, dialog } = await openExit()
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }))
    await waitFor(() => {
      expect(screen.queryByRole('dialog', { name: 'Exit kiosk mode' })).toBeNull()
    })
    expect(readKioskMode()).toBe(true)
    expect(document.documentElement).toHaveAttribute('data-kiosk')
  })

  it('the Settings switch opens the same PIN step', async () => {
    useFakeSessionBff({ signedIn: true })
    api()
    renderApp('/')
    await screen.findByRole('heading', { level: 1, name: 'Find a customer' })
    act(() => {
      requestKioskExit()
    })
    expect(await screen.findByRole('dialog', { name: 'Exit kiosk mode' })).toBeInTheDocument()
  })

  it('an idle reset closes the PIN step and stays in kiosk mode', async () => {
    useFakeSessionBff({ signedIn: true })
    const { dialog } = await openExit()
    await advance(IDLE_MS + COUNTDOWN_MS)
    await waitFor(() => {
      expect(dialog).not.toBeInTheDocument()
    })
    expect(readKioskMode()).toBe(true)
  })
})
