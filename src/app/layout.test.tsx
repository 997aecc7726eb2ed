import { act, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { renderApp } from '../testing/render-with-providers'

describe('offline banner', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('appears when the connection drops and goes when it returns', async () => {
    const onLine = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(true)
    renderApp('/settings', { language: 'en' })
    expect(await screen.findByRole('heading', { level: 1, name: 'Settings' })).toBeInTheDocument()
    expect(screen.queryByRole('status', { name: 'Offline' })).not.toBeInTheDocument()

    onLine.mockReturnValue(false)
    act(() => {
      window.dispatchEvent(new Event('offline'))
    })
    expect(screen.getByRole('status', { name: 'Offline' })).toHaveTextContent('You are offline.')

    onLine.mockReturnValue(true)
    act(() => {
      window.dispatchEvent(new Event('online'))
    })
    expect(screen.queryByRole('status', { name: 'Offline' })).not.toBeInTheDocument()
  })

  it('speaks pt-BR', async () => {
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false)
    renderApp('/settings', { language: 'pt-BR' })
    expect(await screen.findByRole('status', { name: 'Sem conexão' })).toHaveTextContent(
      'Você está sem conexão.',
    )
  })
})
