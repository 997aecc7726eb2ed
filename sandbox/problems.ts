import { STATUS_CODES } from 'node:http'
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { PROBLEM_TYPE_BASE, type FieldError, type Problem } from '../contract/problem'

/** Titles as Zupy's errors page shows them; `otp-required` shares "Permission Denied" (§3.4). */
const TITLES: Record<string, string> = {
  'not-found': 'Not Found',
  'validation-error': 'Validation Error',
  'authentication-required': 'Authentication Required',
  'permission-denied': 'Permission Denied',
  'otp-required': 'Permission Denied',
  conflict: 'Conflict',
  'rate-limit-exceeded': 'Rate Limit Exceeded',
  'insufficient-balance': 'Insufficient Balance',
  'method-not-allowed': 'Method Not Allowed',
  gone: 'Gone',
  'service-unavailable': 'Service Unavailable',
  'internal-error': 'Internal Server Error',
}

/** The slug Zupy would use for a bare status (the `status` fault has no slug of its own). */
const SLUG_BY_STATUS: Record<number, string> = {
  400: 'validation-error',
  401: 'authentication-required',
  403: 'permission-denied',
  404: 'not-found',
  405: 'method-not-allowed',
  409: 'conflict',
  410: 'gone',
  422: 'validation-error',
  429: 'rate-limit-exceeded',
  500: 'internal-error',
  503: 'service-unavailable',
}

export const GENERIC_VALIDATION_DETAIL = 'One or more fields failed validation.'
export const REQUIRED_FIELD = 'Este campo é obrigatório.'

export function problemBody(
  status: number,
  slug: string,
  detail: string,
  instance: string,
  errors?: FieldError[],
): Problem {
  const title = TITLES[slug] ?? STATUS_CODES[status] ?? 'Error'
  const body: Problem = { type: `${PROBLEM_TYPE_BASE}${slug}`, title, status, detail, instance }
  if (errors) body.errors = errors
  return body
}

export function problemForStatus(status: number, instance: string): Problem {
  const slug = SLUG_BY_STATUS[status] ?? (status >= 500 ? 'internal-error' : 'error')
  return problemBody(status, slug, STATUS_CODES[status] ?? 'Error', instance)
}

/**
 * An RFC 7807 body sent as `application/json`, not `application/problem+json`: Zupy is a DRF app
 * and DRF renders every body as `application/json`.
 */
export function problem(
  c: Context,
  status: ContentfulStatusCode,
  slug: string,
  detail: string,
  errors?: FieldError[],
): Response {
  return c.json(problemBody(status, slug, detail, c.req.path, errors), status)
}

/** 422 `validation-error` with `errors[]` (the `ValidationError` schema requires the array). */
export function validationProblem(
  c: Context,
  errors: FieldError[],
  detail = GENERIC_VALIDATION_DETAIL,
  status: 400 | 422 = 422,
): Response {
  return problem(c, status, 'validation-error', detail, errors)
}

/** DRF's answer to a body that is not JSON: 400 (not 422), as api-notes §9 records. */
export function malformedJsonProblem(c: Context, parserMessage: string): Response {
  return validationProblem(
    c,
    [{ field: 'body', detail: 'JSON malformado.' }],
    `JSON parse error - ${parserMessage}`,
    400,
  )
}

/** Outcome of a domain operation that runs inside a transaction and must not throw to roll back. */
export interface ProblemOutcome {
  ok: false
  status: ContentfulStatusCode
  slug: string
  detail: string
  errors?: FieldError[]
}

export function fail(
  status: ContentfulStatusCode,
  slug: string,
  detail: string,
  errors?: FieldError[],
): ProblemOutcome {
  return errors ? { ok: false, status, slug, detail, errors } : { ok: false, status, slug, detail }
}

export function sendOutcome(c: Context, outcome: ProblemOutcome): Response {
  return problem(c, outcome.status, outcome.slug, outcome.detail, outcome.errors)
}
