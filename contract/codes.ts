/**
 * Identifiers on the wire (api-notes §10, decision 4). Ids are KSUID-like: the sandbox makes 27
 * lower-case `[0-9a-z]`, the docs show mixed-case base62, so any `[0-9A-Za-z]` run is accepted.
 */
export const ID_PATTERN = /^[0-9A-Za-z]{1,64}$/

/** Coupon codes: `CZ-` + 8 of `[0-9A-Z]`, or a legacy `CP-` code (example `CP-LEGACY01`). */
export const COUPON_CODE_PATTERN = /^(?:CZ-[0-9A-Z]{8}|CP-[0-9A-Z]{1,16})$/

/** Card numbers (`ZP-ABC123`, schema "ZP-UNIQUEID-PID"). */
export const CARD_CODE_PATTERN = /^ZP-[0-9A-Z]+(?:-[0-9A-Z]+)*$/

/**
 * The canonical (upper-case) form of a coupon code, or null when `raw` is not one. Zupy matches
 * codes case-insensitively and echoes them in upper case.
 */
export function canonicalCouponCode(raw: string): string | null {
  const upper = raw.trim().toUpperCase()
  return COUPON_CODE_PATTERN.test(upper) ? upper : null
}

/** A validate path's `{coupon_id}` may be the coupon's id or its code (api-notes §8). */
export function isCouponRef(raw: string): boolean {
  return ID_PATTERN.test(raw) || canonicalCouponCode(raw) !== null
}
