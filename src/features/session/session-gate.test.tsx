import { act, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { http, HttpResponse } from 'msw'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { onLock, resetCashierSession } from '../../lib/cashier-session'
import { server } from '../../testing/msw-server'
import { renderApp, renderWithProviders } from '../../testing/render-with-providers'
import { LockButton } from './lock-button'
import { countRequests, CustomerProbe, probeKey, PROBE_PATH, useFakeSessionBff } from './testing'

const lockDialog = () => screen.findByRole('dialog', { name: 'Locked' })

async function typeOnPad(user: ReturnType<typeof userEvent.setup>, pin: string) {
  const pad = screen.getByRole('group', { name: 'PIN keypad' })
  for (const digit of pin) await user.click(within(pad).getByRole('button', { name: digit }))
}

beforeEach(() => {
  resetCashierSession()
})
afterEach(() => {
  resetCashierSession()
  vi.useRealTimers()
})

describe('the lock screen', () => {
  it('covers the app at start when there is no session, with focus in the PIN field', async () => {
    useFakeSessionBff({ signedIn: false, pinHint: '1234' })
    renderApp('/settings', { language: 'en' })
    const dialog = await lockDialog()
    expect(within(dialog).getByRole('heading', { name: 'Locked' })).toBeInTheDocument()
    const field = within(dialog).getByLabelText('PIN')
    expect(field).toHaveAttribute('type', 'password')
    expect(field).toHaveAttribute('inputmode', 'numeric')
    expect(field).toHaveAttribute('autocomplete', 'off')
    await waitFor(() => {
      expect(field).toHaveFocus()
    })
    expect(await within(dialog).findByText('Sandbox PIN: 1234')).toBeInTheDocument()
    // The app is still there underneath, inert.
    const title = await screen.findByRole('heading', { level: 1, name: 'Settings' })
    expect(title.closest('[inert]')).not.toBeNull()
  })

  it('speaks Portuguese', async () => {
    useFakeSessionBff({ signedIn: false, pinHint: '1234' })
    renderApp('/', { language: 'pt-BR' })
    const dialog = await screen.findByRole('dialog', { name: 'Bloqueado' })
    expect(within(dialog).getByRole('button', { name: 'Desbloquear' })).toBeDisabled()
    expect(await within(dialog).findByText('PIN do sandbox: 1234')).toBeInTheDocument()
  })

  it('shows no PIN hint outside the sandbox default', async () => {
    const fake = useFakeSessionBff({ signedIn: false, pinHint: null })
    renderApp('/', { language: 'en' })
    const dialog = await lockDialog()
    await waitFor(() => {
      expect(countRequests(fake, 'GET /api/pos/config')).toBeGreaterThan(0)
    })
    expect(within(dialog).queryByText(/Sandbox PIN/)).not.toBeInTheDocument()
  })

  it('unlocks with the right PIN typed on the pad, onto the screen underneath', async () => {
    const fake = useFakeSessionBff({ signedIn: false })
    const { user } = renderApp('/settings', { language: 'en' })
    await lockDialog()
    await typeOnPad(user, '1234')
    await user.click(screen.getByRole('button', { name: 'Unlock' }))

    await waitFor(() => {
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    })
    expect(fake.pins).toEqual(['1234'])
    const title = screen.getByRole('heading', { level: 1, name: 'Settings' })
    expect(title.closest('[inert]')).toBeNull()
  })

  it('takes the PIN from a hardware keyboard, digits only, Enter to unlock', async () => {
    const fake = useFakeSessionBff({ signedIn: false })
    const { user } = renderApp('/', { language: 'en' })
    const dialog = await lockDialog()
    const field = within(dialog).getByLabelText('PIN')
    await waitFor(() => {
      expect(field).toHaveFocus()
    })
    await user.keyboard('12a3x4')
    expect(field).toHaveValue('1234')
    await user.keyboard('{Enter}')
    await waitFor(() => {
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    })
    expect(fake.pins).toEqual(['1234'])
  })

  it('says how many attempts are left after a wrong PIN, and empties the field', async () => {
    const fake = useFakeSessionBff({ signedIn: false })
    const { user } = renderApp('/', { language: 'en' })
    await lockDialog()
    await typeOnPad(user, '9999')
    await user.click(screen.getByRole('button', { name: 'Unlock' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong PIN. 4 attempts left.')
    expect(screen.getByLabelText('PIN')).toHaveValue('')
    expect(screen.getByRole('dialog', { name: 'Locked' })).toBeInTheDocument()

    await typeOnPad(user, '12345')
    await user.click(screen.getByRole('button', { name: 'Delete last digit' }))
    await user.click(screen.getByRole('button', { name: 'Unlock' }))
    await waitFor(() => {
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    })
    expect(fake.pins).toEqual(['9999', '1234'])
  })

  it('after five wrong PINs shows a live countdown from Retry-After with the keys disabled', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    const fake = useFakeSessionBff({ signedIn: false, lockoutS: 120 })
    renderApp('/', { language: 'en' })
    const user = userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) })
    await lockDialog()
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await user.type(screen.getByLabelText('PIN'), '0000{Enter}')
      await waitFor(() => {
        expect(fake.pins).toHaveLength(attempt)
      })
    }
    expect(await screen.findByRole('timer')).toHaveTextContent('Try again in 2:00')
    expect(screen.getByRole('alert')).toHaveTextContent('Too many wrong PINs')
    const pad = screen.getByRole('group', { name: 'PIN keypad' })
    for (const key of within(pad).getAllByRole('button')) expect(key).toBeDisabled()
    expect(screen.getByLabelText('PIN')).toBeDisabled()
    expect(screen.getByRole('button', { name: 'Unlock' })).toBeDisabled()

    vi.advanceTimersByTime(1000)
    await waitFor(() => {
      expect(screen.getByRole('timer')).toHaveTextContent('Try again in 1:59')
    })
    vi.advanceTimersByTime(61_000)
    await waitFor(() => {
      expect(screen.getByRole('timer')).toHaveTextContent('Try again in 0:58')
    })

    vi.advanceTimersByTime(58_000)
    await waitFor(() => {
      expect(screen.queryByRole('timer')).not.toBeInTheDocument()
    })
    for (const key of within(pad).getAllByRole('button')) expect(key).toBeEnabled()
    expect(screen.getByLabelText('PIN')).toBeEnabled()
    expect(fake.pins).toHaveLength(5)
  })

  it('says so when the till server cannot be reached', async () => {
    useFakeSessionBff({ signedIn: false })
    const { user } = renderApp('/', { language: 'en' })
    await lockDialog()
    server.use(http.post('/api/pos/session', () => HttpResponse.error()))
    await user.type(screen.getByLabelText('PIN'), '1234{Enter}')
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not reach the till server')
    expect(screen.getByRole('dialog', { name: 'Locked' })).toBeInTheDocument()
  })
})

describe('when the server ends the session', () => {
  it('a 401 session-required from any query locks; after unlocking the query is fetched again and local state is kept', async () => {
    const fake = useFakeSessionBff({ signedIn: true })
    const { user } = renderWithProviders(<CustomerProbe />, { language: 'en' })
    expect(await screen.findByText('Customer: Maria Silva')).toBeInTheDocument()
    await user.type(screen.getByLabelText('Note'), 'two coffees')

    fake.expire()
    await user.click(screen.getByRole('button', { name: 'Reload customer' }))
    const dialog = await lockDialog()
    expect(within(dialog).getByText(/The cashier session ended/)).toBeInTheDocument()
    expect(countRequests(fake, `GET ${PROBE_PATH}`)).toBe(2)

    await typeOnPad(user, '1234')
    await user.click(screen.getByRole('button', { name: 'Unlock' }))
    await waitFor(() => {
      expect(countRequests(fake, `GET ${PROBE_PATH}`)).toBe(3)
    })
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    expect(screen.getByText('Customer: Maria Silva')).toBeInTheDocument()
    expect(screen.getByLabelText('Note')).toHaveValue('two coffees')
    // Back where the cashier was.
    await waitFor(() => {
      expect(screen.getByRole('button', { name: 'Reload customer' })).toHaveFocus()
    })
  })

  it('locks when the idle timeout passes on this clock, and API activity postpones it', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    const fake = useFakeSessionBff({ signedIn: true, idleTimeoutS: 60 })
    renderWithProviders(<CustomerProbe />, { language: 'en' })
    const user = userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) })
    expect(await screen.findByText('Customer: Maria Silva')).toBeInTheDocument()
    await waitFor(() => {
      expect(countRequests(fake, 'GET /api/pos/session')).toBe(1)
    })

    vi.advanceTimersByTime(45_000)
    await user.click(screen.getByRole('button', { name: 'Reload customer' }))
    await waitFor(() => {
      expect(countRequests(fake, `GET ${PROBE_PATH}`)).toBe(2)
    })
    vi.advanceTimersByTime(45_000)
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()

    vi.advanceTimersByTime(16_000)
    const dialog = await lockDialog()
    expect(within(dialog).getByText(/Locked after a while without activity/)).toBeInTheDocument()
    // The client lock does not sign out: the server session runs out on its own.
    expect(countRequests(fake, 'DELETE /api/pos/session')).toBe(0)
  })
})

describe('Lock', () => {
  it('is in the header, named Lock / Bloquear, and locks the app', async () => {
    const fake = useFakeSessionBff({ signedIn: true })
    const { user, i18n } = renderApp('/settings', { language: 'pt-BR' })
    const header = await screen.findByRole('banner')
    expect(within(header).getByRole('button', { name: 'Bloquear' })).toBeInTheDocument()
    await i18n.changeLanguage('en')
    await user.click(within(header).getByRole('button', { name: 'Lock' }))
    expect(await lockDialog()).toBeInTheDocument()
    await waitFor(() => {
      expect(countRequests(fake, 'DELETE /api/pos/session')).toBe(1)
    })
  })

  it('signs out, forgets customer data except the /api/pos answers, and reloads it after unlocking', async () => {
    const fake = useFakeSessionBff({ signedIn: true })
    const locks: string[] = []
    const stop = onLock((reason) => locks.push(reason))
    const { user, queryClient } = renderWithProviders(
      <>
        <LockButton />
        <CustomerProbe />
      </>,
      { language: 'en' },
    )
    expect(await screen.findByText('Customer: Maria Silva')).toBeInTheDocument()
    queryClient.setQueryData(['customers', 'search', 'maria'], [{ name: 'Maria Silva' }])
    queryClient.setQueryData(['pos-status', 'config'], { mode: 'sandbox', version: '1' })
    queryClient.getMutationCache().build(queryClient, { mutationKey: ['redeem'] })

    await user.click(screen.getByRole('button', { name: 'Lock' }))
    await lockDialog()
    expect(locks).toEqual(['manual'])
    expect(queryClient.getQueryData(['customers', 'search', 'maria'])).toBeUndefined()
    expect(queryClient.getQueryData(probeKey)).toBeUndefined()
    expect(queryClient.getMutationCache().getAll()).toEqual([])
    expect(queryClient.getQueryData(['pos-status', 'config'])).toEqual({
      mode: 'sandbox',
      version: '1',
    })
    // Off the screen as well, not only out of the cache; and nothing is fetched while locked.
    expect(screen.queryByText('Customer: Maria Silva')).not.toBeInTheDocument()
    await waitFor(() => {
      expect(countRequests(fake, 'DELETE /api/pos/session')).toBe(1)
    })
    expect(countRequests(fake, `GET ${PROBE_PATH}`)).toBe(1)

    await typeOnPad(user, '1234')
    await user.click(screen.getByRole('button', { name: 'Unlock' }))
    expect(await screen.findByText('Customer: Maria Silva')).toBeInTheDocument()
    expect(countRequests(fake, `GET ${PROBE_PATH}`)).toBe(2)
    stop()
  })
})

describe('opened offline (the installed app on a dead network)', () => {
  /** Every request the page sends, handled or not. */
  function recordRequests() {
    const seen: string[] = []
    const listener = ({ request }: { request: Request }) => {
      seen.push(`${request.method} ${new URL(request.url).pathname}`)
    }
    server.events.on('request:start', listener)
    return {
      seen,
      stop: () => {
        server.events.removeListener('request:start', listener)
      },
    }
  }

  async function goOnline(onLine: { mockReturnValue: (value: boolean) => unknown }) {
    onLine.mockReturnValue(true)
    await act(async () => {
      window.dispatchEvent(new Event('online'))
      await Promise.resolve()
    })
  }

  it('shows the app frame with the offline message, asks nothing, and locks once back online', async () => {
    const fake = useFakeSessionBff({ signedIn: false })
    const requests = recordRequests()
    const onLine = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false)
    try {
      renderApp('/', { language: 'en' })
      expect(await screen.findByRole('status', { name: 'Offline' })).toHaveTextContent(
        'You are offline.',
      )
      expect(screen.getByRole('link', { name: 'Zupy POS' })).toBeInTheDocument()
      expect(screen.getByRole('navigation', { name: 'Main' })).toBeInTheDocument()
      // Neither an error nor a spinner in place of the screen.
      expect(await screen.findByRole('heading', { level: 1 })).toBeInTheDocument()
      expect(screen.queryByRole('alert')).not.toBeInTheDocument()
      await new Promise((resolve) => setTimeout(resolve, 100))
      expect(requests.seen).toEqual([])
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument()

      await goOnline(onLine)
      await lockDialog()
      expect(countRequests(fake, 'GET /api/pos/session')).toBe(1)
      expect(screen.queryByRole('status', { name: 'Offline' })).not.toBeInTheDocument()
    } finally {
      requests.stop()
      onLine.mockRestore()
    }
  })

  it('with a live session, carries on unlocked when the network returns', async () => {
    const fake = useFakeSessionBff({ signedIn: true })
    const onLine = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false)
    try {
      renderApp('/settings', { language: 'en' })
      await screen.findByRole('status', { name: 'Offline' })
      expect(fake.requests).toEqual([])
      await goOnline(onLine)
      await waitFor(() => {
        expect(countRequests(fake, 'GET /api/pos/session')).toBe(1)
      })
      const title = await screen.findByRole('heading', { level: 1, name: 'Settings' })
      expect(title.closest('[inert]')).toBeNull()
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    } finally {
      onLine.mockRestore()
    }
  })
})
