import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import { parseSandboxEnv } from '../sandbox/config'
import { SEED } from '../sandbox/seed'
import { startSandbox } from '../sandbox/server'
import { createBffApp, type SandboxInfo } from './app'
import { parseBffEnv, type BffEnv } from './env'
import { startBffServer } from './server'
import { createUpstream } from './upstream'

/**
 * The composition root: the only place that reads process.env and the only BFF file that may
 * start the sandbox. Without ZUPY_API_KEY the BFF runs against an embedded sandbox.
 */

/** `+5511987654321` → `+55 11 98765-4321`, the way a Brazilian cashier would read it out. */
function displayPhone(phone: string): string {
  const match = /^\+55(\d{2})(\d{4,5})(\d{4})$/.exec(phone)
  return match ? `+55 ${match[1] ?? ''} ${match[2] ?? ''}-${match[3] ?? ''}` : phone
}

function fail(message: string): never {
  console.error(message)
  process.exit(1)
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
    log: (line: unknown) => {
      console.log(typeof line === 'string' ? line : JSON.stringify(line))
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
  log: (record) => {
    console.log(JSON.stringify(record))
  },
})

const server = await startBffServer(app, { host: env.host, port: env.port }).catch(
  (error: unknown) =>
    fail(
      `Could not listen on ${env.host}:${env.port}: ${error instanceof Error ? error.message : 'unknown error'}`,
    ),
)
shutdownTasks.unshift(() => server.close())

const banner =
  sandboxUrl === null
    ? [
        '',
        '  Zupy POS (live mode)',
        `  App:      ${server.url}/`,
        `  Upstream: ${new URL(upstreamBase).origin}`,
        '',
      ]
    : [
        '',
        '  Zupy POS (sandbox mode): no real points are spent, nothing leaves this machine.',
        `  App:      ${server.url}/`,
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
        '',
      ]
console.log(banner.join('\n'))

let stopping = false
async function shutdown(signal: string): Promise<void> {
  if (stopping) return
  stopping = true
  console.log(`Received ${signal}, shutting down.`)
  // A stuck close must not keep the process alive.
  setTimeout(() => process.exit(1), 5000).unref()
  for (const task of shutdownTasks) {
    try {
      await task()
    } catch {
      // Keep closing the rest.
    }
  }
  process.exit(0)
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void shutdown(signal)
  })
}
