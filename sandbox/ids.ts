import { createHash, randomInt } from 'node:crypto'

const ID_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz'
const ID_LENGTH = 27

/**
 * Coupon-code and card alphabet without look-alikes (0/O, 1/I/L), so a code read aloud or typed
 * from a paper slip cannot be mistaken. api-notes decision 4 allows a subset of `[0-9A-Z]`.
 */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'

/** A deterministic 27-char `[0-9a-z]` id for a seed row, so tests can import fixed ids. */
export function seedId(kind: string, name: string): string {
  const digest = createHash('sha256').update(`zupy-sandbox:${kind}:${name}`).digest()
  let id = ''
  for (let i = 0; i < ID_LENGTH; i++)
    id += ID_ALPHABET.charAt((digest[i] ?? 0) % ID_ALPHABET.length)
  return id
}

/** A fresh random id in the same form as Zupy's KSUIDs as the sandbox writes them (decision 4). */
export function newId(): string {
  return randomString(ID_ALPHABET, ID_LENGTH)
}

export function newCouponCode(): string {
  return `CZ-${randomString(CODE_ALPHABET, 8)}`
}

export function newCardNumber(): string {
  return `ZP-${randomString(CODE_ALPHABET, 8)}`
}

function randomString(alphabet: string, length: number): string {
  let out = ''
  for (let i = 0; i < length; i++) out += alphabet.charAt(randomInt(alphabet.length))
  return out
}

/** ISO 8601 UTC with `Z` and whole seconds, the form Zupy's examples use (`2026-04-25T00:00:00Z`). */
export function isoUtc(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

export const SECOND_MS = 1000
export const MINUTE_MS = 60 * SECOND_MS
export const HOUR_MS = 60 * MINUTE_MS
export const DAY_MS = 24 * HOUR_MS

export function digitsOf(value: string): string {
  return value.replace(/\D/g, '')
}
