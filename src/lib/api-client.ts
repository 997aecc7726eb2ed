import * as z from 'zod/mini'
import {
  endpointPath,
  endpointTarget,
  type EndpointDef,
  type ParamsOf,
  type QueryOf,
} from '../../contract/endpoint'
import { ProblemBodySchema, problemSlug, type Problem } from '../../contract/problem-body'

/**
 * Why a call failed:
 * - `network`: no response (offline, connection refused or reset, or aborted by the caller);
 * - `timeout`: no complete response before the client deadline;
 * - `http`: a response whose status is not an answer for this call;
 * - `contract`: an answer status whose body does not match its schema.
 */
export type ApiErrorKind = 'network' | 'timeout' | 'http' | 'contract'

/**
 * Longer than the BFF's 10 s upstream timeout, so a slow partner normally surfaces as the BFF's
 * `upstream-timeout` problem (which says where it stalled) rather than as a bare client timeout.
 */
export const DEFAULT_TIMEOUT_MS = 15_000

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

interface ApiErrorInit {
  kind: ApiErrorKind
  method: HttpMethod
  path: string
  status?: number
  problem?: Problem
  retryAfterSeconds?: number
  requestId?: string
  cause?: unknown
}

/**
 * The one error every failed call throws. UI code branches on `kind`, `status` and `slug`, never
 * on `message` (which is for logs only and never shown to the cashier).
 */
export class ApiError extends Error {
  override readonly name = 'ApiError'
  readonly kind: ApiErrorKind
  /** HTTP status, or 0 when there was no response (`network`, `timeout`). */
  readonly status: number
  readonly method: HttpMethod
  readonly path: string
  /** The RFC 7807 body, when the response carried one. */
  readonly problem: Problem | undefined
  /** The problem's slug (`upstream-timeout`, `rate-limit-exceeded`…), whichever URI form it uses. */
  readonly slug: string | undefined
  /** From `Retry-After` (seconds, or an HTTP date converted to seconds from now). */
  readonly retryAfterSeconds: number | undefined
  /** The BFF's `X-Request-Id`, for matching a complaint to a log line. */
  readonly requestId: string | undefined

  constructor(init: ApiErrorInit) {
    const status = init.status ?? 0
    super(`${init.method} ${init.path} failed: ${init.kind}${status ? ` ${status}` : ''}`, {
      cause: init.cause,
    })
    this.kind = init.kind
    this.status = status
    this.method = init.method
    this.path = init.path
    this.problem = init.problem
    this.slug = problemSlug(init.problem?.type)
    this.retryAfterSeconds = init.retryAfterSeconds
    this.requestId = init.requestId
  }
}

/** What every answer from the server looked like, for code that watches them all. */
export interface ApiResponseInfo {
  method: HttpMethod
  path: string
  status: number
  /** The problem slug of an error answer (`session-required`…), when it carried one. */
  slug: string | undefined
}

const responseListeners = new Set<(info: ApiResponseInfo) => void>()

/**
 * Calls `listener` with every response the server sends, answer or not (never for a call that got
 * no response). The cashier session watches these: any call can say the session ended, and every
 * authenticated call slides the server's idle deadline. Returns the unsubscribe function.
 */
export function subscribeToResponses(listener: (info: ApiResponseInfo) => void): () => void {
  responseListeners.add(listener)
  return () => {
    responseListeners.delete(listener)
  }
}

/** HTTP statuses that are answers for one call, each with the schema its body must match. */
export type Expect = Readonly<Record<number, z.core.$ZodType>>

/** One `{ status, data }` member per expected status, so callers switch on `status`. */
export type ApiAnswer<E extends Expect> = {
  [S in keyof E & number]: { status: S; data: z.output<E[S]> }
}[keyof E & number]

export interface RequestOptions<E extends Expect> {
  /** Same-origin path, e.g. `/api/v2/rewards/`. The browser only ever talks to the BFF. */
  path: string
  method?: HttpMethod
  /** Sent as JSON. */
  body?: unknown
  /** The customer's OTP session, sent as `X-OTP-Session`. */
  otpSession?: string
  signal?: AbortSignal
  /** The statuses that are answers for this call, e.g. `{ 200: singleOf(X), 409: ProblemBodySchema }`. */
  expect: E
  /** Client deadline for the whole exchange, body included. */
  timeoutMs?: number
}

/**
 * The one fetch wrapper. Returns `{ status, data }` when the status is one of `expect`'s keys and
 * the body parses with its schema; throws one {@link ApiError} for anything else. Never retries:
 * whether a retry is safe is the caller's decision (see query-client.ts).
 */
export async function request<E extends Expect>(options: RequestOptions<E>): Promise<ApiAnswer<E>> {
  const { path, method = 'GET', body, otpSession, signal, expect } = options
  if (!path.startsWith('/') || path.startsWith('//')) {
    throw new TypeError(`request() takes a same-origin path, got ${path}`)
  }
  const headers = new Headers({ Accept: 'application/json' })
  // The BFF refuses any state-changing request that is not application/json, even a body-less one
  // (its CSRF check), so the header goes on every non-GET call; the body stays empty without one.
  if (body !== undefined || method !== 'GET') headers.set('Content-Type', 'application/json')
  if (otpSession !== undefined) headers.set('X-OTP-Session', otpSession)

  const deadline = startDeadline(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, signal)
  const fail = (init: Omit<ApiErrorInit, 'method' | 'path'>) =>
    new ApiError({ ...init, method, path })

  let response: Response
  let text: string
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal: deadline.signal,
    })
    text = await response.text()
  } catch (cause) {
    throw fail({ kind: deadline.timedOut() ? 'timeout' : 'network', cause })
  } finally {
    deadline.clear()
  }

  const { status } = response
  const requestId = response.headers.get('X-Request-Id') ?? undefined
  const json = parseJson(text)
  const schema = Object.hasOwn(expect, status) ? expect[status] : undefined
  if (responseListeners.size > 0) {
    const slug =
      status >= 400 ? problemSlug(ProblemBodySchema.safeParse(json.value).data?.type) : undefined
    for (const listener of responseListeners) listener({ method, path, status, slug })
  }

  if (schema === undefined) {
    const problem = ProblemBodySchema.safeParse(json.value)
    throw fail({
      kind: 'http',
      status,
      problem: problem.success ? problem.data : undefined,
      retryAfterSeconds: parseRetryAfter(response.headers.get('Retry-After')),
      requestId,
    })
  }
  if (!json.ok) throw fail({ kind: 'contract', status, requestId, cause: json.error })
  const parsed = z.safeParse(schema, json.value)
  if (!parsed.success) throw fail({ kind: 'contract', status, requestId, cause: parsed.error })
  // Sound by construction: `status` is a key of `expect` and `data` passed that key's schema.
  return { status, data: parsed.data } as ApiAnswer<E>
}

/** The statuses an endpoint answers with: its values' schemas, and its problems' (RFC 7807). */
export type EndpointExpect<E extends EndpointDef> = E['values'] & {
  readonly [S in keyof E['problems']]: typeof ProblemBodySchema
}

type BodyOf<E extends EndpointDef> = E['body'] extends { schema: infer S extends z.core.$ZodType }
  ? z.input<S>
  : never

export type CallOptions<E extends EndpointDef> = {
  /** Only the entry's query keys; undefined values are left out, the others sent in this order. */
  query?: QueryOf<E>
  /** Sent as JSON. */
  body?: BodyOf<E>
  /** The customer's OTP session, sent as `X-OTP-Session`. */
  otpSession?: string
  signal?: AbortSignal
  timeoutMs?: number
} & (keyof E['params'] extends never ? { params?: undefined } : { params: ParamsOf<E> })

function expectOf<E extends EndpointDef>(endpoint: E): EndpointExpect<E> {
  const problems = Object.keys(endpoint.problems).map((status) => [status, ProblemBodySchema])
  return { ...endpoint.values, ...Object.fromEntries(problems) } as EndpointExpect<E>
}

/**
 * One Zupy call as its registry entry (contract/endpoints.ts) describes it: the path is built
 * from the entry's template and parameter names, and its answers (values and problems) are the
 * entry's; anything else throws an {@link ApiError}, as with {@link request}.
 */
export function call<E extends EndpointDef>(
  endpoint: E,
  options: CallOptions<E>,
): Promise<ApiAnswer<EndpointExpect<E>>> {
  const { params, query, ...rest } = options
  return request({
    ...rest,
    path: endpointTarget(endpoint, params ?? ({} as ParamsOf<E>), query),
    method: endpoint.method,
    expect: expectOf(endpoint),
  })
}

/**
 * A problem answer of `endpoint` as the {@link ApiError} an undeclared status would have thrown:
 * for a caller whose flow reads that problem from the error (spendOnce and its 403).
 */
export function problemError<E extends EndpointDef>(
  endpoint: E,
  params: ParamsOf<E>,
  answer: { status: number; data: Problem },
): ApiError {
  return new ApiError({
    kind: 'http',
    method: endpoint.method,
    path: endpointPath(endpoint, params),
    status: answer.status,
    problem: answer.data,
  })
}

/** A plain GET whose only answer is 200 with `schema`; returns the parsed body. */
export async function getJson<S extends z.core.$ZodType>(
  path: string,
  schema: S,
  options: { signal?: AbortSignal } = {},
): Promise<z.output<S>> {
  const answer = await request({ path, signal: options.signal, expect: { 200: schema } })
  return answer.data
}

/**
 * Seconds to wait from a `Retry-After` value: delta-seconds or an HTTP date (RFC 9110 §10.2.3).
 * Undefined when absent or unreadable.
 */
export function parseRetryAfter(
  value: string | null,
  now: number = Date.now(),
): number | undefined {
  if (value === null) return undefined
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed)
  const at = Date.parse(trimmed)
  if (Number.isNaN(at)) return undefined
  return Math.max(0, Math.ceil((at - now) / 1000))
}

type JsonResult = { ok: true; value: unknown } | { ok: false; value: undefined; error: unknown }

function parseJson(text: string): JsonResult {
  // An empty body (204, or a bare error) parses as `undefined` so a schema can still accept it.
  if (text.trim() === '') return { ok: true, value: undefined }
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch (error) {
    return { ok: false, value: undefined, error }
  }
}

/** Aborts on the caller's signal or at the deadline, and remembers which one fired. */
function startDeadline(timeoutMs: number, callerSignal: AbortSignal | undefined) {
  const controller = new AbortController()
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    controller.abort(new DOMException('Client deadline passed', 'TimeoutError'))
  }, timeoutMs)
  const onCallerAbort = () => {
    controller.abort(callerSignal?.reason)
  }
  if (callerSignal?.aborted) onCallerAbort()
  else callerSignal?.addEventListener('abort', onCallerAbort, { once: true })
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    clear: () => {
      clearTimeout(timer)
      callerSignal?.removeEventListener('abort', onCallerAbort)
    },
  }
}

/**
 * True when a state-changing call may have been carried out although no answer says so: nothing
 * came back (the request may have left), a 5xx (the BFF's `upstream-*` problems included), or a
 * 2xx whose body could not be read. Such a call is never re-sent blindly; the caller re-reads.
 */
export function isUnknownOutcome(error: unknown): boolean {
  if (isTransientError(error)) return true
  return (
    error instanceof ApiError &&
    error.kind === 'contract' &&
    error.status >= 200 &&
    error.status < 300
  )
}

/**
 * A failure that may pass on its own, so a read is worth repeating: no response, a client timeout
 * or a 5xx. A 4xx will say the same thing again, and a contract error is a bug.
 */
export function isTransientError(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false
  switch (error.kind) {
    case 'network':
    case 'timeout':
      return true
    case 'http':
      return error.status >= 500
    case 'contract':
      return false
  }
}
