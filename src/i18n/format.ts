import type { Language } from './languages'

/** Groups digits the locale's way: `1.250` in pt-BR, `1,250` in en. */
export function formatNumber(value: number, language: Language): string {
  return new Intl.NumberFormat(language).format(value)
}
