import { ID_PATTERN, canonicalCouponCode } from './codes'

/**
 * Validators for path parameters and query values, shared by the BFF (which refuses anything
 * else), the SPA and the sandbox through the endpoint registry (endpoints.ts). No zod here: the
 * customers entries, and so these, are in the SPA's first load.
 */

/** Turns a raw (already decoded) value into its canonical form, or null when it is invalid. */
export interface Validator {
  readonly parse: (raw: string) => string | null
  /** What a valid value looks like, for the `errors[].detail` of a 400. */
  readonly expects: string
}

export const pattern = (regex: RegExp, expects: string): Validator => ({
  parse: (raw) => (regex.test(raw) ? raw : null),
  expects,
})

export const oneOf = (values: readonly string[]): Validator => ({
  parse: (raw) => (values.includes(raw) ? raw : null),
  expects: `one of ${values.join(', ')}`,
})

/** Free text for "contains" filters: any printable Unicode, bounded. */
export const text = (max: number): Validator => ({
  parse: (raw) =>
    // decodeURIComponent already refuses invalid UTF-8, so only control characters remain to check.
    raw.length >= 1 && raw.length <= max && !/\p{Cc}/u.test(raw) ? raw : null,
  expects: `1-${max} printable characters`,
})

export const idValidator = pattern(ID_PATTERN, '1-64 letters or digits')

/**
 * Upper-casing is Unicode-aware ('ß' becomes 'SS', 'ı' becomes 'I'), so only printable ASCII is
 * canonicalised: a code typed with look-alike letters is refused, not silently rewritten.
 */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/

/** A validate path takes the coupon's id or its code; codes go upstream in canonical upper case. */
export const couponRefValidator: Validator = {
  parse: (raw) =>
    PRINTABLE_ASCII.test(raw)
      ? (canonicalCouponCode(raw) ?? (ID_PATTERN.test(raw) ? raw : null))
      : null,
  expects: 'a coupon id (letters and digits) or a coupon code such as CZ-7K3M9P2Q',
}

export const couponCodeValidator: Validator = {
  parse: (raw) => (raw.length <= 32 && PRINTABLE_ASCII.test(raw) ? canonicalCouponCode(raw) : null),
  expects: 'a coupon code such as CZ-7K3M9P2Q',
}

const pageSizeValidator: Validator = {
  parse: (raw) => {
    if (!/^[1-9]\d{0,2}$/.test(raw)) return null
    return Number(raw) <= 100 ? raw : null
  },
  expects: 'an integer 1-100',
}

export const phoneValidator = pattern(/^[0-9+()\- ]{1,32}$/, 'up to 32 digits, spaces and + ( ) -')
export const cursorValidator = pattern(
  /^[A-Za-z0-9\-._~+/=:]{1,512}$/,
  'an opaque cursor from a previous page',
)
export const slugValidator = pattern(/^[a-z][a-z_]{0,31}$/, 'a lower-case word')
export const cardCodeValidator = pattern(/^[0-9A-Za-z-]{1,64}$/, 'up to 64 letters, digits and -')
export const booleanValidator = oneOf(['true', 'false'])

/** The cursor pagination every Zupy list takes. */
export const pageQuery = { cursor: cursorValidator, page_size: pageSizeValidator }
