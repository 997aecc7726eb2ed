import { screen } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { createMemoryRouter, RouterProvider } from 'react-router'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { claimReload, watchFailedChunkLoads } from '../features/app-update/new-build-recovery'
import { server } from '../testing/msw-server'
import { renderWithProviders } from '../testing/render-with-providers'
import { AppErrorBoundary, RouteErrorBoundary } from './error-fallback'

const secret = 'TypeError: cannot read properties of undefined (reading points_balance)'

function Broken(): never {
  throw new Error(secret)
}

describe('AppErrorBoundary', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('replaces a crashed tree with a friendly message and a reload button, no error text', async () => {
    // React reports the caught error on the console; keep the test output readable.
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const onReload = vi.fn()
    const { user } = renderWithProviders(
      <AppErrorBoundary onReload={onReload}>
        <Broken />
      </AppErrorBoundary>,
      { language: 'en' },
    )
    const alert = screen.getByRole('alert')
    expect(alert).toHaveTextContent('Something went wrong')
    expect(document.body).not.toHaveTextContent(/points_balance|TypeError|at Broken/)

    await user.click(screen.getByRole('button', { name: 'Reload the page' }))
    expect(onReload).toHaveBeenCalledOnce()
  })

  it('speaks the UI language', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    renderWithProviders(
      <AppErrorBoundary>
        <Broken />
      </AppErrorBoundary>,
      { language: 'pt-BR' },
    )
    expect(screen.getByRole('heading', { name: 'Algo deu errado' })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Recarregar a página' })).toBeInTheDocument()
  })

  it('renders its children when nothing fails', () => {
    renderWithProviders(
      <AppErrorBoundary>
        <p>All good</p>
      </AppErrorBoundary>,
    )
    expect(screen.getByText('All good')).toBeInTheDocument()
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })
})

describe('RouteErrorBoundary', () => {
  beforeAll(() => {
    watchFailedChunkLoads(window)
  })

  afterEach(() => {
    sessionStorage.clear()
    vi.restoreAllMocks()
  })

  /** A screen whose chunk is gone from the server, as Vite reports it, behind the boundary. */
  function renderGoneScreen() {
    const router = createMemoryRouter(
      [
        {
          path: '/',
          ErrorBoundary: RouteErrorBoundary,
          lazy: () => {
            const error = new TypeError('Failed to fetch dynamically imported module')
            window.dispatchEvent(Object.assign(new Event('vite:preloadError'), { payload: error }))
            return Promise.reject(error)
          },
        },
      ],
      { initialEntries: ['/'] },
    )
    return renderWithProviders(<RouterProvider router={router} />)
  }

  it('a screen of an older build gone from the server: loading, and a reload, no error screen', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const reload = vi.spyOn(window.location, 'reload').mockImplementation(() => undefined)
    server.use(http.head('*', () => new HttpResponse(null, { status: 200 })))
    renderGoneScreen()
    expect(await screen.findByText('Loading…')).toBeInTheDocument()
    await vi.waitFor(() => {
      expect(reload).toHaveBeenCalledOnce()
    })
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })

  it('the error screen after all when that reload was just tried', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const reload = vi.spyOn(window.location, 'reload').mockImplementation(() => undefined)
    server.use(http.head('*', () => new HttpResponse(null, { status: 200 })))
    claimReload(window.location.href, () => sessionStorage, Date.now())
    renderGoneScreen()
    expect(await screen.findByRole('alert')).toHaveTextContent('Something went wrong')
    expect(reload).not.toHaveBeenCalled()
  })
})
