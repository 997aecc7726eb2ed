import { screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { renderApp } from '../testing/render-with-providers'

describe('app shell', () => {
  it('shows the lookup screen at / with the header, nav and sandbox banner', async () => {
    renderApp('/', { language: 'en' })
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Find a customer' }),
    ).toBeInTheDocument()
    const nav = screen.getByRole('navigation', { name: 'Main' })
    expect(within(nav).getByRole('link', { name: 'Lookup' })).toHaveAttribute(
      'aria-current',
      'page',
    )
    expect(await screen.findByRole('status', { name: 'Sandbox mode' })).toBeInTheDocument()
  })

  it('navigates to Scan and Settings from the nav', async () => {
    const { user } = renderApp('/', { language: 'en' })
    const nav = await screen.findByRole('navigation', { name: 'Main' })

    await user.click(within(nav).getByRole('link', { name: 'Scan' }))
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Scan a coupon' }),
    ).toBeInTheDocument()
    expect(within(nav).getByRole('link', { name: 'Scan' })).toHaveAttribute('aria-current', 'page')

    await user.click(within(nav).getByRole('link', { name: 'Settings' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Settings' })).toBeInTheDocument()
  })

  it('shows a not-found screen for an unknown path, inside the frame', async () => {
    renderApp('/no/such/page', { language: 'pt-BR' })
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Página não encontrada' }),
    ).toBeInTheDocument()
    expect(screen.getByRole('navigation', { name: 'Principal' })).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Ir para a busca de clientes' })).toHaveAttribute(
      'href',
      '/',
    )
  })
})
