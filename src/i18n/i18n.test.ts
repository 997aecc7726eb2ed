import { afterEach, describe, expect, it, vi } from 'vitest'
import { formatNumber } from './format'
import { changeLanguage, createI18n, currentLanguage, resources } from './i18n'
import { LANGUAGE_STORAGE_KEY, SUPPORTED_LANGUAGES, toSupportedLanguage } from './languages'

/** Every leaf as `path → text`, so two languages can be compared key by key. */
function leaves(tree: object, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>()
  for (const [key, value] of Object.entries(tree) as [string, unknown][]) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'object' && value !== null) {
      for (const [k, v] of leaves(value, path)) out.set(k, v)
    } else out.set(path, value)
  }
  return out
}

const placeholders = (text: unknown) =>
  typeof text === 'string' ? [...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort() : []

describe('translations', () => {
  const [first, ...others] = SUPPORTED_LANGUAGES
  const reference = leaves(resources[first].translation)

  it.each(others)('%s has exactly the keys of pt-BR', (language) => {
    const keys = leaves(resources[language].translation)
    expect([...keys.keys()].sort()).toEqual([...reference.keys()].sort())
  })

  it.each(SUPPORTED_LANGUAGES)('%s has a non-empty text for every key', (language) => {
    const empty = [...leaves(resources[language].translation)].filter(
      ([, text]) => typeof text !== 'string' || text.trim() === '',
    )
    expect(empty).toEqual([])
  })

  it.each(others)('%s uses the same {{placeholders}} as pt-BR', (language) => {
    for (const [key, text] of leaves(resources[language].translation)) {
      expect(placeholders(text), key).toEqual(placeholders(reference.get(key)))
    }
  })
})

describe('language detection', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  const withBrowserLanguages = (languages: string[]) => {
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(languages)
    vi.spyOn(navigator, 'language', 'get').mockReturnValue(languages[0] ?? '')
  }

  it('prefers the stored choice over the browser', () => {
    withBrowserLanguages(['pt-BR'])
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'en')
    expect(currentLanguage(createI18n())).toBe('en')
  })

  it('skips a stored value it cannot use', () => {
    withBrowserLanguages(['en-GB'])
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'fr')
    expect(currentLanguage(createI18n())).toBe('en')
  })

  it('follows the browser when nothing is stored', () => {
    withBrowserLanguages(['en-US', 'en'])
    expect(currentLanguage(createI18n())).toBe('en')
  })

  it('maps any Portuguese to pt-BR', () => {
    withBrowserLanguages(['pt-PT'])
    expect(currentLanguage(createI18n())).toBe('pt-BR')
  })

  it('falls back to pt-BR for a language it does not have', () => {
    withBrowserLanguages(['fr-FR', 'de'])
    const i18n = createI18n()
    expect(currentLanguage(i18n)).toBe('pt-BR')
    expect(i18n.t('lookup.title')).toBe('Encontrar cliente')
  })

  it('keeps <html lang> in sync and stores only an explicit choice', async () => {
    withBrowserLanguages(['pt-BR'])
    const i18n = createI18n()
    expect(document.documentElement.lang).toBe('pt-BR')
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBeNull()

    await changeLanguage(i18n, 'en')
    expect(document.documentElement.lang).toBe('en')
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en')
    expect(i18n.t('lookup.title')).toBe('Find a customer')
  })

  it.each([
    ['pt', 'pt-BR'],
    ['PT_br', 'pt-BR'],
    ['en-GB', 'en'],
    ['es', 'es'],
  ])('toSupportedLanguage(%j) → %j', (tag, expected) => {
    expect(toSupportedLanguage(tag)).toBe(expected)
  })
})

describe('formatNumber', () => {
  it('groups thousands the locale way', () => {
    expect(formatNumber(1250, 'pt-BR')).toBe('1.250')
    expect(formatNumber(1250, 'en')).toBe('1,250')
    expect(formatNumber(1234567, 'pt-BR')).toBe('1.234.567')
  })
})
