import { isAbsolute, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createBffApp } from './app'
import { loadDotEnv } from './dotenv'
import { parseBffEnv, SANDBOX_DEFAULT_PIN, type BffEnv } from './env'
import { createJournalRecorder, type JournalRecorder } from './journal/recorder'
import { openJournalStore, scheduleRetention, sqliteCode, type JournalStore } from './journal/store'
import { appUrls, certificateSummary, isLoopbackHost } from './listen-urls'
import { createBffLogger, hashedId } from './logger'
import type { SandboxMode } from './sandbox-mode'
import { startBffServer } from './server'
import { createMemoryStore } from './state/memory-store'
import { createRedisStore } from './state/redis-store'
import { createResilientStore } from './state/resilient-store'
import type { StateStore } from './state/store'
import { createUpstream } from './upstream'

/**
 * The composition root: the only place that reads process.env (after the project's `.env`, if
 * any). Without ZUPY_API_KEY the BFF runs against an embedded sandbox, loaded by a dynamic import
 * in that mode only, so a live till never loads the sandbox. (It does load SQLite: the till's
 * journal, docs/decisions/011-till-journal.md.)
 *
 * Runs from source under tsx (`npm start`, tests) and bundled to plain JavaScript
 * (`npm run build` → dist-server/main.js, `npm run start:prod`); both sit one folder below the
 * project root, which the relative paths here rely on.
 *
 * stdout carries JSON log lines only (pino); the human banner goes to stderr.
 */

/** How long SIGTERM waits for requests in flight before cutting them. */
const SHUTDOWN_GRACE_MS = 10_000

function fail(message: string): never {
  console.error(message)
  process.exit(1)
}

const banner = (lines: string[]) => {
  process.stderr.write(`${lines.join('\n')}\n`)
}

function readEnv(): BffEnv {
  try {
    loadDotEnv(fileURLToPath(new URL('../.env', import.meta.url)))
    return parseBffEnv(process.env)
  } catch (error) {
    return fail(error instanceof Error ? error.message : 'Invalid BFF environment')
  }
}

const env = readEnv()
// The private key by its base64 lines too: a fragment of it is as bad as the whole.
const keyLines = (env.tls?.key ?? '')
  .split(/\r?\n/)
  .filter((line) => /^[A-Za-z0-9+/=]{16,}$/.test(line))
const logger = createBffLogger({
  secrets: [env.zupyApiKey, env.posPin, env.sessionSecret, env.redisUrl, ...keyLines],
  level: env.logLevel,
})
logger.info({ mode: env.mode, pid: process.pid }, 'starting')
if (env.sessionSecretIsRandom)
  logger.warn(
    'POS_SESSION_SECRET is unset: using a random secret, so sessions end when this process stops; ' +
      'several BFF instances behind one address need the same POS_SESSION_SECRET',
  )
const staticRoot = fileURLToPath(new URL('../dist', import.meta.url))
const shutdownTasks: (() => Promise<void>)[] = []

let sandbox: SandboxMode | null = null
if (env.mode === 'sandbox') {
  const { startSandboxMode } = await import('./sandbox-mode')
  sandbox = await startSandboxMode(process.env, (line: unknown) => {
    // The sandbox stands in for Zupy and the customer's phone (it prints OTP codes on purpose),
    // so its lines are not the BFF's logs: they go to stderr, beside the banner.
    process.stderr.write(`${typeof line === 'string' ? line : JSON.stringify(line)}\n`)
  }).catch((error: unknown) =>
    fail(error instanceof Error ? error.message : 'Invalid sandbox environment'),
  )
  shutdownTasks.push(() => sandbox?.close() ?? Promise.resolve())
}
const upstreamBase = sandbox?.url ?? env.zupyApiUrl
const apiKey = sandbox?.apiKey ?? env.zupyApiKey ?? fail('ZUPY_API_KEY is required in live mode')

const upstream = createUpstream({ baseUrl: upstreamBase, apiKey, timeoutMs: env.timeoutMs })
shutdownTasks.unshift(() => upstream.close())

/**
 * The journal file: POS_JOURNAL_DB (relative to the project root), else data/journal.db there in
 * live mode and memory in sandbox mode, where nothing real is spent.
 */
function journalFile(): string {
  const root = fileURLToPath(new URL('..', import.meta.url))
  if (env.journalDb === ':memory:') return ':memory:'
  if (env.journalDb !== null)
    return isAbsolute(env.journalDb) ? env.journalDb : resolve(root, env.journalDb)
  return env.mode === 'sandbox' ? ':memory:' : resolve(root, 'data', 'journal.db')
}

/** A journal that cannot be opened must not stop the till: it runs without one, loudly. */
function openJournal(): { store: JournalStore; recorder: JournalRecorder } | null {
  const file = journalFile()
  let store: JournalStore
  try {
    store = openJournalStore(file, { retentionDays: env.journalDays, timeZone: env.timeZone })
  } catch (error) {
    logger.error(
      { journal_file: file, error_code: sqliteCode(error) },
      'journal: the file cannot be opened; running without a journal',
    )
    return null
  }
  const stopRetention = scheduleRetention(store, logger)
  const recorder = createJournalRecorder({ store, upstream, logger, till: env.tillName })
  // Pending entries first (their re-reads need the upstream), the file last.
  shutdownTasks.unshift(() => recorder.drain())
  shutdownTasks.push(() => {
    stopRetention()
    store.close()
    return Promise.resolve()
  })
  logger.info(
    { journal_file: file, retention_days: env.journalDays, time_zone: env.timeZone },
    'journal: open',
  )
  return { store, recorder }
}

/** How long startup waits for Redis before serving from memory (it keeps trying afterwards). */
const REDIS_STARTUP_WAIT_MS = 3000

/**
 * REDIS_URL set: sign-outs, PIN lockouts and unknown-code budgets shared with every instance on
 * that Redis (docs/decisions/012-shared-state.md). An unreachable Redis never stops the till: it
 * starts on this process's memory, warns, and switches over when Redis answers.
 */
async function openSharedState(): Promise<StateStore> {
  if (env.redisUrl === null) return createMemoryStore()
  const redis = createRedisStore({
    url: env.redisUrl,
    prefix: env.redisPrefix,
    // The log hash: every instance shares the secret, so they agree on the keys.
    keyOf: (value) => hashedId(value, env.sessionSecret),
  })
  const state = createResilientStore({ redis, fallback: createMemoryStore(), logger })
  shutdownTasks.push(() => state.close())
  const ready = await new Promise<boolean>((resolve) => {
    if (redis.client.status === 'ready') resolve(true)
    const timer = setTimeout(() => {
      resolve(false)
    }, REDIS_STARTUP_WAIT_MS)
    redis.client.once('ready', () => {
      clearTimeout(timer)
      resolve(true)
    })
  })
  if (ready) logger.info({ redis_prefix: env.redisPrefix }, 'shared state: Redis')
  else
    logger.warn(
      { redis_prefix: env.redisPrefix },
      "REDIS_URL: Redis does not answer; starting with this instance's memory until it does",
    )
  return state
}

const app = createBffApp({
  env,
  state: await openSharedState(),
  upstream,
  staticRoot,
  ...(sandbox ? { sandboxInfo: sandbox.info } : {}),
  logger,
  journal: openJournal(),
})

const server = await startBffServer(app, {
  host: env.host,
  port: env.port,
  ...(env.tls ? { tls: { cert: env.tls.cert, key: env.tls.key } } : {}),
}).catch((error: unknown) =>
  fail(
    `Could not listen on ${env.host}:${env.port}: ${error instanceof Error ? error.message : 'unknown error'}`,
  ),
)

logger.info(
  {
    url: server.url,
    tls: env.tls !== null,
    sandbox_url: sandbox?.url ?? null,
    upstream: new URL(upstreamBase).origin,
  },
  'listening',
)

const certificate = env.tls ? certificateSummary(env.tls.certificate) : null
if (certificate?.expired)
  logger.warn(
    { cert_file: env.tls?.certFile },
    'the TLS certificate has expired: browsers will refuse it',
  )

const [firstUrl, ...otherUrls] = appUrls(server.url, env.host)
const addressLines = [
  `  App:      ${firstUrl ?? server.url}`,
  ...otherUrls.map((url) => `            ${url}`),
  ...(certificate ? [`  HTTPS:    certificate ${certificate.line}`] : []),
  // Browsers give the camera only to https:// and localhost, so tablets on the LAN would lose it.
  ...(env.tls === null && !isLoopbackHost(env.host)
    ? [
        '  Note:     plain HTTP on the store network: tablets cannot use the camera here. Set',
        '            TLS_CERT_FILE and TLS_KEY_FILE, or put a TLS reverse proxy in front.',
      ]
    : []),
]

const pinLine = env.posPinIsDefault
  ? `  Cashier PIN: ${SANDBOX_DEFAULT_PIN} (sandbox default; set POS_PIN to change it)`
  : '  Cashier PIN: set by POS_PIN'
banner(
  sandbox === null
    ? [
        '',
        '  Zupy POS (live mode)',
        ...addressLines,
        `  Upstream: ${new URL(upstreamBase).origin}`,
        '  Cashier PIN: set by POS_PIN',
        '',
      ]
    : [
        '',
        '  Zupy POS (sandbox mode): no real points are spent, nothing leaves this machine.',
        ...addressLines,
        ...sandbox.bannerLines,
        pinLine,
        '',
      ],
)

let stopping = false
async function shutdown(signal: string): Promise<void> {
  if (stopping) return
  stopping = true
  const started = performance.now()
  logger.info({ signal, in_flight: server.inFlight() }, 'shutting down')
  // A stuck close must not keep the process alive.
  setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS + 5000).unref()
  // New connections are refused at once; requests in flight finish, up to the grace period.
  const { drained } = await server.drain(SHUTDOWN_GRACE_MS)
  for (const task of shutdownTasks) {
    try {
      await task()
    } catch {
      // Keep closing the rest.
    }
  }
  logger.info({ drained, duration_ms: Math.round(performance.now() - started) }, 'stopped')
  process.exit(0)
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void shutdown(signal)
  })
}
