import { screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { renderWithProviders } from '../testing/render-with-providers'
import { AppErrorBoundary } from './error-fallback'

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
