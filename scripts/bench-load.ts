/**
 * `npm run bench:load` (reliability.md G12): the sandbox and the BFF as child processes on free
 * loopback ports, then the same realistic mix three times for BENCH_DURATION_S seconds (default
 * 30) with 50 connections: through one BFF with in-process state (signed in, 50 cashier
 * sessions); through two BFF instances sharing state in one redis-server (REDIS_URL, issue 14),
 * the connections split between them; then straight at the sandbox with the key, as the baseline
 * measured in the same run. Prints p50/p95/p99 of each, the added latency of each BFF setup and
 * what Redis adds over in-process state, the error rate (statuses that are not answers: 409 on a
 * used coupon is an answer), requests/s, and the single BFF's RSS before and after. A benchmark,
 * not a test.
 */
import { readFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import autocannon, { type AutocannonRequest } from 'autocannon'
import { endpointPath, endpointTarget } from '../contract/endpoint'
import { couponEndpoints, customerEndpoints, rewardEndpoints } from '../contract/endpoints'
import { DEFAULT_SANDBOX_API_KEY } from '../sandbox/config'
import { SEED } from '../sandbox/seed'
import { startTestRedis } from '../bff/testing/redis-server'
import { childProcesses, freePort, percentile, signIn, waitFor } from './bench-support'

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 30)
const CONNECTIONS = 50
const SESSIONS = 50
const PIN = '20262026'
const SESSION_SECRET = 'bench-session-secret-0123456789abcdef'
const MARIA = SEED.customers.maria
/**
 * Fresh coupons per phase. Once they are used, validates answer 409 (an expected answer). More would
 * measure the sandbox more than the BFF: its coupon sweeps grow with the table.
 */
const COUPONS_PER_PHASE = Number(process.env.BENCH_COUPONS ?? 500)

const children = childProcesses()

/** Resident set size of a child, in MB (Linux /proc). */
function rssMb(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? Number.NaN)
  return kb / 1024
}

async function createCoupons(sandboxUrl: string, count: number): Promise<string[]> {
  const codes: string[] = []
  for (let i = 0; i < count; i += 20) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(20, count - i) }, async () => {
        const response = await fetch(`${sandboxUrl}/_sandbox/coupons`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ customer_id: MARIA.id }),
        })
        return ((await response.json()) as { coupon_code: string }).coupon_code
      }),
    )
    codes.push(...batch)
  }
  return codes
}

interface PhaseResult {
  label: string
  requests: number
  durationS: number
  p50: number
  p95: number
  p99: number
  errors: number
  errorStatuses: Record<string, number>
  statuses: Record<string, number>
}

/**
 * One phase of the mix. Each loop of a connection is one cashier action set: the catalog for the
 * customer, the customer, a coupon looked up by its (known) code, and a validate of the next
 * fresh coupon. `headersFor` gives each loop its credentials (a session cookie, or the key).
 */
async function runPhase(
  label: string,
  /** Where the connections go, split evenly (several instances behind one address). */
  urls: string[],
  coupons: string[],
  headersFor: (loop: number, url: string) => Record<string, string>,
): Promise<PhaseResult> {
  let loops = 0
  let next = 0
  const statuses: Record<string, number> = {}
  const errorStatuses: Record<string, number> = {}
  const count = (kind: string, expected: number[]) => (status: number) => {
    const key = `${kind} ${status}`
    statuses[key] = (statuses[key] ?? 0) + 1
    if (!expected.includes(status)) errorStatuses[key] = (errorStatuses[key] ?? 0) + 1
  }
  const withHeaders =
    (url: string, path: () => string) =>
    (request: AutocannonRequest, context: Record<string, unknown>): AutocannonRequest => {
      // The context is reset at each loop; the first request of the loop picks its credentials.
      if (context.headers === undefined) context.headers = headersFor(loops++, url)
      return {
        ...request,
        path: path(),
        headers: { ...(context.headers as Record<string, string>) },
      }
    }
  const requestsTo = (url: string): AutocannonRequest[] => [
    {
      method: rewardEndpoints.list.method,
      setupRequest: withHeaders(url, () =>
        endpointTarget(rewardEndpoints.list, {}, { customer_id: MARIA.id, redeemable: 'true' }),
      ),
      onResponse: count('GET rewards', [200]),
    },
    {
      method: customerEndpoints.get.method,
      setupRequest: withHeaders(url, () => endpointPath(customerEndpoints.get, { id: MARIA.id })),
      onResponse: count('GET customer', [200]),
    },
    {
      method: couponEndpoints.issued.method,
      setupRequest: withHeaders(url, () =>
        endpointTarget(couponEndpoints.issued, {}, { code: 'CZ-7K3M9P2Q' }),
      ),
      onResponse: count('GET coupon by code', [200]),
    },
    {
      method: couponEndpoints.validate.method,
      setupRequest: withHeaders(url, () => {
        const couponRef = coupons[next++ % coupons.length] ?? 'CZ-7K3M9P2Q'
        return endpointPath(couponEndpoints.validate, { id: MARIA.id, couponRef })
      }),
      onResponse: count('POST validate', [200, 409]),
    },
  ]
  const times: number[] = []
  const results = await Promise.all(
    urls.map((url) => {
      const instance = autocannon({
        url,
        connections: CONNECTIONS / urls.length,
        duration: DURATION_S,
        timeout: 20,
        requests: requestsTo(url),
      })
      instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => {
        times.push(ms)
      })
      return instance
    }),
  )
  const result = {
    duration: Math.max(...results.map((r) => r.duration)),
    errors: results.reduce((sum, r) => sum + r.errors, 0),
    timeouts: results.reduce((sum, r) => sum + r.timeouts, 0),
  }
  times.sort((a, b) => a - b)
  const errors =
    Object.values(errorStatuses).reduce((sum, n) => sum + n, 0) + result.errors + result.timeouts
  return {
    label,
    requests: times.length,
    durationS: result.duration,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    errors,
    errorStatuses: { ...errorStatuses, transport: result.errors, timeouts: result.timeouts },
    statuses,
  }
}

async function main(): Promise<void> {
  const sandboxPort = await freePort()
  const bffPort = await freePort()
  const sharedPorts = [await freePort(), await freePort()]
  const sharedUrls = sharedPorts.map((port) => `http://127.0.0.1:${port}`)
  const shared = await startTestRedis()
  stopRedis = () => shared.stop()
  const sandboxUrl = `http://127.0.0.1:${sandboxPort}`
  const bffUrl = `http://127.0.0.1:${bffPort}`
  children.start('sandbox', ['--import', 'tsx', 'sandbox/main.ts'], {
    ZUPY_SANDBOX_PORT: String(sandboxPort),
    ZUPY_SANDBOX_OTP_POLICY: 'trusted',
    ZUPY_SANDBOX_RATE_LIMIT: '',
    ZUPY_SANDBOX_DB: '',
  })
  await waitFor(`${sandboxUrl}/_sandbox/settings`)
  // Live mode against the sandbox: the BFF exactly as in production, with its own process.
  const bffEnv = (port: number, extra: Record<string, string> = {}) => ({
    PORT: String(port),
    HOST: '127.0.0.1',
    ZUPY_API_URL: sandboxUrl,
    ZUPY_API_KEY: DEFAULT_SANDBOX_API_KEY,
    POS_PIN: PIN,
    POS_SESSION_SECRET: SESSION_SECRET,
    POS_JOURNAL_DB: ':memory:',
    REDIS_URL: '',
    ...extra,
  })
  const bff = children.start('bff', ['--import', 'tsx', 'bff/main.ts'], bffEnv(bffPort))
  sharedPorts.forEach((port, i) =>
    children.start(
      `bff ${'AB'[i] ?? i}`,
      ['--import', 'tsx', 'bff/main.ts'],
      bffEnv(port, { REDIS_URL: shared.url, REDIS_PREFIX: 'bench:' }),
    ),
  )
  await waitFor(`${bffUrl}/api/pos/health`)
  for (const url of sharedUrls) await waitFor(`${url}/api/pos/health`)

  console.log(
    `Preparing: ${COUPONS_PER_PHASE} fresh coupons per phase, ${SESSIONS} cashier sessions…`,
  )
  const cookies = await Promise.all(Array.from({ length: SESSIONS }, () => signIn(bffUrl, PIN)))
  const bffCoupons = await createCoupons(sandboxUrl, COUPONS_PER_PHASE)
  const sharedCoupons = await createCoupons(sandboxUrl, COUPONS_PER_PHASE)
  const sandboxCoupons = await createCoupons(sandboxUrl, COUPONS_PER_PHASE)

  const rssBefore = rssMb(bff.pid)
  const load = loadavg()[0] ?? 0
  console.log(
    `BFF phase: ${CONNECTIONS} connections × ${DURATION_S} s (load average ${load.toFixed(2)})…`,
  )
  const viaBff = await runPhase('BFF → sandbox', [bffUrl], bffCoupons, (loop) => ({
    cookie: cookies[loop % cookies.length] ?? '',
    'content-type': 'application/json',
    origin: bffUrl,
  }))
  const rssAfter = rssMb(bff.pid)
  console.log(`Shared phase: the same mix through two BFFs on one Redis…`)
  // The same cookies: the secret is shared, so a session from the first BFF is good on both.
  const viaShared = await runPhase('2 BFFs + Redis', sharedUrls, sharedCoupons, (loop, url) => ({
    cookie: cookies[loop % cookies.length] ?? '',
    'content-type': 'application/json',
    // The origin of the instance reached: CSRF compares it with the Host.
    origin: url,
  }))
  console.log(`Baseline phase: the same mix straight at the sandbox…`)
  const direct = await runPhase('sandbox alone', [sandboxUrl], sandboxCoupons, () => ({
    'x-api-key': DEFAULT_SANDBOX_API_KEY,
    'content-type': 'application/json',
  }))

  const ms = (value: number) => value.toFixed(1).padStart(7)
  const added = (over: PhaseResult, base: PhaseResult) =>
    `p50 ${(over.p50 - base.p50).toFixed(1)} ms, p95 ${(over.p95 - base.p95).toFixed(1)} ms, p99 ${(over.p99 - base.p99).toFixed(1)} ms`
  const row = (r: PhaseResult) =>
    `${r.label.padEnd(15)} ${String(r.requests).padStart(8)} ${(r.requests / r.durationS).toFixed(0).padStart(8)} ${ms(r.p50)} ${ms(r.p95)} ${ms(r.p99)} ${((100 * r.errors) / Math.max(1, r.requests)).toFixed(3).padStart(8)}%`
  console.log(
    [
      '',
      `G12 load benchmark: ${CONNECTIONS} connections, ${DURATION_S} s per phase, mix = GET rewards, GET customer, GET coupon by code, POST validate (fresh coupons; 409 once used)`,
      '',
      `${'phase'.padEnd(15)} ${'requests'.padStart(8)} ${'req/s'.padStart(8)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'p99'.padStart(7)} ${'errors'.padStart(9)}   (latency in ms)`,
      row(viaBff),
      row(viaShared),
      row(direct),
      '',
      `BFF added latency (in-process state): ${added(viaBff, direct)}`,
      `BFF added latency (2 instances + Redis): ${added(viaShared, direct)}`,
      `Redis over in-process state: ${added(viaShared, viaBff)}`,
      `BFF RSS: ${rssBefore.toFixed(1)} MB before, ${rssAfter.toFixed(1)} MB after (${(rssAfter - rssBefore).toFixed(1)} MB)`,
      `Statuses through the BFF: ${JSON.stringify(viaBff.statuses)}`,
      `Statuses through 2 BFFs: ${JSON.stringify(viaShared.statuses)}`,
      `Statuses at the sandbox:  ${JSON.stringify(direct.statuses)}`,
      `Errors through the BFF:   ${JSON.stringify(viaBff.errorStatuses)}`,
      `Errors through 2 BFFs:    ${JSON.stringify(viaShared.errorStatuses)}`,
      `Errors at the sandbox:    ${JSON.stringify(direct.errorStatuses)}`,
      `Load average after: ${loadavg()
        .map((n) => n.toFixed(2))
        .join(' ')} (2 cores shared with the load generator)`,
    ].join('\n'),
  )
}

/** The shared phase's redis-server (bff/testing/redis-server.ts: free port, nothing on disk). */
let stopRedis = () => Promise.resolve()

try {
  await main()
} finally {
  await children.stopAll()
  await stopRedis()
}
