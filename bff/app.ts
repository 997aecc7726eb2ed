import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { IncomingMessage } from 'node:http'
import type { TLSSocket } from 'node:tls'
import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { listOf } from '../contract/envelope'
import type { FieldError } from '../contract/problem'
import { compressAnswer } from './compression'
import { createEnumerationGuard } from './enumeration-guard'
import { SANDBOX_DEFAULT_PIN, type BffEnv } from './env'
import { hashedId, silentLogger, type BffLogger } from './logger'
import { createPinLockout, createPinMatcher } from './pin-lockout'
import { bffProblem, problemResponse, type BffProblem } from './problems'
import { checkRawTarget } from './raw-target'
import { buildUpstreamTarget, checkQuery, matchRoute, type BodyRule, type RouteDef } from './routes'
import { checkCsrf, isStateChanging, securityHeaders } from './security'
import {
  clearedSessionCookie,
  createSessionManager,
  readCookie,
  sessionCookie,
  sessionCookieName,
  type Session,
} from './session'
import { methodNotAllowedText, serveStatic } from './static-files'
import { createProxyTrust, type ClientView, type ProxyTrust } from './trust-proxy'
import type { Upstream, UpstreamResult } from './upstream'

/** Bodies on these routes are a few dozen bytes; anything near this is not a real request. */
export const MAX_REQUEST_BODY_BYTES = 4 * 1024

const HEALTH_PROBE_TIMEOUT_MS = 2000
const HEALTH_CACHE_MS = 5000
const HEALTH_PROBE_TARGET = '/api/v2/rewards/?page_size=1'

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

export interface SandboxInfo {
  otp_policy: string
  shape: string
}

export interface BffAppDeps {
  /** `trustProxy` left out trusts no proxy, the default. */
  env: Pick<BffEnv, 'mode' | 'posPin' | 'posPinIsDefault' | 'sessionSecret' | 'sessionIdleMin'> &
    Partial<Pick<BffEnv, 'trustProxy'>>
  upstream: Upstream
  /** The built SPA (dist/); without it every page answers 503 "run npm run build". */
  staticRoot?: string
  logger?: BffLogger
  /** The embedded sandbox's settings for the UI banner; a function when they can change at run time. */
  sandboxInfo?: SandboxInfo | (() => SandboxInfo | Promise<SandboxInfo>)
  /** Epoch milliseconds; tests move it to cross idle, absolute, lockout and rate-limit deadlines. */
  now?: () => number
}

interface BffVariables {
  requestId: string
  route: string
  upstreamMs: number | null
  /** The canonical raw path, once the guard has accepted it. */
  path: string | null
  query: string | null
  https: boolean
  /** Who sent the request and to which host, as far as TRUST_PROXY lets us believe the proxy. */
  client: ClientView
  /** The cashier session the request carries, once verified. */
  session: Session | null
}

/** The only /api routes open without a cashier session. */
const PUBLIC_API_PATHS = new Set(['/api/pos/health', '/api/pos/config', '/api/pos/session'])

const SignInSchema = z.strictObject({ pin: z.string().max(64) })
const SIGN_IN_BODY: BodyRule = { schema: SignInSchema, optional: false, forward: false }

const AnyListSchema = listOf(z.unknown())

type BffContext = Context<{ Variables: BffVariables }>

const PACKAGE_VERSION = z
  .object({ version: z.string() })
  .parse(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))).version

/** The node:http request behind this context; undefined under app.request() in tests. */
function incomingOf(c: BffContext): IncomingMessage | undefined {
  const bindings: unknown = c.env
  if (typeof bindings === 'object' && bindings !== null && 'incoming' in bindings) {
    const incoming: unknown = bindings.incoming
    if (incoming instanceof IncomingMessage) return incoming
  }
  return undefined
}

/** The request target exactly as it came off the wire (before any URL parser touched it). */
function rawTargetOf(c: BffContext): string {
  const incoming = incomingOf(c)
  if (incoming?.url !== undefined) return incoming.url
  // app.request() in tests has no socket: its URL was already parsed, so this is the best we get.
  const url = new URL(c.req.url)
  return url.pathname + url.search
}

/**
 * The client's address, whether its connection is HTTPS, and the host it asked for. The socket
 * says so, unless its peer is a proxy TRUST_PROXY names: then that proxy's X-Forwarded-For /
 * -Proto / -Host do. Never the request URL, which an absolute-form target lets the client choose.
 */
function clientViewOf(c: BffContext, trust: ProxyTrust): ClientView {
  const incoming = incomingOf(c)
  return trust.clientView({
    peer: incoming?.socket.remoteAddress,
    // app.request() in tests has no socket; its URL's scheme stands in for one.
    tls: incoming
      ? (incoming.socket as Partial<TLSSocket>).encrypted === true
      : new URL(c.req.url).protocol === 'https:',
    host: c.req.header('host'),
    forwardedFor: c.req.header('x-forwarded-for'),
    forwardedProto: c.req.header('x-forwarded-proto'),
    forwardedHost: c.req.header('x-forwarded-host'),
  })
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

interface HealthUpstream {
  reachable: boolean
  latency_ms: number | null
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

const isoTime = (ms: number) => new Date(ms).toISOString()

/**
 * The BFF as a Hono app: a raw-path guard, the CSRF check, cashier sessions, the route table under
 * /api/v2/, its own /api/pos/ routes, and the built SPA for everything else.
 */
export function createBffApp(deps: BffAppDeps): Hono<{ Variables: BffVariables }> {
  const { env, upstream, staticRoot } = deps
  const logger = deps.logger ?? silentLogger()
  const now = deps.now ?? Date.now
  const app = new Hono<{ Variables: BffVariables }>()

  const sessions = createSessionManager({
    secret: env.sessionSecret,
    idleMs: env.sessionIdleMin * 60_000,
    now,
  })
  const lockout = createPinLockout(now)
  const pinMatches = createPinMatcher(env.posPin)
  const proxyTrust = createProxyTrust(env.trustProxy ?? [])
  const hash = (value: string) => hashedId(value, env.sessionSecret)
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
  const codeGuard = createEnumerationGuard({
    now,
    onBlock: (sessionId, retryAfterS) => {
      logger.warn(
        { session_hash: hash(sessionId), retry_after_s: retryAfterS },
        'coupon code lookups blocked: too many unknown codes (OAT-002)',
      )
    },
  })
  const pinHint = env.mode === 'sandbox' && env.posPinIsDefault ? SANDBOX_DEFAULT_PIN : null

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
    c.set('session', null)
    const client = clientViewOf(c, proxyTrust)
    c.set('client', client)
    const https = client.https
    c.set('https', https)
    await next()
    // Set on the answer's own headers, never with c.header(): on a finished answer Hono re-wraps it
    // in a new Response at each call, which turns a string body into a stream the adapter then
    // pipes (with the session cookie, 9 re-wraps per proxied request; setting in place took ~30 %
    // off the BFF's CPU time per request, by bench:proxy). Every answer here is built by the BFF,
    // so its headers are mutable.
    const headers = c.res.headers
    headers.set('X-Request-Id', requestId)
    for (const [name, value] of Object.entries(securityHeaders(https))) headers.set(name, value)
    const path = c.get('path')
    if (path === null || isApiPath(path)) headers.set('Cache-Control', 'no-store')
    const status = c.res.status
    const session = c.get('session')
    const fields: RequestLogFields = {
      request_id: requestId,
      method: c.req.method,
      route: c.get('route'),
      status,
      duration_ms: Math.round(performance.now() - started),
      upstream_ms: c.get('upstreamMs'),
      ...(session ? { session_hash: sessionHash(session.id) } : {}),
    }
    // What needs attention (lockouts, blocked lookups, partner API failures, crashes) has its own
    // warn or error line.
    logger.info(fields, 'request')
  })

  // API answers over 1 KB go out compressed when the client accepts it; static files come
  // precompressed from the build (static-files.ts).
  app.use(async (c, next) => {
    await next()
    if (c.req.method === 'HEAD' || !isApiPath(c.get('path') ?? '')) return
    const compressed = await compressAnswer(c.res, c.req.header('accept-encoding'))
    if (compressed === c.res) return
    // Hono copies the old answer's headers onto a new one (Content-Length among them): start over.
    c.res = undefined
    c.res = compressed
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

  // Cross-site request forgery: before sessions, so a forged request learns nothing else.
  app.use(async (c, next) => {
    if (!isStateChanging(c.req.method)) return next()
    const refusal = checkCsrf({
      method: c.req.method,
      contentType: c.req.header('content-type'),
      origin: c.req.header('origin'),
      secFetchSite: c.req.header('sec-fetch-site'),
      host: c.get('client').host,
      https: c.get('https'),
    })
    if (refusal === null) return next()
    c.set('route', 'forbidden-origin')
    return problem(c, bffProblem(403, 'forbidden-origin', refusal))
  })

  // Cashier sessions: every API route but the three public ones needs one, checked before routing.
  app.use(async (c, next) => {
    const https = c.get('https')
    const token = readCookie(c.req.header('cookie'), sessionCookieName(https))
    const session = sessions.verify(token)
    c.set('session', session)
    const path = c.get('path') ?? ''
    if (!isApiPath(path) || PUBLIC_API_PATHS.has(path)) return next()
    if (!session) {
      c.set('route', 'session-required')
      return problem(
        c,
        bffProblem(401, 'session-required', 'Sign in with the cashier PIN first.'),
        // A stale cookie is cleared so the browser stops sending it.
        token === undefined ? undefined : { 'Set-Cookie': clearedSessionCookie(https) },
      )
    }
    // Activity slides the idle deadline; status polls (GET /api/pos/session) deliberately do not.
    const touched = sessions.touch(session)
    c.set('session', touched.session)
    await next()
    // In place, like the headers of the outermost middleware (see there).
    c.res.headers.append('Set-Cookie', sessionCookie(touched.token, touched.session, https, now()))
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
      pin_hint: pinHint,
      ...(env.mode === 'sandbox' && info
        ? { sandbox: { otp_policy: info.otp_policy, shape: info.shape } }
        : {}),
    })
  })

  const sessionStatus = (c: BffContext): Response => {
    const session = c.get('session')
    const idleTimeoutS = Math.round(sessions.idleMs / 1000)
    const body = session
      ? {
          authenticated: true,
          idle_expires_at: isoTime(session.idleExpiresAt),
          expires_at: isoTime(session.expiresAt),
          idle_timeout_s: idleTimeoutS,
        }
      : { authenticated: false, idle_timeout_s: idleTimeoutS }
    const hadCookie = readCookie(c.req.header('cookie'), sessionCookieName(c.get('https')))
    return c.json(
      body,
      200,
      !session && hadCookie !== undefined
        ? { 'Set-Cookie': clearedSessionCookie(c.get('https')) }
        : {},
    )
  }

  const signIn = async (c: BffContext): Promise<Response> => {
    const read = await readJsonBody(c.req.raw, SIGN_IN_BODY)
    // From here to the answer nothing awaits, so parallel guesses are counted one by one.
    const client = c.get('client').address
    const lock = lockout.check(client)
    if (lock.locked)
      return problem(
        c,
        bffProblem(429, 'rate-limit-exceeded', 'Too many wrong PINs; sign-in is locked for now.'),
        { 'Retry-After': String(lock.retryAfterS) },
      )
    if (!read.ok) return problem(c, read.problem)
    const { pin } = SignInSchema.parse(read.value)
    if (!pinMatches(pin)) {
      const outcome = lockout.fail(client)
      if (outcome.locked) {
        logger.warn(
          { client_hash: hash(client), retry_after_s: outcome.retryAfterS },
          'sign-in locked: too many wrong PINs',
        )
        return problem(
          c,
          bffProblem(429, 'rate-limit-exceeded', 'Too many wrong PINs; sign-in is locked for now.'),
          { 'Retry-After': String(outcome.retryAfterS) },
        )
      }
      return problem(
        c,
        bffProblem(401, 'invalid-pin', 'Wrong PIN.', undefined, {
          attempts_remaining: outcome.attemptsRemaining,
        }),
      )
    }
    lockout.succeed(client)
    // A new sign-in replaces the session the browser had, which must not stay usable elsewhere.
    const previous = c.get('session')
    if (previous) sessions.revoke(previous)
    const { session, token } = sessions.issue()
    c.set('session', session)
    logger.info({ session_hash: hash(session.id) }, 'cashier signed in')
    return new Response(null, {
      status: 204,
      headers: { 'Set-Cookie': sessionCookie(token, session, c.get('https'), now()) },
    })
  }

  const signOut = (c: BffContext): Response => {
    const session = c.get('session')
    if (session) {
      sessions.revoke(session)
      logger.info({ session_hash: hash(session.id) }, 'cashier signed out')
    }
    return new Response(null, {
      status: 204,
      headers: { 'Set-Cookie': clearedSessionCookie(c.get('https')) },
    })
  }

  app.all('/api/pos/session', async (c) => {
    c.set('route', '/api/pos/session')
    switch (c.req.method) {
      case 'GET':
        return sessionStatus(c)
      case 'POST':
        return signIn(c)
      case 'DELETE':
        return signOut(c)
      default:
        return problem(c, bffProblem(405, 'method-not-allowed', 'Use GET, POST or DELETE.'), {
          Allow: 'GET, POST, DELETE',
        })
    }
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

    const probesCode =
      route.codeProbe === 'validate' ||
      (route.codeProbe === 'lookup' && query.entries.some(([key]) => key === 'code'))
    const session = c.get('session')
    let release: ((unknownCode: boolean) => void) | null = null
    if (probesCode && session) {
      const ticket = await codeGuard.acquire(session.id)
      if (!ticket.ok)
        return problem(
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
      release?.(result !== undefined && isUnknownCode(route, result))
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
    return toBrowserResponse(result, path, c.get('requestId'))
  }

  app.all('/api', apiHandler)
  app.all('/api/*', apiHandler)

  app.all('*', async (c) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      c.set('route', 'static')
      return methodNotAllowedText()
    }
    const answer = await serveStatic(
      staticRoot,
      c.get('path') ?? '/',
      c.req.header('accept-encoding'),
    )
    c.set('route', answer.route)
    return answer.response
  })

  app.notFound((c) => problem(c, bffProblem(404, 'not-found', 'Not found.')))

  app.onError((error, c) => {
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
  })

  return app
}
