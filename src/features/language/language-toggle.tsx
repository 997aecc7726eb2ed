import { useTranslation } from 'react-i18next'
import { changeLanguage, currentLanguage } from '../../i18n/i18n'
import { type Language } from '../../i18n/languages'

const OTHER: Record<Language, Language> = { 'pt-BR': 'en', en: 'pt-BR' }

/** Short names for the header, in the language they switch to. */
const SHORT_NAMES: Record<Language, string> = { 'pt-BR': 'Português', en: 'English' }

/**
 * One tap in the header switches to the other language. It is labelled in the language it
 * switches to, so a cashier who cannot read the current one can still find it.
 */
export function LanguageToggle({ className }: { className?: string }) {
  const { i18n } = useTranslation()
  const next = OTHER[currentLanguage(i18n)]
  return (
    <button
      type="button"
      lang={next}
      className={className}
      onClick={() => void changeLanguage(i18n, next)}
    >
      {SHORT_NAMES[next]}
    </button>
  )
}
