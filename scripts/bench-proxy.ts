/**
 * `npm run bench:proxy` (issue 11, item 7): how much the BFF costs as a proxy, next to a plain
 * fastify + @fastify/http-proxy reverse proxy (bench/fastify-reference/) on the same machine, in
 * the same run. A benchmark, not a test: it prints what it measured and never fails on a number.
 *
 * Three child processes on free loopback ports: a stub upstream (node:http answering
 * GET /api/v2/rewards/ with a ~2 KB rewards page when X-API-Key is right), the BFF in live mode
 * pointed at it (logs at info, as in production; lines go to /dev/null like bench:load), and the
 * fastify reference adding the key. Then, after a short warm-up, BENCH_ROUNDS (default 3)
 * alternating rounds of BENCH_ROUND_S (default 10) seconds per target at 50 connections
 * (GET /api/v2/rewards/, the BFF with a cashier session cookie), and BENCH_SINGLE_ROUNDS (default 2)
 * rounds at 1 connection of the stub alone, the BFF and fastify, BENCH_SINGLE_S (default 5) seconds
 * each, for the latency each proxy adds. BENCH_WARMUP_S (default 6) seconds per proxy come first;
 * the JIT needs them on a busy machine, or the first round pays for it.
 *
 * BENCH_CPU_PROF=<dir> starts the BFF under `node --cpu-prof` (profile written when it stops);
 * BENCH_ONLY=bff skips fastify. The fastify reference is installed on demand
 * (`npm ci --prefix bench/fastify-reference`, engine-strict off for that folder only).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createServer as createHttpServer } from 'node:http'
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { rewardEndpoints } from '../contract/endpoints'
import {
  childProcesses,
  freePort,
  median,
  percentile,
  ROOT,
  signIn,
  waitFor,
} from './bench-support'

const children = childProcesses()
const REFERENCE_DIR = join(ROOT, 'bench', 'fastify-reference')
const API_KEY = `zupy_pk_${'bench'.padEnd(32, '0')}`
const PIN = '20262026'
const PATH = rewardEndpoints.list.path
const CONNECTIONS = 50
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const ROUND_S = Number(process.env.BENCH_ROUND_S ?? 10)
const SINGLE_ROUNDS = Number(process.env.BENCH_SINGLE_ROUNDS ?? 2)
const SINGLE_S = Number(process.env.BENCH_SINGLE_S ?? 5)
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 6)
const CPU_PROF_DIR = process.env.BENCH_CPU_PROF
const ONLY_BFF = process.env.BENCH_ONLY === 'bff'

/** Two rewards of the sandbox's seed, as GET /api/v2/rewards/ serialises them (~2 KB). */
function rewardsPage(): Buffer {
  const reward = (id: string, name: string, description: string, points: number) => ({
    id,
    name,
    description,
    reward_type: 'generic',
    points_required: points,
    monetary_value: '7.00',
    validity_days: 7,
    is_available: true,
    quantity_available: null,
    quantity_redeemed: 58,
    discount_type: 'free_item',
    discount_percentage: null,
    discount_fixed_amount: null,
    maximum_discount_value: null,
    image_url: null,
    program_id: 'rvskgj7twll1eurfv1tpet0tj4r',
    program_name: 'Clube Zupy Demo',
    is_active: true,
    already_redeemed: false,
    start_date: null,
    end_date: null,
    created_at: '2024-03-09T15:37:35Z',
    updated_at: '2026-11-04T15:37:35Z',
    settlement_budget: null,
    customer_split_pct: '50.00',
    operator_split_pct: null,
    publisher_split_pct: null,
    sharer_split_pct: null,
    z_distributed_total: null,
    origin_type: 'loyalty_reward',
    budget_mode: 'unlimited',
    campaign_status: null,
    campaign_operator_id: null,
    campaign_operator_name: null,
  })
  return Buffer.from(
    JSON.stringify({
      count: 9,
      next: 'https://api.zupy.com/api/v2/rewards/?cursor=cD0yMDI0LTAzLTA5',
      previous: null,
      results: [
        reward(
          'bf11ytzuinq7rlpaph8kpkp4ate',
          'Café expresso',
          'Um café expresso da casa, tirado na hora, para acompanhar a sobremesa.',
          100,
        ),
        reward(
          'c3kq0d9xw2m5rlpaph8kpkp4atf',
          'Sobremesa do dia',
          'Uma porção da sobremesa do dia, à escolha do cliente, no balcão.',
          250,
        ),
      ],
    }),
  )
}

/** The stub upstream (its own process, so it does not share a core with the load generator). */
function runStub(port: number): void {
  const body = rewardsPage()
  const server = createHttpServer((request, response) => {
    if (request.headers['x-api-key'] !== API_KEY) {
      response.writeHead(401, { 'content-type': 'application/json' }).end('{"detail":"key"}')
      return
    }
    if (request.method !== 'GET' || !request.url?.startsWith(PATH)) {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"detail":"none"}')
      return
    }
    response
      .writeHead(200, {
        'content-type': 'application/json',
        'content-length': body.length,
        'x-ratelimit-limit': '3000',
        'x-ratelimit-remaining': '2999',
        'x-ratelimit-reset': '1796398719',
      })
      .end(body)
  })
  server.keepAliveTimeout = 60_000
  server.listen(port, '127.0.0.1')
  process.on('SIGTERM', () => process.exit(0))
}

function installReference(): void {
  if (existsSync(join(REFERENCE_DIR, 'node_modules', 'fastify', 'package.json'))) return
  console.log('Installing the fastify reference: npm ci --prefix bench/fastify-reference …')
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  const result = spawnSync(
    npm,
    ['ci', '--prefix', REFERENCE_DIR, '--engine-strict=false', '--no-audit', '--no-fund'],
    { cwd: ROOT, stdio: 'inherit', timeout: 300_000 },
  )
  if (result.status !== 0) throw new Error('npm ci --prefix bench/fastify-reference failed')
}

interface Target {
  name: string
  url: string
  headers: Record<string, string>
  /** The process that answers, for its CPU time. */
  pid: number | undefined
}

interface Run {
  target: string
  reqPerS: number
  p50: number
  p99: number
  /** Answers other than 200, transport errors and timeouts. */
  errors: number
  /**
   * CPU time (user + system) the target's process spent per 200 answer: on a shared, noisy
   * machine this moves far less than req/s, which depends on what else got the cores.
   */
  cpuUs: number
}

const CLOCK_TICKS_PER_S = Number(String(spawnSync('getconf', ['CLK_TCK']).stdout).trim()) || 100

/** A process's CPU time so far, in microseconds (Linux /proc; NaN elsewhere). */
function cpuTimeUs(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return ((Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_S) * 1e6
  } catch {
    return Number.NaN
  }
}

async function measure(target: Target, connections: number, seconds: number): Promise<Run> {
  let times = new Float64Array(1 << 16)
  let count = 0
  let errors = 0
  const cpuBefore = cpuTimeUs(target.pid)
  const instance = autocannon({
    url: target.url,
    connections,
    duration: seconds,
    timeout: 10,
    requests: [{ method: 'GET', path: PATH, headers: target.headers }],
  })
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    if (status !== 200) {
      errors += 1
      return
    }
    if (count === times.length) {
      const grown = new Float64Array(times.length * 2)
      grown.set(times)
      times = grown
    }
    times[count++] = ms
  })
  const result = await instance
  const cpuUs = (cpuTimeUs(target.pid) - cpuBefore) / Math.max(1, count)
  const sorted = times.slice(0, count).sort()
  return {
    target: target.name,
    reqPerS: count / result.duration,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    errors: errors + result.errors + result.timeouts,
    cpuUs,
  }
}

async function main(): Promise<void> {
  if (!ONLY_BFF) installReference()
  const [stubPort, bffPort, fastifyPort] = await Promise.all([freePort(), freePort(), freePort()])
  const stubUrl = `http://127.0.0.1:${stubPort}`
  const bffUrl = `http://127.0.0.1:${bffPort}`
  const fastifyUrl = `http://127.0.0.1:${fastifyPort}`

  const stub = children.start(
    'stub',
    ['--import', 'tsx', 'scripts/bench-proxy.ts', 'stub', String(stubPort)],
    {},
  )
  const bffProcess = children.start(
    'bff',
    [
      ...(CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF_DIR}`] : []),
      '--import',
      'tsx',
      'bff/main.ts',
    ],
    {
      PORT: String(bffPort),
      HOST: '127.0.0.1',
      ZUPY_API_URL: stubUrl,
      ZUPY_API_KEY: API_KEY,
      POS_PIN: PIN,
      POS_SESSION_SECRET: 'bench-session-secret-0123456789abcdef',
      LOG_LEVEL: 'info',
      TLS_CERT_FILE: '',
      TLS_KEY_FILE: '',
      TRUST_PROXY: '',
    },
  )
  const fastifyProcess = ONLY_BFF
    ? undefined
    : children.start('fastify', ['bench/fastify-reference/server.js'], {
        PORT: String(fastifyPort),
        UPSTREAM_URL: stubUrl,
        ZUPY_API_KEY: API_KEY,
      })
  await waitFor(`${stubUrl}${PATH}`, { 'x-api-key': API_KEY })
  await waitFor(`${bffUrl}/api/pos/health`)
  if (!ONLY_BFF) await waitFor(`${fastifyUrl}${PATH}`)
  const cookie = await signIn(bffUrl, PIN)

  const direct: Target = {
    name: 'stub alone',
    url: stubUrl,
    headers: { 'x-api-key': API_KEY },
    pid: stub.pid,
  }
  const bff: Target = { name: 'BFF', url: bffUrl, headers: { cookie }, pid: bffProcess.pid }
  const fastify: Target = {
    name: 'fastify',
    url: fastifyUrl,
    headers: {},
    pid: fastifyProcess?.pid,
  }
  const proxies = ONLY_BFF ? [bff] : [bff, fastify]

  // Both proxies must hand the browser the stub's page, byte for byte as JSON.
  const expected = JSON.stringify(JSON.parse(rewardsPage().toString('utf8')))
  for (const target of proxies) {
    const response = await fetch(`${target.url}${PATH}`, { headers: target.headers })
    const text = await response.text()
    if (response.status !== 200 || JSON.stringify(JSON.parse(text)) !== expected)
      throw new Error(`${target.name} did not pass the rewards page through (${response.status})`)
  }

  console.log(
    `Proxy benchmark: GET ${PATH} (${rewardsPage().length} B from a stub upstream), Node ${process.version}, ${cpus().length} cores shared by the load generator, the stub and the proxy (load average ${(loadavg()[0] ?? 0).toFixed(2)})`,
  )
  console.log(`Warm-up: ${WARMUP_S} s per proxy…`)
  for (const target of proxies) await measure(target, CONNECTIONS, WARMUP_S)

  const rounds: Run[][] = []
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate who goes first, so a drifting machine does not always favour the same one.
    const order = round % 2 === 0 ? proxies : [...proxies].reverse()
    console.log(
      `Round ${round + 1}/${ROUNDS}: ${order.map((t) => t.name).join(', then ')}, ${CONNECTIONS} connections × ${ROUND_S} s…`,
    )
    const runs: Run[] = []
    for (const target of order) runs.push(await measure(target, CONNECTIONS, ROUND_S))
    rounds.push(runs)
  }

  const singles: Run[][] = []
  for (let round = 0; round < SINGLE_ROUNDS; round++) {
    console.log(`1-connection round ${round + 1}/${SINGLE_ROUNDS} (${SINGLE_S} s each)…`)
    const runs: Run[] = []
    for (const target of [direct, ...proxies]) runs.push(await measure(target, 1, SINGLE_S))
    singles.push(runs)
  }

  const ms = (value: number) => value.toFixed(2).padStart(8)
  const row = (label: string, run: Run) =>
    `${label.padEnd(8)} ${run.target.padEnd(11)} ${run.reqPerS.toFixed(0).padStart(7)} ${ms(run.p50)} ${ms(run.p99)} ${run.cpuUs.toFixed(0).padStart(10)} ${String(run.errors).padStart(7)}`
  const header = `${'round'.padEnd(8)} ${'target'.padEnd(11)} ${'req/s'.padStart(7)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'CPU µs/req'.padStart(10)} ${'errors'.padStart(7)}`
  const medianOf = (runs: Run[][], name: string): Run => {
    const mine = runs.flat().filter((run) => run.target === name)
    return {
      target: name,
      reqPerS: median(mine.map((run) => run.reqPerS)),
      p50: median(mine.map((run) => run.p50)),
      p99: median(mine.map((run) => run.p99)),
      errors: mine.reduce((sum, run) => sum + run.errors, 0),
      cpuUs: median(mine.map((run) => run.cpuUs)),
    }
  }

  const lines = ['', `${CONNECTIONS} connections:`, header]
  rounds.forEach((runs, index) => {
    for (const run of runs) lines.push(row(String(index + 1), run))
  })
  for (const target of proxies) lines.push(row('median', medianOf(rounds, target.name)))
  lines.push('', '1 connection:', header)
  singles.forEach((runs, index) => {
    for (const run of runs) lines.push(row(String(index + 1), run))
  })
  const directP50 = medianOf(singles, direct.name).p50
  for (const target of [direct, ...proxies])
    lines.push(row('median', medianOf(singles, target.name)))

  const bffMedian = medianOf(rounds, bff.name)
  const bffAdded = medianOf(singles, bff.name).p50 - directP50
  lines.push('')
  if (!ONLY_BFF) {
    const fastifyMedian = medianOf(rounds, fastify.name)
    const ratio = bffMedian.reqPerS / fastifyMedian.reqPerS
    const perRound = rounds.map((runs) => {
      const mine = runs.find((run) => run.target === bff.name)
      const theirs = runs.find((run) => run.target === fastify.name)
      return mine && theirs ? (mine.reqPerS / theirs.reqPerS).toFixed(2) : '?'
    })
    lines.push(
      `Throughput ratio BFF/fastify (medians): ${ratio.toFixed(2)}× (per round: ${perRound.join(', ')}); goal ≥ 0.8×: ${ratio >= 0.8 ? 'met' : 'missed'}`,
      `CPU per request at ${CONNECTIONS} connections (medians): BFF ${bffMedian.cpuUs.toFixed(0)} µs, fastify ${fastifyMedian.cpuUs.toFixed(0)} µs; fastify/BFF ${(fastifyMedian.cpuUs / bffMedian.cpuUs).toFixed(2)}× (the throughput ratio a machine to themselves would see if CPU bound)`,
      `p50 at ${CONNECTIONS} connections: BFF ${bffMedian.p50.toFixed(2)} ms, fastify ${fastifyMedian.p50.toFixed(2)} ms`,
      `Added p50 at 1 connection, fastify: ${(medianOf(singles, fastify.name).p50 - directP50).toFixed(3)} ms`,
    )
  }
  lines.push(
    `Added p50 at 1 connection, BFF: ${bffAdded.toFixed(3)} ms (BFF p50 − stub-alone p50, medians); goal ≤ 0.5 ms: ${bffAdded <= 0.5 ? 'met' : 'missed'}`,
    `Load average after: ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}`,
  )
  console.log(lines.join('\n'))
}

if (process.argv[2] === 'stub') {
  runStub(Number(process.argv[3]))
} else {
  // Bounded: whatever happens, the run and its children end.
  const budgetS = 120 + (ROUNDS * 2 + 2) * ROUND_S + SINGLE_ROUNDS * 3 * SINGLE_S
  const deadline = setTimeout(() => {
    console.error(`bench:proxy: still running after ${budgetS} s; stopping`)
    void children.stopAll().then(() => process.exit(1))
  }, budgetS * 1000)
  deadline.unref()
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      void children.stopAll().then(() => process.exit(130))
    })
  try {
    await main()
  } finally {
    await children.stopAll()
  }
}
