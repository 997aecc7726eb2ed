import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ProblemSchema, problemSlug } from '../contract/problem'
import { SEED } from '../sandbox/seed'
import { createBffApp } from './app'
import { startBffServer, type BffServer } from './server'
import { captureLogger, signIn, testEnv, type Answer, type BffClient } from './testing/http'
import { startStack, type TestStack } from './testing/stack'
import { createUpstream, type Upstream } from './upstream'

/**
 * The fault matrix against the real sandbox's fault modes (reliability.md G3, G4): whatever the
 * upstream does, the BFF answers in time with its own problem, passes nothing of the upstream
 * answer on, stays healthy, and leaves no unhandled rejection behind.
 */

const TIMEOUT_MS = 1000
const MARIA = SEED.customers.maria
const LEAK = 'LEAKME-upstream-bytes'

/** Every header a BFF problem may carry; anything else came from somewhere else. */
const OWN_HEADERS = new Set([
  'content-type',
  'content-length',
  'cache-control',
  'x-request-id',
  'content-security-policy',
  'x-content-type-options',
  'referrer-policy',
  'permissions-policy',
  'cross-origin-opener-policy',
  'set-cookie',
  'date',
  'connection',
  'keep-alive',
])

let stack: TestStack
let client: BffClient
let refusedBff: BffServer
let refusedUpstream: Upstream
let refusedClient: BffClient
const rejections: unknown[] = []
const onRejection = (reason: unknown) => rejections.push(reason)

beforeAll(async () => {
  process.on('unhandledRejection', onRejection)
  stack = await startStack({ timeoutMs: TIMEOUT_MS })
  client = await stack.signIn()
  // A port that refuses connections: bind one, then free it.
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const deadPort = (probe.address() as AddressInfo).port
  await new Promise<void>((resolve) =>
    probe.close(() => {
      resolve()
    }),
  )
  refusedUpstream = createUpstream({
    baseUrl: `http://127.0.0.1:${deadPort}`,
    apiKey: stack.sandbox.config.apiKey,
    timeoutMs: TIMEOUT_MS,
  })
  refusedBff = await startBffServer(
    createBffApp({ env: testEnv(), upstream: refusedUpstream, logger: captureLogger().logger }),
    { host: '127.0.0.1', port: 0 },
  )
  refusedClient = await signIn(refusedBff.url)
})

afterAll(async () => {
  await refusedBff.close()
  await refusedUpstream.close()
  await stack.close()
  process.off('unhandledRejection', onRejection)
})

function expectOwnProblem(answer: Answer, status: number, slug: string) {
  expect(answer.status, answer.text).toBe(status)
  expect(answer.headers.get('content-type')).toBe('application/problem+json')
  const problem = ProblemSchema.loose().parse(answer.json())
  expect(problemSlug(problem.type)).toBe(slug)
  expect(problem.request_id).toBe(answer.headers.get('x-request-id'))
  // Our fixed prose only: no upstream bytes, hosts, ports or stack frames.
  for (const forbidden of [
    LEAK,
    'Maria',
    'padding',
    '<html',
    '127.0.0.1',
    String(stack.sandbox.port),
    ' at ',
    'Error:',
  ])
    expect(answer.text).not.toContain(forbidden)
  for (const [name, value] of answer.headers) {
    expect(OWN_HEADERS.has(name), `header ${name}`).toBe(true)
    expect(value).not.toContain(LEAK)
  }
  // The upstream's rate-limit headers are passed on answers only, never on our problems.
  expect(answer.headers.get('x-ratelimit-limit')).toBeNull()
}

const validatePath = (code: string) => `/api/v2/customers/${MARIA.id}/coupons/${code}/validate/`

const FAULTS = [
  {
    name: '500',
    fault: { kind: 'status', status: 500, body: { detail: LEAK } },
    status: 502,
    slug: 'upstream-error',
  },
  {
    name: '502',
    fault: { kind: 'status', status: 502, body: { detail: LEAK } },
    status: 502,
    slug: 'upstream-error',
  },
  {
    name: '503',
    fault: { kind: 'status', status: 503, body: { detail: LEAK } },
    status: 502,
    slug: 'upstream-error',
  },
  {
    name: 'reset before the answer',
    fault: { kind: 'reset' },
    status: 502,
    slug: 'upstream-error',
  },
  {
    name: 'reset after commit',
    fault: { kind: 'commit-then-drop' },
    status: 502,
    slug: 'upstream-error',
  },
  {
    name: 'malformed JSON',
    fault: { kind: 'malformed-json' },
    status: 502,
    slug: 'upstream-error',
  },
  {
    name: 'truncated body',
    fault: { kind: 'truncated-body' },
    status: 502,
    slug: 'upstream-error',
  },
  {
    name: 'wrong content type',
    fault: { kind: 'wrong-content-type' },
    status: 502,
    slug: 'upstream-error',
  },
  {
    name: 'a 10 MB body',
    fault: { kind: 'huge-body', bytes: 10 * 1024 * 1024 },
    status: 502,
    slug: 'upstream-error',
  },
  {
    name: 'slow drip',
    fault: { kind: 'slow-drip', ms: 50 },
    status: 504,
    slug: 'upstream-timeout',
  },
  { name: 'hang', fault: { kind: 'hang' }, status: 504, slug: 'upstream-timeout' },
  {
    name: 'answer after the deadline',
    fault: { kind: 'commit-then-delay', ms: TIMEOUT_MS + 1000 },
    status: 504,
    slug: 'upstream-timeout',
  },
] as const

describe('G3/G4: the sandbox fault matrix', () => {
  it.each(FAULTS)(
    '$name → our $status $slug in time, one upstream call, healthy after',
    async ({ fault, status, slug }) => {
      await stack.reset()
      const coupon = await stack.freshCoupon(MARIA.id)
      const calls = [
        { method: 'POST', path: validatePath(coupon.coupon_code) },
        { method: 'GET', path: '/api/v2/rewards/' },
        { method: 'GET', path: `/api/v2/customers/${MARIA.id}/` },
      ]
      for (const call of calls) {
        await stack.control('DELETE', '/requests')
        await stack.control('POST', '/faults', { method: call.method, fault })
        const started = performance.now()
        const answer = await client.call(call.path, { method: call.method })
        const elapsed = performance.now() - started
        expectOwnProblem(answer, status, slug)
        expect(elapsed, `${call.method} ${call.path}`).toBeLessThan(TIMEOUT_MS + 500)
        // Exactly the one call: never retried.
        const seen = await stack.upstreamRequests()
        expect(seen.map((r) => `${r.method} ${r.path}`)).toEqual([`${call.method} ${call.path}`])
        const health = await client.call('/api/pos/health')
        expect(health.status).toBe(200)
        expect((health.json() as { status: string }).status).toBe('ok')
      }
    },
    20_000,
  )

  it('connection refused → 502 at once, and health says unreachable', async () => {
    const started = performance.now()
    const answer = await refusedClient.call(validatePath('CZ-7K3M9P2Q'), { method: 'POST' })
    expect(performance.now() - started).toBeLessThan(TIMEOUT_MS + 500)
    expectOwnProblem(answer, 502, 'upstream-error')
    const health = await refusedClient.call('/api/pos/health')
    expect(health.status).toBe(200)
    expect(health.json()).toMatchObject({ upstream: { reachable: false, latency_ms: null } })
  })

  it('left no unhandled rejection, and no log line with upstream bytes or the key', () => {
    expect(rejections).toEqual([])
    const text = stack.logs.lines.join('\n')
    expect(stack.logs.lines.length).toBeGreaterThan(30)
    expect(text).not.toContain(LEAK)
    expect(text).not.toContain(stack.sandbox.config.apiKey)
  })
})
