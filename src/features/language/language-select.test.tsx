import { screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { LANGUAGE_STORAGE_KEY } from '../../i18n/languages'
import { renderApp } from '../../testing/render-with-providers'

describe('language switching', () => {
  it('the Settings selector switches the whole UI, <html lang> and remembers the choice', async () => {
    const { user } = renderApp('/settings', { language: 'pt-BR' })
    // The first render loads the lazy Settings screen: give a busy machine room for that import.
    const select = await screen.findByRole('combobox', { name: 'Idioma' }, { timeout: 5000 })
    expect(screen.getByRole('heading', { level: 1, name: 'Ajustes' })).toBeInTheDocument()

    await user.selectOptions(select, 'English')

    expect(await screen.findByRole('heading', { level: 1, name: 'Settings' })).toBeInTheDocument()
    expect(screen.getByRole('combobox', { name: 'Language' })).toHaveValue('en')
    expect(screen.getByRole('link', { name: 'Scan' })).toBeInTheDocument()
    expect(document.documentElement.lang).toBe('en')
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en')
  })

  it('the header toggle switches to the other language and back', async () => {
    const { user } = renderApp('/', { language: 'en' })
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Find a customer' }),
    ).toBeInTheDocument()

    await user.click(screen.getByRole('button', { name: 'Português' }))
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Encontrar cliente' }),
    ).toBeInTheDocument()
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('pt-BR')

    await user.click(screen.getByRole('button', { name: 'English' }))
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Find a customer' }),
    ).toBeInTheDocument()
  })
})
