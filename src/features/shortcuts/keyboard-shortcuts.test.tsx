import { act, fireEvent, screen, within } from '@testing-library/react'
import { createMemoryRouter, Outlet, RouterProvider } from 'react-router'
import { afterEach, describe, expect, it } from 'vitest'
import { lockCashierSession, resetCashierSession } from '../../lib/cashier-session'
import { renderWithProviders } from '../../testing/render-with-providers'
import { KeyboardShortcuts } from './keyboard-shortcuts'

/** The shortcuts over three stand-in screens; the lookup's field as customer-search renders it. */
function renderShortcuts({ enabled = true, at = '/' } = {}) {
  const router = createMemoryRouter(
    [
      {
        path: '/',
        element: (
          <>
            <KeyboardShortcuts enabled={enabled} />
            <button type="button">Elsewhere</button>
            <Outlet />
          </>
        ),
        children: [
          {
            index: true,
            element: (
              <form role="search">
                {/* autoFocus, as the lookup does */}
                <input type="search" name="q" aria-label="Search customer" autoFocus />
              </form>
            ),
          },
          { path: 'scan', element: <h1>Scan</h1> },
          { path: 'journal', element: <h1>Today</h1> },
        ],
      },
    ],
    { initialEntries: [at] },
  )
  const rendered = renderWithProviders(<RouterProvider router={router} />)
  return { ...rendered, path: () => router.state.location.pathname }
}

/** One keydown where the focus is, as the browser sends it; returns whether it was suppressed. */
function press(key: string, init: KeyboardEventInit = {}) {
  const target = document.activeElement ?? document.body
  return !fireEvent.keyDown(target, { key, bubbles: true, cancelable: true, ...init })
}

afterEach(() => {
  resetCashierSession()
})

describe('KeyboardShortcuts', () => {
  it('F3 opens the scan screen, F4 Today, F2 the lookup with the cursor in Search customer', async () => {
    const { path } = renderShortcuts({ at: '/scan' })
    await screen.findByRole('heading', { name: 'Scan' })
    expect(press('F4')).toBe(true)
    expect(await screen.findByRole('heading', { name: 'Today' })).toBeInTheDocument()
    expect(path()).toBe('/journal')
    press('F3')
    expect(await screen.findByRole('heading', { name: 'Scan' })).toBeInTheDocument()
    press('F2')
    expect(await screen.findByRole('searchbox', { name: 'Search customer' })).toHaveFocus()
    expect(path()).toBe('/')
  })

  it('F2 on the lookup takes the cursor back to the field, its text selected', async () => {
    renderShortcuts()
    const field = await screen.findByRole<HTMLInputElement>('searchbox', {
      name: 'Search customer',
    })
    fireEvent.change(field, { target: { value: 'maria' } })
    screen.getByRole('button', { name: 'Elsewhere' }).focus()
    press('F2')
    expect(field).toHaveFocus()
    expect([field.selectionStart, field.selectionEnd]).toEqual([0, 5])
  })

  it("? typed into a field is the field's", async () => {
    renderShortcuts()
    expect(await screen.findByRole('searchbox', { name: 'Search customer' })).toHaveFocus()
    expect(press('?', { shiftKey: true })).toBe(false)
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
  })

  it('? lists the shortcuts in a dialog', async () => {
    renderShortcuts()
    await screen.findByRole('searchbox', { name: 'Search customer' })
    screen.getByRole('button', { name: 'Elsewhere' }).focus()
    act(() => {
      press('?', { shiftKey: true })
    })
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' })
    for (const action of [
      'Search customer (from any screen)',
      'Scan a coupon',
      'Today: what this till did today',
      'Close the open dialog, or go back',
      'Show these shortcuts',
    ]) {
      expect(within(dialog).getByText(action)).toBeInTheDocument()
    }
    expect(within(dialog).getAllByText('F2')).toHaveLength(1)
    await act(async () => {
      within(dialog).getByRole('button', { name: 'Close' }).click()
      await Promise.resolve()
    })
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
  })

  it('off (kiosk mode): F-keys keep their browser meaning and nothing moves', async () => {
    const { path } = renderShortcuts({ enabled: false, at: '/scan' })
    await screen.findByRole('heading', { name: 'Scan' })
    expect(press('F4')).toBe(false)
    expect(path()).toBe('/scan')
  })

  it('behind the lock screen (a modal dialog) no key acts', async () => {
    const { path } = renderShortcuts({ at: '/scan' })
    await screen.findByRole('heading', { name: 'Scan' })
    act(() => {
      lockCashierSession('idle')
    })
    press('F4')
    press('F2')
    expect(path()).toBe('/scan')
  })
})
