import { PROBLEM_TYPE_BASE, type FieldError, type ProblemSlug } from '../contract/problem'

/** 405 is the BFF's own answer for a known path and a wrong method; Zupy never sends it. */
export type BffProblemSlug = ProblemSlug | 'method-not-allowed'

export interface BffProblem {
  readonly status: number
  readonly slug: BffProblemSlug
  readonly title: string
  /** Fixed prose written here: never upstream bytes, host names, ports or stack traces. */
  readonly detail: string
  readonly errors?: readonly FieldError[]
  /** RFC 7807 extension members, e.g. `attempts_remaining` on a wrong PIN. */
  readonly extensions?: Readonly<Record<string, string | number | boolean | null>>
}

const TITLES: Partial<Record<BffProblemSlug, string>> = {
  'validation-error': 'Validation Error',
  'not-found': 'Not Found',
  'method-not-allowed': 'Method Not Allowed',
  'payload-too-large': 'Payload Too Large',
  'unsupported-media-type': 'Unsupported Media Type',
  'upstream-timeout': 'Upstream Timeout',
  'upstream-error': 'Upstream Error',
  'internal-error': 'Internal Error',
  'session-required': 'Session Required',
  'invalid-pin': 'Invalid PIN',
  'forbidden-origin': 'Forbidden Origin',
  'rate-limit-exceeded': 'Rate Limit Exceeded',
  conflict: 'Conflict',
  'service-unavailable': 'Service Unavailable',
}

export function bffProblem(
  status: number,
  slug: BffProblemSlug,
  detail: string,
  errors?: readonly FieldError[],
  extensions?: BffProblem['extensions'],
): BffProblem {
  return {
    status,
    slug,
    title: TITLES[slug] ?? slug,
    detail,
    ...(errors ? { errors } : {}),
    ...(extensions ? { extensions } : {}),
  }
}

/** An RFC 7807 response in the form Zupy uses (api-notes decision 6), plus our `request_id`. */
export function problemResponse(
  problem: BffProblem,
  context: { instance: string | null; requestId: string; headers?: Record<string, string> },
): Response {
  const body = {
    ...problem.extensions,
    type: `${PROBLEM_TYPE_BASE}${problem.slug}`,
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    ...(context.instance === null ? {} : { instance: context.instance }),
    ...(problem.errors ? { errors: problem.errors } : {}),
    request_id: context.requestId,
  }
  return new Response(JSON.stringify(body), {
    status: problem.status,
    headers: {
      'Content-Type': 'application/problem+json',
      'Cache-Control': 'no-store',
      ...context.headers,
    },
  })
}
