import * as z from 'zod/mini'

// zod/mini, so the SPA parses problems without classic zod (~17 kB gzip) in its first load; the
// server's classic ProblemSchema (problem.ts) is built over the same fields.

/**
 * RFC 7807 problem body as Zupy sends it (api-notes §9). `instance` is required by the spec but
 * missing from many documented examples, so it is optional here; `errors[]` comes with
 * validation errors.
 */
export const FieldErrorSchema = z.object({ field: z.string(), detail: z.string() })
export type FieldError = z.infer<typeof FieldErrorSchema>

export const ProblemBodySchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  detail: z.optional(z.string()),
  instance: z.optional(z.string()),
  errors: z.optional(z.array(FieldErrorSchema)),
})
export type Problem = z.infer<typeof ProblemBodySchema>

/** Slugs the project branches on; Zupy's own plus the BFF's (`upstream-*`, `route-not-found`…). */
export const PROBLEM_SLUGS = [
  'not-found',
  'validation-error',
  'authentication-required',
  'permission-denied',
  'otp-required',
  'integration-not-found',
  'insufficient-balance',
  'conflict',
  'rate-limit-exceeded',
  'gone',
  'service-unavailable',
  // The BFF's own problems (never sent by Zupy).
  'upstream-timeout',
  'upstream-error',
  'payload-too-large',
  'unsupported-media-type',
  'forbidden-origin',
  'internal-error',
  'method-not-allowed',
  // No valid cashier session (sign in with the PIN): the BFF's, unlike Zupy's
  // `authentication-required`, which means the store's API key was refused.
  'session-required',
  'invalid-pin',
] as const
export type ProblemSlug = (typeof PROBLEM_SLUGS)[number]

/** The form the sandbox and the BFF emit (the newest documented form, api-notes decision 6). */
export const PROBLEM_TYPE_BASE = 'https://docs.zupy.com/errors#'

/**
 * Reads the slug at the end of a problem `type`, accepting both documented URI forms:
 * `https://docs.zupy.com/errors#<slug>` and `https://api.zupy.com/errors/<slug>` (and a bare slug).
 * Returns `undefined` for anything else, e.g. `about:blank`.
 */
export function problemSlug(type: string | undefined): string | undefined {
  if (!type) return undefined
  const match = /(?:#|\/errors\/)([a-z0-9-]+)\/?$/i.exec(type) ?? /^([a-z0-9-]+)$/i.exec(type)
  return match?.[1]?.toLowerCase()
}

/** True when `problem` carries `slug`, whichever URI form it uses. */
export function isProblem(problem: Pick<Problem, 'type'> | undefined, slug: ProblemSlug): boolean {
  return problemSlug(problem?.type) === slug
}
