import i18next, { type i18n as I18n } from 'i18next'
import { en } from './resources/en'
import { ptBR } from './resources/pt-br'
import {
  FALLBACK_LANGUAGE,
  LANGUAGE_STORAGE_KEY,
  SUPPORTED_LANGUAGES,
  isLanguage,
  toSupportedLanguage,
  type Language,
} from './languages'

export const resources = {
  'pt-BR': { translation: ptBR },
  en: { translation: en },
} as const

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation'
    resources: (typeof resources)['pt-BR']
  }
}

/**
 * The stored choice first, then the browser's languages, then pt-BR. Only an explicit choice is
 * stored (changeLanguage below), so a till that never picked a language keeps following the
 * browser.
 */
export function detectLanguage(): Language {
  let stored: string | null = null
  try {
    stored = localStorage.getItem(LANGUAGE_STORAGE_KEY)
  } catch {
    // Storage can be disabled (private mode, kiosk policies): the browser's languages decide.
  }
  const browser = navigator.languages.length > 0 ? navigator.languages : [navigator.language]
  for (const tag of [stored, ...browser]) {
    const language = tag ? toSupportedLanguage(tag) : undefined
    if (isLanguage(language)) return language
  }
  return FALLBACK_LANGUAGE
}

/**
 * Creates an initialised i18next instance (resources are bundled, so init is synchronous).
 * Without `language` it detects ({@link detectLanguage}). `<html lang>` follows the active
 * language.
 */
export function createI18n(options: { language?: Language } = {}): I18n {
  const instance = i18next.createInstance()
  instance.on('languageChanged', () => {
    document.documentElement.lang = currentLanguage(instance)
  })
  void instance.init({
    resources,
    lng: options.language ?? detectLanguage(),
    supportedLngs: SUPPORTED_LANGUAGES,
    fallbackLng: FALLBACK_LANGUAGE,
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes
  })
  return instance
}

/** The active language, narrowed to a supported one. */
export function currentLanguage(instance: I18n): Language {
  const resolved = instance.resolvedLanguage
  return isLanguage(resolved) ? resolved : FALLBACK_LANGUAGE
}

/** Switches the UI language and remembers the choice on this device. */
export async function changeLanguage(instance: I18n, language: Language): Promise<void> {
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, language)
  } catch {
    // Storage can be disabled (private mode, kiosk policies); the switch still works for this visit.
  }
  await instance.changeLanguage(language)
}
