import type { BodyRule, EndpointDef } from '../contract/endpoint'
import { endpointPath } from '../contract/endpoint'
import { ENDPOINTS, type EndpointName } from '../contract/endpoints'
import type { FieldError } from '../contract/problem'

export type { BodyRule }

/**
 * The explicit route table: the only Zupy calls the BFF ever makes, one per entry of the endpoint
 * registry (contract/endpoints.ts). Every parameter, query key and body is validated against its
 * entry, and the upstream URL is rebuilt from the template, never copied from the client.
 */

/** What the BFF adds to a registry entry: its own concerns, not the wire format's. */
interface BffRouteSettings {
  /** Path words that collide with a parameter position but are other Zupy endpoints. */
  readonly reserved?: Readonly<Record<string, readonly string[]>>
  /**
   * Calls that can answer "no such coupon code", which an attacker could use to guess codes
   * (OAT-002): `validate` (a 404 is unknown) and `lookup` (with `?code=`, an empty list is).
   */
  readonly codeProbe?: 'validate' | 'lookup'
}

export interface RouteDef extends BffRouteSettings {
  readonly name: string
  readonly method: EndpointDef['method']
  /** The entry's path: `:name` parameters, DRF's trailing `/`. Logged as the request's `route`. */
  readonly template: string
  readonly params: EndpointDef['params']
  readonly query: EndpointDef['query']
  readonly body: BodyRule | null
}

const SETTINGS: Partial<Record<EndpointName, BffRouteSettings>> = {
  // The legacy coupon list lives at /rewards/coupons/; the app does not use it (api-notes §7.2).
  'rewards.get': { reserved: { id: ['coupons'] } },
  'coupons.issued': { codeProbe: 'lookup' },
  'coupons.validate': { codeProbe: 'validate' },
}

export const ROUTES: readonly RouteDef[] = ENDPOINTS.map((entry) => ({
  name: entry.name,
  method: entry.method,
  template: entry.path,
  params: entry.params,
  query: entry.query,
  body: entry.body,
  ...SETTINGS[entry.name as EndpointName],
}))

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
export function checkQuery(route: Pick<RouteDef, 'query'>, rawQuery: string | null): QueryCheck {
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
  const path = endpointPath({ path: route.template, params: route.params }, params)
  if (query.length === 0) return path
  const search = query.map(
    ([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`,
  )
  return `${path}?${search.join('&')}`
}
