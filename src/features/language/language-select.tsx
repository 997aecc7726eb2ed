import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { changeLanguage, currentLanguage } from '../../i18n/i18n'
import { LANGUAGE_NAMES, SUPPORTED_LANGUAGES, isLanguage } from '../../i18n/languages'
import { Select } from '../../components/ui/select'

/**
 * The Settings language choice; it is remembered on this device. With `headingId` its label is
 * also the heading of the section around it (one "Language", not a heading and a label saying it
 * twice).
 */
export function LanguageSelect({ headingId }: { headingId?: string }) {
  const { t, i18n } = useTranslation()
  const id = useId()
  const hintId = useId()
  const label = (
    <label htmlFor={id} className={headingId ? undefined : 'text-lg font-semibold'}>
      {t('language.label')}
    </label>
  )
  return (
    <div className="flex flex-col gap-2">
      {headingId ? (
        <h2 id={headingId} className="text-xl font-bold">
          {label}
        </h2>
      ) : (
        label
      )}
      <Select
        id={id}
        className="max-w-sm"
        aria-describedby={hintId}
        value={currentLanguage(i18n)}
        onChange={(event) => {
          const next = event.target.value
          if (isLanguage(next)) void changeLanguage(i18n, next)
        }}
      >
        {SUPPORTED_LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {LANGUAGE_NAMES[language]}
          </option>
        ))}
      </Select>
      <p id={hintId} className="text-ink-subtle">
        {t('language.hint')}
      </p>
    </div>
  )
}
