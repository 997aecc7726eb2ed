/** The languages the till offers, in the order the selector lists them. */
export const SUPPORTED_LANGUAGES = ['pt-BR', 'en'] as const
export type Language = (typeof SUPPORTED_LANGUAGES)[number]

/** Brazilian stores: anything we cannot match falls back to Portuguese. */
export const FALLBACK_LANGUAGE: Language = 'pt-BR'

/** Where an explicit choice is remembered (the detector reads it before the browser's languages). */
export const LANGUAGE_STORAGE_KEY = 'zupy-pos.language'

/** Each language's own name (endonym), shown the same whatever the UI language is. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  'pt-BR': 'Português (Brasil)',
  en: 'English',
}

export function isLanguage(value: unknown): value is Language {
  return SUPPORTED_LANGUAGES.some((language) => language === value)
}

/**
 * Maps a browser language tag onto a supported one (`pt`, `pt-PT` → `pt-BR`, `en-GB` → `en`);
 * other tags come back unchanged, and i18next then falls back.
 */
export function toSupportedLanguage(tag: string): string {
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0]
  if (primary === 'pt') return 'pt-BR'
  if (primary === 'en') return 'en'
  return tag
}
