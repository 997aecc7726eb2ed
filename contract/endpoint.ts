import type { z as zClassic } from 'zod'
import type * as z from 'zod/mini'
import type { ProblemSlug } from './problem-body'
import type { Validator } from './validators'

/**
 * What one Zupy call looks like on the wire, written once for the three sides: the BFF derives its
 * route table from it, the SPA its `call()`s, the sandbox the paths it serves (and a test checks
 * the sandbox answers as declared). See docs/decisions/008-endpoint-registry.md.
 */

/** How a call's JSON body is checked by the BFF. */
export interface BodyRule {
  /** Classic zod: the BFF reports its issues as `errors[]` (type-only import, nothing bundled). */
  readonly schema: zClassic.ZodType
  /** Whether an absent body is acceptable (and then nothing is forwarded). */
  readonly optional: boolean
  /** Validate takes an empty body upstream; `{}` is accepted from the client but not sent on. */
  readonly forward: boolean
}

/**
 * A problem status the product handles as an answer. `slug` names the problem the code branches
 * on at that status; other problems with the same status are still answers, and the caller
 * treats them as failures.
 */
export interface ProblemAnswer {
  readonly slug?: ProblemSlug
}

export interface EndpointDef {
  /** `area.action`, unique; keys the BFF's own per-endpoint settings. */
  readonly name: string
  readonly method: 'GET' | 'POST'
  /** Zupy path with `:name` parameters; DRF paths end in `/`, without it Zupy redirects. */
  readonly path: string
  /** One validator per `:name` in `path`, under that same name everywhere. */
  readonly params: Readonly<Record<string, Validator>>
  /** The only query keys the call takes. */
  readonly query: Readonly<Record<string, Validator>>
  readonly body: BodyRule | null
  /** Statuses whose body is a value, each with its schema (both shapes, see envelope.ts). */
  readonly values: Readonly<Record<number, z.core.$ZodType>>
  /** Statuses whose problem body the product handles as an answer rather than an error. */
  readonly problems: Readonly<Record<number, ProblemAnswer>>
}

/** Keeps the literal types of an entry (parameter names, statuses, schemas) for `call()`. */
export function endpoint<const E extends EndpointDef>(entry: E): E {
  return entry
}

/** A problem answer; `slug` when the code relies on one. */
export const problem = (slug?: ProblemSlug): ProblemAnswer => (slug === undefined ? {} : { slug })

/** The values a call's path parameters take, by the entry's own names. */
export type ParamsOf<E extends Pick<EndpointDef, 'params'>> = {
  readonly [K in keyof E['params']]: string
}

/** The path of one call: the template with each parameter `encodeURIComponent`-ed. */
export function endpointPath<E extends Pick<EndpointDef, 'path' | 'params'>>(
  entry: E,
  params: ParamsOf<E>,
): string {
  const values: Readonly<Record<string, string>> = params
  return entry.path
    .split('/')
    .map((segment) => {
      if (!segment.startsWith(':')) return segment
      const value = values[segment.slice(1)]
      if (value === undefined) throw new Error(`Missing path parameter ${segment}`)
      return encodeURIComponent(value)
    })
    .join('/')
}

/** The query values of one call by the entry's keys; undefined ones are left out. */
export type QueryOf<E extends Pick<EndpointDef, 'query'>> = {
  readonly [K in keyof E['query']]?: string | number | undefined
}

/** Path and query of one call, the query in the order given and form-encoded (URLSearchParams). */
export function endpointTarget<E extends Pick<EndpointDef, 'path' | 'params' | 'query'>>(
  entry: E,
  params: ParamsOf<E>,
  query: QueryOf<E> = {},
): string {
  const search = new URLSearchParams()
  const entries: [string, string | number | undefined][] = Object.entries(query)
  for (const [key, value] of entries) if (value !== undefined) search.set(key, String(value))
  const path = endpointPath(entry, params)
  const queryString = search.toString()
  return queryString === '' ? path : `${path}?${queryString}`
}

/** Every status the entry declares as an answer, value or problem. */
export function answerStatuses(entry: EndpointDef): number[] {
  return [...Object.keys(entry.values), ...Object.keys(entry.problems)].map(Number)
}
