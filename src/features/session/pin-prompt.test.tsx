import { act, renderHook, screen, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  applySessionStatus,
  getCashierSession,
  getIdleDeadline,
  resetCashierSession,
} from '../../lib/cashier-session'
import { renderWithProviders } from '../../testing/render-with-providers'
import { formatCountdown, PinPrompt } from './pin-prompt'
import { countRequests, useFakeSessionBff } from './testing'
import { usePinCheck } from './use-pin-check'

beforeEach(() => {
  resetCashierSession()
})
afterEach(() => {
  resetCashierSession()
  vi.useRealTimers()
})

describe('PinPrompt on its own (e.g. leaving kiosk mode)', () => {
  it('asks the server, runs onVerified once on the right PIN and renews the session', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    const fake = useFakeSessionBff({ signedIn: true, idleTimeoutS: 60 })
    applySessionStatus({ authenticated: true, idleTimeoutS: 60 })
    const onVerified = vi.fn()
    const { user } = renderWithProviders(
      <PinPrompt submitLabel="Leave kiosk mode" onVerified={onVerified} />,
      { language: 'en' },
    )
    vi.advanceTimersByTime(50_000)
    await user.type(screen.getByLabelText('PIN'), '1234')
    await user.click(screen.getByRole('button', { name: 'Leave kiosk mode' }))
    await waitFor(() => {
      expect(onVerified).toHaveBeenCalledOnce()
    })
    expect(countRequests(fake, 'POST /api/pos/session')).toBe(1)
    expect(getCashierSession()).toEqual({ status: 'unlocked' })
    // Without the renewal it would be ~10 s away.
    expect(getIdleDeadline()).toBeGreaterThan(Date.now() + 55_000)
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
  })

  it('does not run onVerified on a wrong PIN', async () => {
    useFakeSessionBff({ signedIn: true })
    const onVerified = vi.fn()
    const { user } = renderWithProviders(<PinPrompt onVerified={onVerified} />, {
      language: 'pt-BR',
    })
    await user.type(screen.getByLabelText('PIN'), '4321{Enter}')
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'PIN incorreto. Restam 4 tentativas.',
    )
    expect(onVerified).not.toHaveBeenCalled()
  })

  it('keeps Unlock disabled until the PIN has 4 digits, and the keys are at least 48 px', async () => {
    useFakeSessionBff({ signedIn: true })
    const { user } = renderWithProviders(<PinPrompt />, { language: 'en' })
    const unlock = screen.getByRole('button', { name: 'Unlock' })
    await user.type(screen.getByLabelText('PIN'), '123')
    expect(unlock).toBeDisabled()
    await user.type(screen.getByLabelText('PIN'), '4')
    expect(unlock).toBeEnabled()
    for (const digit of ['0', '1', '9']) {
      // min-h-16 is 4rem (64 px); min-w-touch 3rem (48 px).
      expect(screen.getByRole('button', { name: digit }).className).toMatch(/\bmin-h-16\b/)
      expect(screen.getByRole('button', { name: digit }).className).toMatch(/\bmin-w-touch\b/)
    }
  })
})

describe('usePinCheck', () => {
  it('sends one guess however fast the taps come', async () => {
    const fake = useFakeSessionBff({ signedIn: false })
    const { result } = renderHook(() => usePinCheck())
    act(() => {
      for (let tap = 0; tap < 5; tap += 1) result.current.verify('1234')
    })
    await waitFor(() => {
      expect(result.current.state.kind).toBe('verified')
    })
    expect(fake.pins).toEqual(['1234'])
  })
})

describe('formatCountdown', () => {
  it.each([
    [300, '5:00'],
    [299.2, '5:00'],
    [61, '1:01'],
    [9, '0:09'],
    [0, '0:00'],
    [-3, '0:00'],
  ])('%d s → %s', (seconds, text) => {
    expect(formatCountdown(seconds)).toBe(text)
  })
})
