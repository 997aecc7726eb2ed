import { randomUUID } from 'node:crypto'
import type { ErrorHandler, MiddlewareHandler } from 'hono'
import type { BffBindings } from '../context'
import type { BffLogger } from '../logger'
import { bffProblem, problemResponse } from '../problems'

/**
 * One log line per request (`msg: "request"`, always at info, so LOG_LEVEL=warn leaves only the
 * lines that need someone's attention): `route` is the table TEMPLATE, never the raw path,
 * so ids, phones and e-mails stay out of logs; nor are query values, bodies, OTP data, cookies or
 * the key ever logged.
 */
export interface RequestLogFields {
  request_id: string
  method: string
  route: string
  status: number
  duration_ms: number
  upstream_ms: number | null
  /** Hashed, never the token. */
  session_hash?: string
}

export interface RequestLogOptions {
  logger: BffLogger
  /** The keyed hash that stands for a session id in logs. */
  hash: (value: string) => string
}

/**
 * Outermost: the request id, the defaults every later step reads, the `X-Request-Id` header and
 * the log line, for every request whatever answers.
 */
export function logRequests({ logger, hash }: RequestLogOptions): MiddlewareHandler<BffBindings> {
  // Every request line of a signed-in till carries its session's hash: an HMAC (~8 µs) per
  // request unless remembered. Bounded: cleared when full.
  const sessionHashes = new Map<string, string>()
  const sessionHash = (id: string) => {
    let hashed = sessionHashes.get(id)
    if (hashed === undefined) {
      if (sessionHashes.size >= 1024) sessionHashes.clear()
      hashed = hash(id)
      sessionHashes.set(id, hashed)
    }
    return hashed
  }
  return async (c, next) => {
    const started = performance.now()
    const requestId = randomUUID()
    c.set('requestId', requestId)
    c.set('route', 'unmatched')
    c.set('upstreamMs', null)
    c.set('path', null)
    c.set('query', null)
    c.set('session', null)
    await next()
    // In place, like the security headers (see security-headers.ts).
    c.res.headers.set('X-Request-Id', requestId)
    const session = c.get('session')
    const fields: RequestLogFields = {
      request_id: requestId,
      method: c.req.method,
      route: c.get('route'),
      status: c.res.status,
      duration_ms: Math.round(performance.now() - started),
      upstream_ms: c.get('upstreamMs'),
      ...(session ? { session_hash: sessionHash(session.id) } : {}),
    }
    // What needs attention (lockouts, blocked lookups, partner API failures, crashes) has its own
    // warn or error line.
    logger.info(fields, 'request')
  }
}

/** A crash answers 500 internal-error with no stack, and logs the stack frames without the message. */
export function answerInternalError(logger: BffLogger): ErrorHandler<BffBindings> {
  return (error, c) => {
    const requestId = (c.get('requestId') as string | undefined) ?? randomUUID()
    logger.error(
      {
        request_id: requestId,
        error_name: error.name,
        // Stack frames without the message line, which might quote request data.
        frames: (error.stack ?? '')
          .split('\n')
          .filter((line) => line.trimStart().startsWith('at '))
          .slice(0, 8)
          .map((line) => line.trim()),
      },
      'unhandled error',
    )
    return problemResponse(bffProblem(500, 'internal-error', 'Something went wrong in the BFF.'), {
      instance: c.get('path'),
      requestId,
    })
  }
}
