import { act, render } from '@testing-library/react'
import { createMemoryRouter, RouterProvider } from 'react-router'
import { describe, expect, it } from 'vitest'
import { readKioskMode, writeKioskMode } from './kiosk-store'
import { readKioskParam, useKioskUrlSwitch } from './kiosk-url'

describe('readKioskParam', () => {
  it.each([
    ['?kiosk=1', { turnOn: true, search: '' }],
    ['?kiosk=true', { turnOn: true, search: '' }],
    ['?q=maria&kiosk=1', { turnOn: true, search: '?q=maria' }],
    ['?kiosk=0&q=maria', { turnOn: false, search: '?q=maria' }],
    ['?kiosk', { turnOn: false, search: '' }],
    ['?kiosk=yes', { turnOn: false, search: '' }],
  ])('%s → %j', (search, expected) => {
    expect(readKioskParam(search)).toEqual(expected)
  })

  it('is null without the parameter', () => {
    expect(readKioskParam('')).toBeNull()
    expect(readKioskParam('?q=kiosk')).toBeNull()
  })
})

function Probe() {
  useKioskUrlSwitch()
  return null
}

function renderAt(url: string) {
  const router = createMemoryRouter([{ path: '*', Component: Probe }], { initialEntries: [url] })
  render(<RouterProvider router={router} />)
  return router
}

describe('?kiosk= in the address', () => {
  it('turns kiosk mode on, remembered on the device, and leaves a clean address in place', async () => {
    const router = renderAt('/customers/maria01?kiosk=1#top')
    await act(async () => {
      await Promise.resolve()
    })
    expect(readKioskMode()).toBe(true)
    expect(router.state.location).toMatchObject({
      pathname: '/customers/maria01',
      search: '',
      hash: '#top',
    })
    // Replaced, not pushed: Back does not bring the parameter back.
    expect(router.state.historyAction).toBe('REPLACE')
  })

  it('keeps the other parameters', async () => {
    const router = renderAt('/?q=maria&kiosk=1')
    await act(async () => {
      await Promise.resolve()
    })
    expect(router.state.location.search).toBe('?q=maria')
  })

  it('does not turn kiosk mode off with ?kiosk=0 (leaving needs the PIN), but cleans it away', async () => {
    writeKioskMode(true)
    const router = renderAt('/scan?kiosk=0')
    await act(async () => {
      await Promise.resolve()
    })
    expect(readKioskMode()).toBe(true)
    expect(router.state.location.search).toBe('')
  })

  it('changes nothing without the parameter', async () => {
    const router = renderAt('/scan?q=1')
    await act(async () => {
      await Promise.resolve()
    })
    expect(readKioskMode()).toBe(false)
    expect(router.state.historyAction).toBe('POP')
  })
})
