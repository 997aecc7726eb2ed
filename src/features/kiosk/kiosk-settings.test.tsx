import { screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { renderWithProviders } from '../../testing/render-with-providers'
import {
  IDLE_TIMEOUT_KEY,
  KIOSK_MODE_KEY,
  onKioskExitRequest,
  readIdleTimeoutS,
  readKioskMode,
  writeKioskMode,
} from './kiosk-store'
import { KioskSettings } from './kiosk-settings'

describe('KioskSettings', () => {
  it('turns kiosk mode on with one tap, stored on the device', async () => {
    const { user } = renderWithProviders(<KioskSettings />)
    expect(screen.getByRole('heading', { level: 2, name: 'Kiosk' })).toBeInTheDocument()
    const toggle = screen.getByRole('switch', { name: 'Kiosk mode' })
    expect(toggle).not.toBeChecked()
    expect(toggle).toHaveAccessibleDescription(/Leaving it needs the cashier PIN/)
    await user.click(toggle)
    expect(toggle).toBeChecked()
    expect(localStorage.getItem(KIOSK_MODE_KEY)).toBe('true')
  })

  it('does not turn kiosk mode off by itself: it asks for the PIN step', async () => {
    writeKioskMode(true)
    const exitRequested = vi.fn()
    const unsubscribe = onKioskExitRequest(exitRequested)
    const { user } = renderWithProviders(<KioskSettings />)
    await user.click(screen.getByRole('switch', { name: 'Kiosk mode' }))
    expect(exitRequested).toHaveBeenCalledTimes(1)
    expect(readKioskMode()).toBe(true)
    expect(screen.getByRole('switch', { name: 'Kiosk mode' })).toBeChecked()
    unsubscribe()
  })

  it('sets the idle timeout, 60 s by default', async () => {
    const { user } = renderWithProviders(<KioskSettings />)
    const select = screen.getByRole('combobox', { name: 'Start over after' })
    expect(select).toHaveDisplayValue('1 minute')
    expect(select).toHaveAccessibleDescription(/a 10-second countdown shows/)
    await user.selectOptions(select, '1 min 30 s')
    expect(readIdleTimeoutS()).toBe(90)
    await user.selectOptions(select, '15 seconds')
    expect(localStorage.getItem(IDLE_TIMEOUT_KEY)).toBe('15')
  })

  it('shows a stored timeout that is not one of the choices', () => {
    localStorage.setItem(IDLE_TIMEOUT_KEY, '100')
    renderWithProviders(<KioskSettings />)
    expect(screen.getByRole('combobox', { name: 'Start over after' })).toHaveDisplayValue(
      '1 min 40 s',
    )
  })

  it('speaks Portuguese', () => {
    renderWithProviders(<KioskSettings />, { language: 'pt-BR' })
    expect(screen.getByRole('switch', { name: 'Modo quiosque' })).toBeInTheDocument()
    expect(screen.getByRole('combobox', { name: 'Recomeçar depois de' })).toHaveDisplayValue(
      '1 minuto',
    )
  })
})
