import { brazilianNationalDigits, digitsOf } from '../../lib/phone'

/** The Zupy `GET /customers/` filters the lookup field can turn into (api-notes §4.1). */
export type CustomerFilterKey = 'phone' | 'email' | 'card_code' | 'name'

export type CustomerQuery =
  { kind: CustomerFilterKey; value: string } | { kind: 'invalid'; reason: 'empty' | 'too-short' }

/** Only phone punctuation: `(11) 98765-4321`, `+55 11 98765-4321`, `11.98765.4321`. */
const PHONE_CHARS = /^[\d\s()+.-]+$/
/** Shortest useful phone (a local number without area code) and the longest E.164. */
const PHONE_MIN_DIGITS = 8
const PHONE_MAX_DIGITS = 15
const EMAIL = /^[^\s@]+@[^\s@]*$/
const CARD = /^ZP-[0-9A-Z-]{0,61}$/i
const NAME_MAX = 100

/**
 * Picks the Zupy filter for what the cashier typed. Zupy's `phone` is a digits "contains" match
 * against E.164, so the national digits find the customer whether or not the input carried +55.
 */
export function classifyQuery(raw: string): CustomerQuery {
  const text = raw.trim()
  if (text === '') return { kind: 'invalid', reason: 'empty' }
  if (PHONE_CHARS.test(text)) {
    const digits = digitsOf(text)
    if (digits.length >= PHONE_MIN_DIGITS && digits.length <= PHONE_MAX_DIGITS) {
      return { kind: 'phone', value: brazilianNationalDigits(text) }
    }
    return { kind: 'invalid', reason: 'too-short' }
  }
  if (CARD.test(text)) return { kind: 'card_code', value: text.toUpperCase() }
  if (EMAIL.test(text)) return { kind: 'email', value: text.toLowerCase() }
  const letters = text.match(/\p{L}/gu)?.length ?? 0
  if (letters >= 2) return { kind: 'name', value: text.replace(/\s+/g, ' ').slice(0, NAME_MAX) }
  return { kind: 'invalid', reason: 'too-short' }
}
