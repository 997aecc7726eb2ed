import { Hono } from 'hono'
import type { SandboxConfig } from './config'
import type { SandboxContext, SandboxEnv } from './context'
import { createControlRoutes } from './control'
import { openSandboxDb, type SandboxDb } from './db'
import { SimulatedNetworkError, faultMiddleware } from './faults'
import { apiKeyAuth, appendSlash, rateLimit, requestLog } from './gateway'
import { problem } from './problems'
import { couponRoutes } from './routes/coupons'
import { customerRoutes } from './routes/customers'
import { otpRoutes } from './routes/otp'
import { rewardRoutes } from './routes/rewards'
import type { ApiRoute } from './routes/route'
import { seedDatabase } from './seed'
import { createSandboxState, type SandboxState } from './state'

export interface SandboxAppDeps {
  config: SandboxConfig
  /** Defaults to a database opened at `config.dbPath` (seeded when empty). */
  db?: SandboxDb
  log?: (line: string) => void
  now?: () => Date
  /** Aborted on shutdown so delayed (faulted) answers stop waiting. */
  signal?: AbortSignal
}

export interface SandboxApp {
  app: Hono<SandboxEnv>
  ctx: SandboxContext
}

function templateRegex(path: string): RegExp {
  const pattern = path
    .split('/')
    .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/')
  return new RegExp(`^${pattern}$`)
}

/** Builds the app and its context; tests use `ctx` to reach the database and the clock. */
export function buildSandbox(deps: SandboxAppDeps): SandboxApp {
  const db = deps.db ?? openSandboxDb(deps.config.dbPath)
  const clock = deps.now ?? (() => new Date())
  const state: SandboxState = createSandboxState(deps.config)
  const ctx: SandboxContext = {
    config: deps.config,
    db,
    state,
    now: () => clock().getTime(),
    log:
      deps.log ??
      ((line) => {
        console.log(line)
      }),
    signal: deps.signal ?? new AbortController().signal,
  }
  // A file database keeps its data across restarts; only an empty one gets the seed.
  if (db.isEmpty()) seedDatabase(db, ctx.now())

  const app = new Hono<SandboxEnv>()
  app.route('/_sandbox', createControlRoutes(ctx))

  // Order matters: log and faults see every request; the gateway (rate limit, then Django's
  // slash handling, then DRF auth) runs before any endpoint.
  // '/api/v2/*' also matches '/api/v2' itself.
  app.use(
    '/api/v2/*',
    requestLog(ctx),
    faultMiddleware(ctx),
    rateLimit(ctx),
    appendSlash(),
    apiKeyAuth(ctx),
  )

  const routes: ApiRoute[] = [
    ...customerRoutes(ctx),
    ...rewardRoutes(ctx),
    ...couponRoutes(ctx),
    ...otpRoutes(ctx),
  ]
  // Static paths first, so `/rewards/coupons/` is never taken for `/rewards/:id/` (Django's
  // urlpatterns order gives the same result).
  const ordered = [...routes].sort(
    (a, b) => Number(a.path.includes(':')) - Number(b.path.includes(':')),
  )
  for (const route of ordered) app.on(route.method, route.path, route.handler)

  const known = routes.map((route) => ({ ...route, regex: templateRegex(route.path) }))
  const fallback = (c: Parameters<ApiRoute['handler']>[0]) => {
    const allowed = known
      .filter((route) => route.regex.test(c.req.path))
      .map((route) => route.method)
    if (allowed.length === 0) {
      return problem(
        c,
        403,
        'permission-denied',
        'This endpoint is not available to partner API keys.',
      )
    }
    const allow = [...new Set(allowed.flatMap((m) => (m === 'GET' ? ['GET', 'HEAD'] : [m])))]
    c.header('Allow', allow.join(', '))
    return problem(c, 405, 'method-not-allowed', `Method "${c.req.method}" not allowed.`)
  }
  app.all('/api/v2/*', fallback)

  app.notFound((c) => problem(c, 404, 'not-found', 'Not found.'))
  app.onError((error, c) => {
    // Simulated network failures must reach an in-process caller as a rejected fetch.
    if (error instanceof SimulatedNetworkError) throw error
    ctx.log(`[sandbox] error on ${c.req.method} ${c.req.path}: ${error.stack ?? error.message}`)
    return problem(c, 500, 'internal-error', 'Internal server error.')
  })

  return { app, ctx }
}

/** The Hono app alone (server.ts and `app.request()` tests). */
export function createSandboxApp(deps: SandboxAppDeps): Hono<SandboxEnv> {
  return buildSandbox(deps).app
}
