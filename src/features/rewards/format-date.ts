import type { Language } from '../../i18n/languages'

/** A date and time the locale's way (`25 de abr. de 2026, 14:30` / `Apr 25, 2026, 2:30 PM`). */
export function formatDateTime(iso: string, language: Language): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(date)
}
