import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { Hono, type Context } from 'hono'
import { z } from 'zod'
import type { FieldError } from '../contract/problem'
import type { BffEnv } from './env'
import { bffProblem, problemResponse, type BffProblem } from './problems'
import { checkRawTarget } from './raw-target'
import { buildUpstreamTarget, checkQuery, matchRoute, type BodyRule } from './routes'
import { methodNotAllowedText, serveStatic } from './static-files'
import type { Upstream, UpstreamResult } from './upstream'

/** Bodies on these routes are a few dozen bytes; anything near this is not a real request. */
export const MAX_REQUEST_BODY_BYTES = 4 * 1024

const HEALTH_PROBE_TIMEOUT_MS = 2000
const HEALTH_CACHE_MS = 5000
const HEALTH_PROBE_TARGET = '/api/v2/rewards/?page_size=1'

/**
 * One line per request. `route` is the table TEMPLATE, never the raw path, so ids, phones and
 * e-mails stay out of logs; nor are query values, bodies, OTP data or the key ever logged.
 */
export interface RequestLogRecord {
  time: string
  level: 'info' | 'warn' | 'error'
  request_id: string
  method: string
  route: string
  status: number
  duration_ms: number
  upstream_ms: number | null
}

export interface ErrorLogRecord {
  time: string
  level: 'error'
  request_id: string
  message: 'unhandled error'
  error_name: string
  /** Stack frames without the message line, which might quote request data. */
  frames: string[]
}

export type LogRecord = RequestLogRecord | ErrorLogRecord
export type Log = (record: LogRecord) => void

export interface SandboxInfo {
  otp_policy: string
  shape: string
}

export interface BffAppDeps {
  env: Pick<BffEnv, 'mode'>
  upstream: Upstream
  /** The built SPA (dist/); without it every page answers 503 "run npm run build". */
  staticRoot?: string
  log?: Log
  /** The embedded sandbox's settings for the UI banner; a function when they can change at run time. */
  sandboxInfo?: SandboxInfo | (() => SandboxInfo | Promise<SandboxInfo>)
}

interface BffVariables {
  requestId: string
  route: string
  upstreamMs: number | null
  /** The canonical raw path, once the guard has accepted it. */
  path: string | null
  query: string | null
}

type BffContext = Context<{ Variables: BffVariables }>

const PACKAGE_VERSION = z
  .object({ version: z.string() })
  .parse(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))).version

/** The request target exactly as it came off the wire (before any URL parser touched it). */
function rawTargetOf(c: BffContext): string {
  const bindings: unknown = c.env
  if (typeof bindings === 'object' && bindings !== null && 'incoming' in bindings) {
    const incoming: unknown = bindings.incoming
    if (
      typeof incoming === 'object' &&
      incoming !== null &&
      'url' in incoming &&
      typeof incoming.url === 'string'
    )
      return incoming.url
  }
  // app.request() in tests has no socket: its URL was already parsed, so this is the best we get.
  const url = new URL(c.req.url)
  return url.pathname + url.search
}

const isApiPath = (path: string) => path === '/api' || path.startsWith('/api/')

function isJsonMediaType(contentType: string | undefined): boolean {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase() ?? ''
  return mediaType === 'application/json' || /^application\/[a-z0-9.-]+\+json$/.test(mediaType)
}

type BodyRead = { ok: true; value: unknown } | { ok: false; problem: BffProblem }

/** Reads at most MAX_REQUEST_BODY_BYTES + 1 bytes; a larger body is refused without buffering it. */
async function readCappedBody(request: Request): Promise<Uint8Array | null> {
  const declared = request.headers.get('content-length')
  if (declared !== null && Number(declared) > MAX_REQUEST_BODY_BYTES) return null
  if (!request.body) return new Uint8Array()
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > MAX_REQUEST_BODY_BYTES) {
      await reader.cancel()
      return null
    }
    chunks.push(value)
  }
  const body = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    body.set(chunk, offset)
    offset += chunk.byteLength
  }
  return body
}

async function readJsonBody(request: Request, rule: BodyRule): Promise<BodyRead> {
  const bytes = await readCappedBody(request)
  if (bytes === null)
    return {
      ok: false,
      problem: bffProblem(
        413,
        'payload-too-large',
        `The body must be at most ${MAX_REQUEST_BODY_BYTES} bytes.`,
      ),
    }
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return {
      ok: false,
      problem: bffProblem(400, 'validation-error', 'The body is not valid UTF-8.'),
    }
  }
  if (text.trim() === '') {
    if (rule.optional) return { ok: true, value: undefined }
    return {
      ok: false,
      problem: bffProblem(400, 'validation-error', 'A JSON body is required.', [
        { field: 'body', detail: 'Required.' },
      ]),
    }
  }
  if (!isJsonMediaType(request.headers.get('content-type') ?? undefined))
    return {
      ok: false,
      problem: bffProblem(415, 'unsupported-media-type', 'Send the body as application/json.'),
    }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return {
      ok: false,
      problem: bffProblem(400, 'validation-error', 'The body is not valid JSON.'),
    }
  }
  const parsed = rule.schema.safeParse(json)
  if (!parsed.success) {
    const errors: FieldError[] = parsed.error.issues.map((issue) => ({
      field: ['body', ...issue.path.map(String)].join('.'),
      detail: issue.message,
    }))
    return {
      ok: false,
      problem: bffProblem(400, 'validation-error', 'The body is invalid.', errors),
    }
  }
  return { ok: true, value: parsed.data }
}

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
      return new Response(JSON.stringify(result.body), {
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

interface HealthUpstream {
  reachable: boolean
  latency_ms: number | null
}

/**
 * The BFF as a Hono app: a raw-path guard, the route table under /api/v2/, its own /api/pos/
 * routes, and the built SPA for everything else.
 */
export function createBffApp(deps: BffAppDeps): Hono<{ Variables: BffVariables }> {
  const { env, upstream, staticRoot } = deps
  const log: Log = deps.log ?? (() => undefined)
  const app = new Hono<{ Variables: BffVariables }>()

  const problem = (c: BffContext, p: BffProblem, headers?: Record<string, string>) =>
    problemResponse(p, { instance: c.get('path'), requestId: c.get('requestId'), headers })

  // Outermost: request id, response headers and the log line for every request, whatever answers.
  app.use(async (c, next) => {
    const started = performance.now()
    const requestId = randomUUID()
    c.set('requestId', requestId)
    c.set('route', 'unmatched')
    c.set('upstreamMs', null)
    c.set('path', null)
    c.set('query', null)
    await next()
    c.header('X-Request-Id', requestId)
    c.header('X-Content-Type-Options', 'nosniff')
    c.header('Referrer-Policy', 'no-referrer')
    const path = c.get('path')
    if (path === null || isApiPath(path)) c.header('Cache-Control', 'no-store')
    else
      c.header(
        'Content-Security-Policy',
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
      )
    const status = c.res.status
    log({
      time: new Date().toISOString(),
      level: status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info',
      request_id: requestId,
      method: c.req.method,
      route: c.get('route'),
      status,
      duration_ms: Math.round(performance.now() - started),
      upstream_ms: c.get('upstreamMs'),
    })
  })

  // The first middleware that looks at the path: nothing below ever sees a non-canonical one.
  app.use(async (c, next) => {
    const check = checkRawTarget(rawTargetOf(c))
    if (!check.ok) {
      c.set('route', 'rejected')
      return problem(c, bffProblem(400, 'validation-error', check.reason))
    }
    c.set('path', check.path)
    c.set('query', check.query)
    await next()
  })

  let health: { at: number; value: Promise<HealthUpstream> } | null = null
  const probeUpstream = (requestId: string): Promise<HealthUpstream> => {
    if (health && performance.now() - health.at < HEALTH_CACHE_MS) return health.value
    const value = upstream
      .send({
        method: 'GET',
        target: HEALTH_PROBE_TARGET,
        requestId,
        timeoutMs: HEALTH_PROBE_TIMEOUT_MS,
      })
      .then((result): HealthUpstream => {
        const reachable = result.kind === 'answer' || result.answered
        return { reachable, latency_ms: reachable ? result.durationMs : null }
      })
      .catch((): HealthUpstream => ({ reachable: false, latency_ms: null }))
    const entry = { at: performance.now(), value }
    health = entry
    // The cache window starts when the answer arrives, not when the probe left.
    void value.then(() => {
      entry.at = performance.now()
    })
    return value
  }

  const ownRoute = (c: BffContext, route: string): Response | null => {
    c.set('route', route)
    if (c.req.method === 'GET') return null
    return problem(c, bffProblem(405, 'method-not-allowed', 'Use GET.'), { Allow: 'GET' })
  }

  app.all('/api/pos/health', async (c) => {
    const refused = ownRoute(c, '/api/pos/health')
    if (refused) return refused
    const probe = await probeUpstream(c.get('requestId'))
    return c.json({ status: 'ok', mode: env.mode, upstream: probe })
  })

  app.all('/api/pos/config', async (c) => {
    const refused = ownRoute(c, '/api/pos/config')
    if (refused) return refused
    const info =
      typeof deps.sandboxInfo === 'function' ? await deps.sandboxInfo() : deps.sandboxInfo
    return c.json({
      mode: env.mode,
      version: PACKAGE_VERSION,
      ...(env.mode === 'sandbox' && info
        ? { sandbox: { otp_policy: info.otp_policy, shape: info.shape, pin_hint: null } }
        : {}),
    })
  })

  const apiHandler = async (c: BffContext): Promise<Response> => {
    const path = c.get('path') ?? ''
    const notFound = () => problem(c, bffProblem(404, 'not-found', 'No such API route.'))
    if (!path.startsWith('/api/v2/')) return notFound()
    const match = matchRoute(c.req.method, path)
    switch (match.kind) {
      case 'not-found':
        return notFound()
      case 'method-not-allowed':
        return problem(
          c,
          bffProblem(405, 'method-not-allowed', `Use ${match.allow.join(' or ')}.`),
          {
            Allow: match.allow.join(', '),
          },
        )
      case 'invalid-params':
        c.set('route', match.route.template)
        return problem(c, bffProblem(400, 'validation-error', 'The path is invalid.', match.errors))
      case 'matched':
        break
    }
    const { route, params } = match
    c.set('route', route.template)

    const query = checkQuery(route, c.get('query'))
    if (!query.ok)
      return problem(c, bffProblem(400, 'validation-error', 'The query is invalid.', query.errors))

    let body: string | undefined
    if (route.body === null) {
      const hasBody =
        c.req.header('transfer-encoding') !== undefined ||
        (c.req.header('content-length') ?? '0') !== '0'
      if (hasBody)
        return problem(c, bffProblem(400, 'validation-error', 'This request takes no body.'))
    } else {
      const read = await readJsonBody(c.req.raw, route.body)
      if (!read.ok) return problem(c, read.problem)
      if (route.body.forward && read.value !== undefined) body = JSON.stringify(read.value)
    }

    const result = await upstream.send({
      method: route.method,
      target: buildUpstreamTarget(route, params, query.entries),
      body,
      otpSession: c.req.header('x-otp-session'),
      requestId: c.get('requestId'),
    })
    c.set('upstreamMs', result.durationMs)
    return toBrowserResponse(result, path, c.get('requestId'))
  }

  app.all('/api', apiHandler)
  app.all('/api/*', apiHandler)

  app.all('*', async (c) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      c.set('route', 'static')
      return methodNotAllowedText()
    }
    const answer = await serveStatic(staticRoot, c.get('path') ?? '/')
    c.set('route', answer.route)
    return answer.response
  })

  app.notFound((c) => problem(c, bffProblem(404, 'not-found', 'Not found.')))

  app.onError((error, c) => {
    const requestId = (c.get('requestId') as string | undefined) ?? randomUUID()
    log({
      time: new Date().toISOString(),
      level: 'error',
      request_id: requestId,
      message: 'unhandled error',
      error_name: error.name,
      frames: (error.stack ?? '')
        .split('\n')
        .filter((line) => line.trimStart().startsWith('at '))
        .slice(0, 8)
        .map((line) => line.trim()),
    })
    return problemResponse(bffProblem(500, 'internal-error', 'Something went wrong in the BFF.'), {
      instance: c.get('path'),
      requestId,
    })
  })

  return app
}
