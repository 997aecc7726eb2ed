import { Hono } from 'hono'
import { sendProblem, type BffBindings, type BffContext } from '../context'
import type { BffEnv } from '../env'
import type { JournalStore } from '../journal/store'
import type { BffLogger } from '../logger'
import { bffProblem } from '../problems'
import type { SessionManager } from '../session'
import type { StateStore } from '../state/store'
import type { Upstream } from '../upstream'
import { createConfigAnswer, type SandboxInfoSource } from './config'
import { createHealthCheck } from './health'
import { createJournalRoutes } from './journal'
import { createSessionRoutes } from './session-routes'

export interface PosApiOptions {
  env: Pick<BffEnv, 'mode' | 'posPin' | 'posPinIsDefault' | 'tillName' | 'timeZone'>
  upstream: Upstream
  sandboxInfo?: SandboxInfoSource
  sessions: SessionManager
  state: StateStore
  logger: BffLogger
  hash: (value: string) => string
  now: () => number
  /** The till's journal store; null when this till has none (the journal routes answer 503). */
  journalStore: JournalStore | null
}

/** Names the route for the log line; null for a GET, else the 405 to send. */
function refuseAllButGet(c: BffContext, route: string): Response | null {
  c.set('route', route)
  if (c.req.method === 'GET') return null
  return sendProblem(c, bffProblem(405, 'method-not-allowed', 'Use GET.'), { Allow: 'GET' })
}

/**
 * The BFF's own routes, mounted at /api/pos: health, config and the cashier session, which are
 * public (middleware/session-gate.ts), and the till's journal, which needs a session like the
 * rest of /api.
 */
export function createPosApi(options: PosApiOptions): Hono<BffBindings> {
  const { env, upstream, sandboxInfo } = options
  const health = createHealthCheck(env.mode, upstream, () => options.state.status())
  const config = createConfigAnswer(env, sandboxInfo)
  const api = new Hono<BffBindings>()
  api.all('/health', (c) => refuseAllButGet(c, '/api/pos/health') ?? health(c))
  api.all('/config', (c) => refuseAllButGet(c, '/api/pos/config') ?? config(c))
  api.all('/session', createSessionRoutes({ ...options, posPin: env.posPin }))
  api.route(
    '/journal',
    createJournalRoutes({
      store: options.journalStore,
      logger: options.logger,
      hash: options.hash,
      till: env.tillName,
      now: options.now,
    }),
  )
  return api
}
