import type { Handler } from 'hono'
import { z } from 'zod'
import { listOf } from '../contract/envelope'
import { sendProblem, type BffBindings, type BffContext } from './context'
import { createEnumerationGuard } from './enumeration-guard'
import type { BffLogger } from './logger'
import type { JournalRecorder } from './journal/recorder'
import { bffProblem, problemResponse } from './problems'
import { readJsonBody } from './request-body'
import { buildUpstreamTarget, checkQuery, matchRoute, type RouteDef } from './routes'
import type { StateStore } from './state/store'
import type { Upstream, UpstreamResult } from './upstream'

/**
 * The gateway: runs the route table (routes.ts) for everything under /api that is not the BFF's
 * own: match, validate path, query and body, forward the OTP session header, pause code probing
 * (OAT-002), call the partner API and turn its result into the browser's answer.
 */

const AnyListSchema = listOf(z.unknown())

const FAILURE_DETAIL = {
  unreachable: 'The partner API could not be reached; the request was not delivered.',
  'connection-lost': 'The connection to the partner API was lost before it answered.',
  'server-error': 'The partner API failed to handle the request.',
  redirect: 'The partner API answered with a redirect, which is not followed.',
  'unexpected-status': 'The partner API sent an unexpected status.',
  'bad-content-type': 'The partner API did not answer with JSON.',
  'malformed-json': 'The partner API sent a malformed answer.',
  'too-large': 'The partner API answer was too large.',
  truncated: 'The partner API answer was cut off.',
} as const

/** Turns an upstream result into the browser's response: partner JSON passes, faults become ours. */
function toBrowserResponse(result: UpstreamResult, instance: string, requestId: string): Response {
  switch (result.kind) {
    case 'answer':
      return new Response(result.text ?? JSON.stringify(result.body), {
        status: result.status,
        headers: { 'Content-Type': result.contentType, ...result.headers },
      })
    case 'timeout':
      return problemResponse(
        bffProblem(
          504,
          'upstream-timeout',
          'The partner API did not answer in time; the outcome is unknown.',
        ),
        { instance, requestId },
      )
    case 'failure':
      return problemResponse(bffProblem(502, 'upstream-error', FAILURE_DETAIL[result.reason]), {
        instance,
        requestId,
      })
  }
}

/** Whether an upstream answer says "no such coupon code" for a route that probes codes. */
function isUnknownCode(route: RouteDef, result: UpstreamResult): boolean {
  if (result.kind !== 'answer') return false
  if (route.codeProbe === 'validate') return result.status === 404
  if (route.codeProbe === 'lookup' && result.status === 200) {
    const page = AnyListSchema.safeParse(result.body)
    return page.success && page.data.items.length === 0
  }
  return false
}

export interface GatewayOptions {
  upstream: Upstream
  /** Where the unknown-code budgets live (shared by every instance when it is Redis). */
  state: StateStore
  logger: BffLogger
  now: () => number
  /** The keyed hash that stands for a session id in logs. */
  hash: (value: string) => string
  /** The till's journal: sees every upstream result, writes after the answer; null: none. */
  journal?: JournalRecorder | null
}

export function createGateway({
  upstream,
  state,
  logger,
  now,
  hash,
  journal = null,
}: GatewayOptions): Handler<BffBindings> {
  const codeGuard = createEnumerationGuard({
    store: state,
    now,
    onBlock: (sessionId, retryAfterS) => {
      logger.warn(
        { session_hash: hash(sessionId), retry_after_s: retryAfterS },
        'coupon code lookups blocked: too many unknown codes (OAT-002)',
      )
    },
  })

  return async (c: BffContext): Promise<Response> => {
    const path = c.get('path') ?? ''
    const notFound = () => sendProblem(c, bffProblem(404, 'not-found', 'No such API route.'))
    if (!path.startsWith('/api/v2/')) return notFound()
    const match = matchRoute(c.req.method, path)
    switch (match.kind) {
      case 'not-found':
        return notFound()
      case 'method-not-allowed':
        return sendProblem(
          c,
          bffProblem(405, 'method-not-allowed', `Use ${match.allow.join(' or ')}.`),
          {
            Allow: match.allow.join(', '),
          },
        )
      case 'invalid-params':
        c.set('route', match.route.template)
        return sendProblem(
          c,
          bffProblem(400, 'validation-error', 'The path is invalid.', match.errors),
        )
      case 'matched':
        break
    }
    const { route, params } = match
    c.set('route', route.template)

    const query = checkQuery(route, c.get('query'))
    if (!query.ok)
      return sendProblem(
        c,
        bffProblem(400, 'validation-error', 'The query is invalid.', query.errors),
      )

    let body: string | undefined
    if (route.body === null) {
      const hasBody =
        c.req.header('transfer-encoding') !== undefined ||
        (c.req.header('content-length') ?? '0') !== '0'
      if (hasBody)
        return sendProblem(c, bffProblem(400, 'validation-error', 'This request takes no body.'))
    } else {
      const read = await readJsonBody(c.req.raw, route.body)
      if (!read.ok) return sendProblem(c, read.problem)
      if (route.body.forward && read.value !== undefined) body = JSON.stringify(read.value)
    }

    const probesCode =
      route.codeProbe === 'validate' ||
      (route.codeProbe === 'lookup' && query.entries.some(([key]) => key === 'code'))
    const session = c.get('session')
    let release: ((unknownCode: boolean) => Promise<void>) | null = null
    if (probesCode && session) {
      const ticket = await codeGuard.acquire(session.id)
      if (!ticket.ok)
        return sendProblem(
          c,
          bffProblem(
            429,
            'rate-limit-exceeded',
            'Too many unknown coupon codes; code lookups and validations are paused.',
          ),
          { 'Retry-After': String(ticket.retryAfterS) },
        )
      release = ticket.release
    }

    let result: UpstreamResult | undefined
    try {
      result = await upstream.send({
        method: route.method,
        target: buildUpstreamTarget(route, params, query.entries),
        body,
        otpSession: c.req.header('x-otp-session'),
        requestId: c.get('requestId'),
      })
    } finally {
      // Awaited: the next request, on whichever instance, must see this answer counted.
      await release?.(result !== undefined && isUnknownCode(route, result))
    }
    c.set('upstreamMs', result.durationMs)
    // Request lines are info; at LOG_LEVEL=warn a failing partner API must still show.
    if (result.kind !== 'answer')
      logger.warn(
        {
          request_id: c.get('requestId'),
          route: route.template,
          failure: result.kind === 'timeout' ? 'timeout' : result.reason,
          upstream_ms: result.durationMs,
        },
        'partner API call failed',
      )
    // The answer is decided: the journal works on it later and never changes it.
    journal?.passed({
      route: route.name,
      params,
      result,
      session: session ? hash(session.id) : 'none',
      requestId: c.get('requestId'),
      at: now(),
    })
    return toBrowserResponse(result, path, c.get('requestId'))
  }
}
