import { Hono } from 'hono'
import { sendProblem, type BffBindings } from './context'
import type { BffEnv } from './env'
import { createGateway } from './gateway'
import type { JournalRecorder } from './journal/recorder'
import type { JournalStore } from './journal/store'
import { hashedId, silentLogger, type BffLogger } from './logger'
import { refuseCrossSite } from './middleware/csrf'
import { readClientView } from './middleware/client-view'
import { compressApiAnswers } from './middleware/compress'
import { guardRawTarget } from './middleware/raw-target-guard'
import { answerInternalError, logRequests } from './middleware/request-log'
import { addSecurityHeaders } from './middleware/security-headers'
import { requireSession } from './middleware/session-gate'
import type { SandboxInfoSource } from './pos/config'
import { createPosApi } from './pos/pos-api'
import { bffProblem } from './problems'
import { createSessionManager } from './session'
import { createMemoryStore } from './state/memory-store'
import type { StateStore } from './state/store'
import { servePages } from './static-files'
import { createProxyTrust } from './trust-proxy'
import type { Upstream } from './upstream'

export interface BffAppDeps {
  /** `trustProxy` left out trusts no proxy, the default. */
  env: Pick<
    BffEnv,
    | 'mode'
    | 'posPin'
    | 'posPinIsDefault'
    | 'sessionSecret'
    | 'sessionIdleMin'
    | 'tillName'
    | 'timeZone'
  > &
    Partial<Pick<BffEnv, 'trustProxy'>>
  upstream: Upstream
  /** The built SPA (dist/); without it every page answers 503 "run npm run build". */
  staticRoot?: string
  logger?: BffLogger
  /** The embedded sandbox's settings for the UI banner; a function when they can change at run time. */
  sandboxInfo?: SandboxInfoSource
  /** Epoch milliseconds; tests move it to cross idle, absolute, lockout and rate-limit deadlines. */
  now?: () => number
  /**
   * The till's journal (docs/decisions/011-till-journal.md): its store, read by /api/pos/journal,
   * and its recorder, which the gateway hands every upstream result. Left out: no journal.
   */
  journal?: { store: JournalStore; recorder: JournalRecorder } | null
  /**
   * Sign-outs, PIN lockouts and unknown-code budgets (docs/decisions/012-shared-state.md). Left
   * out: this process's memory, as for a single instance.
   */
  state?: StateStore
}

/**
 * The BFF as a Hono app. Middleware in the order it runs (a request refused by one step never
 * reaches the next): the log line, the client view, security headers, compression, the raw-path
 * guard, the CSRF check, the session gate. Then the /api/pos routes, the route table under
 * /api/v2 (gateway.ts), and the built SPA for everything else.
 */
export function createBffApp(deps: BffAppDeps): Hono<BffBindings> {
  const { env, upstream } = deps
  const logger = deps.logger ?? silentLogger()
  const now = deps.now ?? Date.now
  const hash = (value: string) => hashedId(value, env.sessionSecret)
  const state = deps.state ?? createMemoryStore()
  const sessions = createSessionManager({
    store: state,
    secret: env.sessionSecret,
    idleMs: env.sessionIdleMin * 60_000,
    now,
  })
  const journal = deps.journal ?? null
  const gateway = createGateway({
    upstream,
    state,
    logger,
    now,
    hash,
    journal: journal?.recorder,
  })
  const posApi = createPosApi({
    ...deps,
    sessions,
    state,
    logger,
    hash,
    now,
    journalStore: journal?.store ?? null,
  })

  const app = new Hono<BffBindings>()
  app.use(logRequests({ logger, hash }))
  app.use(readClientView(createProxyTrust(env.trustProxy ?? [])))
  app.use(addSecurityHeaders)
  app.use(compressApiAnswers)
  app.use(guardRawTarget)
  app.use(refuseCrossSite)
  app.use(requireSession(sessions, now))
  app.route('/api/pos', posApi)
  app.all('/api', gateway)
  app.all('/api/*', gateway)
  app.all('*', servePages(deps.staticRoot))
  app.notFound((c) => sendProblem(c, bffProblem(404, 'not-found', 'Not found.')))
  app.onError(answerInternalError(logger))
  return app
}
