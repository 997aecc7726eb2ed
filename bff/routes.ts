import type { z } from 'zod'
import type { FieldError } from '../contract/problem'
import { ID_PATTERN, canonicalCouponCode } from '../contract/codes'
import { COUPON_STATUSES, ValidateRequestSchema } from '../contract/coupons'
import { OtpRequestBodySchema, OtpVerifyBodySchema } from '../contract/otp'
import { RedeemRequestSchema } from '../contract/rewards'

/**
 * The explicit route table: the only Zupy calls the BFF ever makes. Each entry names one method
 * and one path template; every parameter, query key and body is validated against it, and the
 * upstream URL is rebuilt from the template, never copied from the client.
 */

/** Turns a raw (already decoded) value into its canonical form, or null when it is invalid. */
export interface Validator {
  readonly parse: (raw: string) => string | null
  /** What a valid value looks like, for the `errors[].detail` of a 400. */
  readonly expects: string
}

export interface BodyRule {
  readonly schema: z.ZodType
  /** Whether an absent body is acceptable (and then nothing is forwarded). */
  readonly optional: boolean
  /** Validate takes an empty body upstream; `{}` is accepted from the client but not sent on. */
  readonly forward: boolean
}

export interface RouteDef {
  readonly method: 'GET' | 'POST'
  /** Zupy path with `:name` parameters; DRF paths end in `/`, without it Zupy redirects. */
  readonly template: string
  readonly params: Readonly<Record<string, Validator>>
  /** Path words that collide with a parameter position but are other Zupy endpoints. */
  readonly reserved?: Readonly<Record<string, readonly string[]>>
  readonly query: Readonly<Record<string, Validator>>
  readonly body: BodyRule | null
  /**
   * Calls that can answer "no such coupon code", which an attacker could use to guess codes
   * (OAT-002): `validate` (a 404 is unknown) and `lookup` (with `?code=`, an empty list is).
   */
  readonly codeProbe?: 'validate' | 'lookup'
}

const pattern = (regex: RegExp, expects: string): Validator => ({
  parse: (raw) => (regex.test(raw) ? raw : null),
  expects,
})

const oneOf = (values: readonly string[]): Validator => ({
  parse: (raw) => (values.includes(raw) ? raw : null),
  expects: `one of ${values.join(', ')}`,
})

/** Free text for "contains" filters: any printable Unicode, bounded. */
const text = (max: number): Validator => ({
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

export const pageSizeValidator: Validator = {
  parse: (raw) => {
    if (!/^[1-9]\d{0,2}$/.test(raw)) return null
    return Number(raw) <= 100 ? raw : null
  },
  expects: 'an integer 1-100',
}

const phone = pattern(/^[0-9+()\- ]{1,32}$/, 'up to 32 digits, spaces and + ( ) -')
const cursor = pattern(/^[A-Za-z0-9\-._~+/=:]{1,512}$/, 'an opaque cursor from a previous page')
const slug = pattern(/^[a-z][a-z_]{0,31}$/, 'a lower-case word')
const cardCode = pattern(/^[0-9A-Za-z-]{1,64}$/, 'up to 64 letters, digits and -')

const page = { cursor, page_size: pageSizeValidator }

export const ROUTES: readonly RouteDef[] = [
  {
    method: 'GET',
    template: '/api/v2/customers/',
    params: {},
    query: {
      phone,
      email: text(254),
      name: text(100),
      card_code: cardCode,
      search: text(100),
      tier: slug,
      segment: slug,
      ...page,
    },
    body: null,
  },
  {
    method: 'GET',
    template: '/api/v2/customers/:id/',
    params: { id: idValidator },
    query: {},
    body: null,
  },
  {
    method: 'GET',
    template: '/api/v2/customers/:id/points/',
    params: { id: idValidator },
    query: {},
    body: null,
  },
  {
    method: 'GET',
    template: '/api/v2/rewards/',
    params: {},
    query: { customer_id: idValidator, redeemable: oneOf(['true', 'false']), ...page },
    body: null,
  },
  {
    method: 'GET',
    template: '/api/v2/rewards/:id/',
    params: { id: idValidator },
    // The legacy coupon list lives at /rewards/coupons/; the app does not use it (api-notes §7.2).
    reserved: { id: ['coupons'] },
    query: {},
    body: null,
  },
  {
    method: 'POST',
    template: '/api/v2/customers/:id/rewards/:rewardId/redeem/',
    params: { id: idValidator, rewardId: idValidator },
    query: {},
    body: { schema: RedeemRequestSchema, optional: true, forward: true },
  },
  {
    method: 'GET',
    template: '/api/v2/coupons/issued/',
    params: {},
    query: {
      customer_id: idValidator,
      status: oneOf(COUPON_STATUSES),
      reward_id: idValidator,
      origin_type: slug,
      code: couponCodeValidator,
      ...page,
    },
    body: null,
    codeProbe: 'lookup',
  },
  {
    method: 'POST',
    template: '/api/v2/customers/:id/coupons/:couponRef/validate/',
    params: { id: idValidator, couponRef: couponRefValidator },
    query: {},
    body: { schema: ValidateRequestSchema, optional: true, forward: false },
    codeProbe: 'validate',
  },
  {
    method: 'POST',
    template: '/api/v2/auth/request-otp/',
    params: {},
    query: {},
    body: { schema: OtpRequestBodySchema, optional: false, forward: true },
  },
  {
    method: 'POST',
    template: '/api/v2/auth/verify-otp/',
    params: {},
    query: {},
    body: { schema: OtpVerifyBodySchema, optional: false, forward: true },
  },
]

export type RouteMatch =
  | { kind: 'matched'; route: RouteDef; params: Record<string, string> }
  | { kind: 'invalid-params'; route: RouteDef; errors: FieldError[] }
  | { kind: 'method-not-allowed'; allow: string[] }
  | { kind: 'not-found' }

type ShapeMatch = { ok: true; params: Record<string, string> } | { ok: false; errors: FieldError[] }

/**
 * Compares a canonical path (see raw-target.ts) with one template, segment by segment. Returns
 * null when the literal segments differ, i.e. the path is not this endpoint at all.
 */
function matchShape(route: RouteDef, path: string): ShapeMatch | null {
  const want = route.template.split('/')
  const got = path.split('/')
  if (want.length !== got.length) return null
  const params: Record<string, string> = {}
  const errors: FieldError[] = []
  for (const [index, literal] of want.entries()) {
    const segment = got[index] ?? ''
    if (!literal.startsWith(':')) {
      if (segment !== literal) return null
      continue
    }
    const name = literal.slice(1)
    if (route.reserved?.[name]?.includes(segment)) return null
    const validator = route.params[name]
    const value = validator?.parse(segment) ?? null
    if (value === null)
      errors.push({ field: `path.${name}`, detail: `Expected ${validator?.expects ?? 'a value'}.` })
    else params[name] = value
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, params }
}

/** Finds the table entry for a method and a canonical path. */
export function matchRoute(
  method: string,
  path: string,
  routes: readonly RouteDef[] = ROUTES,
): RouteMatch {
  const allow = new Set<string>()
  let invalid: RouteMatch | null = null
  for (const route of routes) {
    const shape = matchShape(route, path)
    if (!shape) continue
    if (route.method !== method) {
      allow.add(route.method)
      continue
    }
    if (shape.ok) return { kind: 'matched', route, params: shape.params }
    invalid ??= { kind: 'invalid-params', route, errors: shape.errors }
  }
  if (invalid) return invalid
  if (allow.size > 0) return { kind: 'method-not-allowed', allow: [...allow].sort() }
  return { kind: 'not-found' }
}

export type QueryCheck =
  { ok: true; entries: [string, string][] } | { ok: false; errors: FieldError[] }

const SAFE_KEY = /^[A-Za-z0-9_.-]{1,64}$/

/** Decodes one query component the way Django and URLSearchParams do (`+` is a space). */
function decodeComponent(raw: string): string | null {
  try {
    return decodeURIComponent(raw.replaceAll('+', ' '))
  } catch {
    return null
  }
}

/**
 * Validates a raw query string against a route: unknown keys, repeated keys and invalid values
 * are all refused, and the accepted values come back in canonical form, in table order.
 */
export function checkQuery(route: RouteDef, rawQuery: string | null): QueryCheck {
  const errors: FieldError[] = []
  const seen = new Map<string, string>()
  const pieces = rawQuery === null || rawQuery === '' ? [] : rawQuery.split('&')
  for (const piece of pieces) {
    const equals = piece.indexOf('=')
    const rawKey = equals === -1 ? piece : piece.slice(0, equals)
    const rawValue = equals === -1 ? '' : piece.slice(equals + 1)
    const key = decodeComponent(rawKey)
    // Only echo keys that are harmless to put back in a response.
    const field = key !== null && SAFE_KEY.test(key) ? `query.${key}` : 'query'
    if (key === null || key === '') {
      errors.push({ field, detail: 'Malformed query parameter.' })
      continue
    }
    const validator = Object.hasOwn(route.query, key) ? route.query[key] : undefined
    if (!validator) {
      errors.push({ field, detail: 'Unknown query parameter.' })
      continue
    }
    if (seen.has(key)) {
      errors.push({ field, detail: 'Repeated query parameter.' })
      continue
    }
    const value = decodeComponent(rawValue)
    const canonical = value === null ? null : validator.parse(value)
    if (canonical === null) {
      errors.push({ field, detail: `Expected ${validator.expects}.` })
      continue
    }
    seen.set(key, canonical)
  }
  if (errors.length > 0) return { ok: false, errors }
  const order = Object.keys(route.query)
  const entries = [...seen.entries()].sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
  return { ok: true, entries }
}

/**
 * The upstream path and query for a matched route: the template with each validated parameter
 * `encodeURIComponent`-ed, then the accepted query re-encoded. Never contains client bytes that
 * were not validated.
 */
export function buildUpstreamTarget(
  route: RouteDef,
  params: Readonly<Record<string, string>>,
  query: readonly (readonly [string, string])[],
): string {
  const path = route.template
    .split('/')
    .map((segment) => {
      if (!segment.startsWith(':')) return segment
      const value = params[segment.slice(1)]
      if (value === undefined) throw new Error(`Missing path parameter ${segment}`)
      return encodeURIComponent(value)
    })
    .join('/')
  if (query.length === 0) return path
  const search = query.map(
    ([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`,
  )
  return `${path}?${search.join('&')}`
}
