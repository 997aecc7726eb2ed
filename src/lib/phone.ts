/**
 * Phones and e-mails as the till shows them. Zupy stores phones in E.164 (`+5511987654321`); a
 * cashier reads and types them the Brazilian way (`(11) 98765-4321`).
 */

const BULLET = '•'

export function digitsOf(raw: string): string {
  return raw.replace(/\D/g, '')
}

/**
 * The national digits (area code + number) of a Brazilian phone in any common format: `+55`, `55`
 * or no country code. A bare 12-13 digit number starting with 55 carries the country code; at 10-11
 * digits the 55 is the area code of Rio Grande do Sul and stays.
 */
export function brazilianNationalDigits(raw: string): string {
  const digits = digitsOf(raw)
  const hasCountryCode =
    raw.trim().startsWith('+55') ||
    (digits.startsWith('55') && (digits.length === 12 || digits.length === 13))
  return hasCountryCode ? digits.slice(2) : digits
}

function isBrazilian(phone: string): boolean {
  const trimmed = phone.trim()
  if (trimmed.startsWith('+')) return trimmed.startsWith('+55')
  const length = digitsOf(trimmed).length
  return length === 10 || length === 11 || length === 12 || length === 13
}

/**
 * Shows only what a cashier needs to recognise the customer: `(11) •••••-4321`. Other countries
 * keep their code and the last four digits. Null when there is nothing to show.
 */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null
  const digits = digitsOf(phone)
  if (digits.length < 4) return null
  const last4 = digits.slice(-4)
  if (isBrazilian(phone)) {
    const national = brazilianNationalDigits(phone)
    if (national.length === 10 || national.length === 11) {
      const hidden = BULLET.repeat(national.length - 6)
      return `(${national.slice(0, 2)}) ${hidden}-${last4}`
    }
  }
  return `${phone.trim().startsWith('+') ? '+' : ''}${BULLET.repeat(4)}${last4}`
}

/** `maria.santos@example.com` → `m•••@example.com`. */
export function maskEmail(email: string | null | undefined): string | null {
  if (!email) return null
  const at = email.lastIndexOf('@')
  if (at < 1) return null
  return `${email.slice(0, 1)}${BULLET.repeat(3)}${email.slice(at)}`
}

/**
 * The E.164 form Zupy's OTP endpoint takes as `identifier`. Zupy already stores E.164; a number
 * without `+` is read as Brazilian. Null when it cannot be a phone.
 */
export function toE164(phone: string | null | undefined): string | null {
  if (!phone) return null
  const e164 = phone.trim().startsWith('+')
    ? `+${digitsOf(phone)}`
    : `+55${brazilianNationalDigits(phone)}`
  return /^\+[1-9]\d{7,14}$/.test(e164) ? e164 : null
}
