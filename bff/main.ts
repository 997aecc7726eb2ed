import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import { parseSandboxEnv } from '../sandbox/config'
import { SEED } from '../sandbox/seed'
import { startSandbox } from '../sandbox/server'
import { createBffApp, type SandboxInfo } from './app'
import { parseBffEnv, SANDBOX_DEFAULT_PIN, type BffEnv } from './env'
import { appUrls, certificateSummary, isLoopbackHost } from './listen-urls'
import { createBffLogger } from './logger'
import { startBffServer } from './server'
import { createUpstream } from './upstream'

/**
 * The composition root: the only place that reads process.env and the only BFF file that may
 * start the sandbox. Without ZUPY_API_KEY the BFF runs against an embedded sandbox.
 *
 * stdout carries JSON log lines only (pino); the human banner goes to stderr.
 */

/** How long SIGTERM waits for requests in flight before cutting them. */
const SHUTDOWN_GRACE_MS = 10_000

/** `+5511987654321` → `+55 11 98765-4321`, the way a Brazilian cashier would read it out. */
function displayPhone(phone: string): string {
  const match = /^\+55(\d{2})(\d{4,5})(\d{4})$/.exec(phone)
  return match ? `+55 ${match[1] ?? ''} ${match[2] ?? ''}-${match[3] ?? ''}` : phone
}

function fail(message: string): never {
  console.error(message)
  process.exit(1)
}

const banner = (lines: string[]) => {
  process.stderr.write(`${lines.join('\n')}\n`)
}

function readEnv(): BffEnv {
  try {
    return parseBffEnv(process.env)
  } catch (error) {
    return fail(error instanceof Error ? error.message : 'Invalid BFF environment')
  }
}

const SandboxSettingsSchema = z.object({ otp_policy: z.string(), shape: z.string() })

const env = readEnv()
// The private key by its base64 lines too: a fragment of it is as bad as the whole.
const keyLines = (env.tls?.key ?? '')
  .split(/\r?\n/)
  .filter((line) => /^[A-Za-z0-9+/=]{16,}$/.test(line))
const logger = createBffLogger({
  secrets: [env.zupyApiKey, env.posPin, env.sessionSecret, ...keyLines],
})
logger.info({ mode: env.mode, pid: process.pid }, 'starting')
if (env.sessionSecretIsRandom)
  logger.warn(
    'POS_SESSION_SECRET is unset: using a random secret, so sessions end when this process stops; ' +
      'several BFF instances behind one address need the same POS_SESSION_SECRET',
  )
const staticRoot = fileURLToPath(new URL('../dist', import.meta.url))
const shutdownTasks: (() => Promise<void>)[] = []

let upstreamBase: string
let apiKey: string
let sandboxInfo: (() => Promise<SandboxInfo>) | undefined
let sandboxUrl: string | null = null

if (env.mode === 'sandbox') {
  let sandboxConfig
  try {
    sandboxConfig = parseSandboxEnv(process.env)
  } catch (error) {
    fail(error instanceof Error ? error.message : 'Invalid sandbox environment')
  }
  const sandbox = await startSandbox(sandboxConfig, {
    // The sandbox stands in for Zupy and the customer's phone (it prints OTP codes on purpose),
    // so its lines are not the BFF's logs: they go to stderr, beside the banner.
    log: (line: unknown) => {
      process.stderr.write(`${typeof line === 'string' ? line : JSON.stringify(line)}\n`)
    },
  })
  shutdownTasks.push(() => sandbox.close())
  sandboxUrl = sandbox.url
  upstreamBase = sandbox.url
  apiKey = sandbox.config.apiKey
  const settingsUrl = `${sandbox.url}/_sandbox/settings`
  // Settings can change at run time (PUT /_sandbox/settings), so the banner asks each time.
  sandboxInfo = async () => {
    try {
      const response = await fetch(settingsUrl, { signal: AbortSignal.timeout(2000) })
      return SandboxSettingsSchema.parse(await response.json())
    } catch {
      return { otp_policy: sandbox.config.otpPolicy, shape: sandbox.config.shape }
    }
  }
} else {
  upstreamBase = env.zupyApiUrl
  apiKey = env.zupyApiKey ?? fail('ZUPY_API_KEY is required in live mode')
}

const upstream = createUpstream({ baseUrl: upstreamBase, apiKey, timeoutMs: env.timeoutMs })
shutdownTasks.unshift(() => upstream.close())

const app = createBffApp({
  env,
  upstream,
  staticRoot,
  sandboxInfo,
  logger,
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
    sandbox_url: sandboxUrl,
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
  sandboxUrl === null
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
        `  Sandbox:  ${sandboxUrl}/api/v2/ (the BFF adds the sandbox key; the browser never sees it)`,
        `  Control:  POST ${sandboxUrl}/_sandbox/reset · GET|DELETE ${sandboxUrl}/_sandbox/requests`,
        `            POST ${sandboxUrl}/_sandbox/coupons · POST ${sandboxUrl}/_sandbox/faults`,
        `            PUT ${sandboxUrl}/_sandbox/settings {otp_policy, shape}`,
        '  Demo customers:',
        ...Object.values(SEED.customers).map(
          (customer) =>
            `    ${customer.fullName.padEnd(16)} ${displayPhone(customer.phone).padEnd(18)} ${customer.cardNumber}`,
        ),
        '  Demo coupons: CZ-7K3M9P2Q (Maria, active) · CZ-9T5B3X7L (Maria, already used)',
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
