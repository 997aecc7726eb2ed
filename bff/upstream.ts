import { EventEmitter } from 'node:events'
import { Pool } from 'undici'
import { OTP_SESSION_PATTERN } from '../contract/otp'

/** Larger upstream bodies are refused (a full page of customers is a few tens of KB). */
export const MAX_UPSTREAM_BODY_BYTES = 1024 * 1024

/** Bounded so that a slow partner cannot make the BFF open sockets without limit (ASVS 13.1.2). */
const MAX_CONNECTIONS = 32

export interface UpstreamOptions {
  /** Origin of the Zupy API (or the sandbox), e.g. `https://api.zupy.com`. */
  readonly baseUrl: string
  readonly apiKey: string
  /** Overall deadline for one call, connect to last body byte. */
  readonly timeoutMs: number
}

export interface UpstreamRequest {
  readonly method: 'GET' | 'POST'
  /** Path and query built by `buildUpstreamTarget` (routes.ts); must stay under `/api/v2/`. */
  readonly target: string
  /** Re-serialised JSON, never the client's bytes. */
  readonly body?: string
  /** Forwarded only when it matches `OTP_SESSION_PATTERN`. */
  readonly otpSession?: string
  readonly requestId: string
  /** A shorter deadline for this call (the health probe). */
  readonly timeoutMs?: number
}

/** Upstream headers the browser may see; everything else upstream sends is dropped. */
export interface PassHeaders {
  'x-ratelimit-limit'?: string
  'x-ratelimit-remaining'?: string
  'x-ratelimit-reset'?: string
  'retry-after'?: string
}

export type UpstreamFailure =
  | 'unreachable'
  | 'connection-lost'
  | 'server-error'
  | 'redirect'
  | 'unexpected-status'
  | 'bad-content-type'
  | 'malformed-json'
  | 'too-large'
  | 'truncated'

export type UpstreamResult =
  | {
      readonly kind: 'answer'
      readonly status: number
      /** The parsed JSON body. */
      readonly body: unknown
      /**
       * The body as upstream sent it, decoded as UTF-8 (without a BOM) and known to parse as JSON:
       * what the browser gets, so the BFF does not serialise again what it just parsed.
       */
      readonly text?: string
      readonly contentType: 'application/json' | 'application/problem+json'
      readonly headers: PassHeaders
      readonly durationMs: number
    }
  /** No complete answer within the deadline: the outcome of a POST is unknown. */
  | { readonly kind: 'timeout'; readonly answered: boolean; readonly durationMs: number }
  | {
      readonly kind: 'failure'
      readonly reason: UpstreamFailure
      /** True when upstream sent a status line: it is up, even if the answer was unusable. */
      readonly answered: boolean
      readonly status: number | null
      readonly durationMs: number
    }

export interface Upstream {
  /** Makes exactly one upstream call (never retried) and classifies what came back. Never rejects for network faults. */
  send(request: UpstreamRequest): Promise<UpstreamResult>
  close(): Promise<void>
}

const TIMEOUT_CODES = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
])
const RATE_LIMIT_VALUE = /^\d{1,12}$/
// Retry-After is delta-seconds or an HTTP-date.
const RETRY_AFTER_VALUE = /^(?:\d{1,9}|[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT)$/

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined
  return typeof error.code === 'string' ? error.code : undefined
}

function singleHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? (value.length === 1 ? value[0] : undefined) : value
}

function jsonContentType(
  value: string | undefined,
): 'application/json' | 'application/problem+json' | null {
  const mediaType = value?.split(';')[0]?.trim().toLowerCase()
  if (mediaType === 'application/json') return 'application/json'
  if (mediaType === 'application/problem+json') return 'application/problem+json'
  return null
}

function passHeaders(headers: Record<string, string | string[] | undefined>): PassHeaders {
  const picked: PassHeaders = {}
  for (const name of ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'] as const) {
    const value = singleHeader(headers[name])
    if (value !== undefined && RATE_LIMIT_VALUE.test(value)) picked[name] = value
  }
  const retryAfter = singleHeader(headers['retry-after'])
  if (retryAfter !== undefined && RETRY_AFTER_VALUE.test(retryAfter))
    picked['retry-after'] = retryAfter
  return picked
}

/**
 * The one client of the partner API: a keep-alive undici Pool on a fixed origin. It follows no
 * redirects (undici's dispatcher does not), retries nothing, and builds every request's headers
 * from scratch, with the API key set last.
 */
export function createUpstream(options: UpstreamOptions): Upstream {
  const origin = new URL(options.baseUrl).origin
  const pool = new Pool(origin, {
    connections: MAX_CONNECTIONS,
    pipelining: 1,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    connectTimeout: options.timeoutMs,
  })

  async function send(request: UpstreamRequest): Promise<UpstreamResult> {
    const url = new URL(request.target, origin)
    if (url.origin !== origin || !url.pathname.startsWith('/api/v2/'))
      throw new Error('Refusing an upstream target outside the configured API')
    const timeoutMs = Math.min(request.timeoutMs ?? options.timeoutMs, options.timeoutMs)
    const started = performance.now()
    const elapsed = () => Math.round(performance.now() - started)

    const headers: Record<string, string> = {
      accept: 'application/json',
      'x-request-id': request.requestId,
    }
    if (request.body !== undefined) headers['content-type'] = 'application/json'
    if (request.otpSession !== undefined && OTP_SESSION_PATTERN.test(request.otpSession))
      headers['x-otp-session'] = request.otpSession
    headers['x-api-key'] = options.apiKey

    // undici takes an EventEmitter as the abort signal. Not an AbortController: on Node 20 each one
    // costs ~18 µs (it is made transferable), a measurable share of a proxied request.
    const signal = new EventEmitter()
    const deadline = { passed: false }
    const timer = setTimeout(() => {
      deadline.passed = true
      signal.emit('abort')
    }, timeoutMs)
    let status: number | null = null
    try {
      const response = await pool.request({
        path: url.pathname + url.search,
        method: request.method,
        headers,
        body: request.body ?? null,
        signal,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      })
      status = response.statusCode
      const fail = (reason: UpstreamFailure): UpstreamResult => {
        // Destroying an unfinished undici body emits 'error'; without a listener that would crash.
        response.body.on('error', () => undefined)
        response.body.destroy()
        return { kind: 'failure', reason, answered: true, status, durationMs: elapsed() }
      }
      if (status >= 300 && status < 400) return fail('redirect')
      if (status >= 500) return fail('server-error')
      if (status < 200) return fail('unexpected-status')
      const contentType = jsonContentType(singleHeader(response.headers['content-type']))
      const encoding = singleHeader(response.headers['content-encoding'])
      if (contentType === null || (encoding !== undefined && encoding.toLowerCase() !== 'identity'))
        return fail('bad-content-type')
      const declaredLength = Number(singleHeader(response.headers['content-length']) ?? '0')
      if (declaredLength > MAX_UPSTREAM_BODY_BYTES) return fail('too-large')

      const chunks: Buffer[] = []
      let size = 0
      for await (const chunk of response.body) {
        const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk))
        size += buffer.length
        if (size > MAX_UPSTREAM_BODY_BYTES) return fail('too-large')
        chunks.push(buffer)
      }
      let body: unknown
      let text: string
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks))
        body = JSON.parse(text)
      } catch {
        return {
          kind: 'failure',
          reason: 'malformed-json',
          answered: true,
          status,
          durationMs: elapsed(),
        }
      }
      return {
        kind: 'answer',
        status,
        body,
        text,
        contentType,
        headers: passHeaders(response.headers),
        durationMs: elapsed(),
      }
    } catch (error) {
      const answered = status !== null
      if (deadline.passed || TIMEOUT_CODES.has(errorCode(error) ?? ''))
        return { kind: 'timeout', answered, durationMs: elapsed() }
      if (answered)
        return { kind: 'failure', reason: 'truncated', answered, status, durationMs: elapsed() }
      const code = errorCode(error)
      const reason =
        code === 'ECONNREFUSED' ||
        code === 'ENOTFOUND' ||
        code === 'EAI_AGAIN' ||
        code === 'EHOSTUNREACH'
          ? 'unreachable'
          : 'connection-lost'
      return { kind: 'failure', reason, answered: false, status: null, durationMs: elapsed() }
    } finally {
      clearTimeout(timer)
    }
  }

  return {
    send,
    close: () => pool.destroy(),
  }
}
