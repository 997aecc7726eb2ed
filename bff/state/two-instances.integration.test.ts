/**
 * Two BFF instances behind one address (issue 14): live mode against one sandbox, one real
 * redis-server, each instance with its own Redis connection, over real HTTP. With Redis they act
 * as one for sign-outs, PIN lockouts and unknown-code limits; with Redis killed both keep serving
 * the cashier flow (no 5xx); with Redis back on the same port they are shared again.
 */
import { randomInt } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { problemSlug } from '../../contract/problem'
import { defaultSandboxConfig } from '../../sandbox/config'
import { SEED } from '../../sandbox/seed'
import { startSandbox, type RunningSandboxInternals } from '../../sandbox/server'
import { createBffApp } from '../app'
import { MAX_PIN_FAILURES } from '../pin-lockout'
import { UNKNOWN_CODE_LIMIT } from '../enumeration-guard'
import { startBffServer, type BffServer } from '../server'
import { createUpstream, type Upstream } from '../upstream'
import {
  TEST_PIN,
  captureLogger,
  sameOrigin,
  signIn,
  testEnv,
  toAnswer,
  type Answer,
  type BffClient,
} from '../testing/http'
import { startTestRedis, type TestRedis } from '../testing/redis-server'
import { createMemoryStore } from './memory-store'
import { createRedisStore } from './redis-store'
import { createResilientStore } from './resilient-store'
import type { StateStore } from './store'

const MARIA = SEED.customers.maria
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'

interface Instance {
  url: string
  server: BffServer
  state: StateStore
}

let redis: TestRedis
let sandbox: RunningSandboxInternals
let upstream: Upstream
let a: Instance
let b: Instance
/** Every status either instance answered, to prove there was never a 5xx. */
const statuses: number[] = []

async function startInstance(): Promise<Instance> {
  const logs = captureLogger()
  const state = createResilientStore({
    redis: createRedisStore({ url: redis.url, prefix: 'two-instances:', commandTimeoutMs: 300 }),
    fallback: createMemoryStore(),
    logger: logs.logger,
  })
  const app = createBffApp({ env: testEnv({ mode: 'live' }), upstream, state, logger: logs.logger })
  const server = await startBffServer(app, { host: '127.0.0.1', port: 0 })
  return { url: server.url, server, state }
}

beforeAll(async () => {
  redis = await startTestRedis()
  sandbox = await startSandbox(defaultSandboxConfig({ port: 0 }), { log: () => undefined })
  upstream = createUpstream({
    baseUrl: sandbox.url,
    apiKey: sandbox.config.apiKey,
    timeoutMs: 2000,
  })
  a = await startInstance()
  b = await startInstance()
  await untilShared()
})

afterAll(async () => {
  for (const instance of [a, b]) {
    await instance.server.close()
    await instance.state.close()
  }
  await upstream.close()
  await sandbox.close()
  await redis.stop()
})

beforeEach(async () => {
  // Each test starts with no lockouts or budgets spent (the sandbox keeps its seed).
  const reset = await fetch(`${sandbox.url}/_sandbox/reset`, { method: 'POST' })
  expect(reset.ok).toBe(true)
  // No customer OTP for validations: these tests are about the counters, not the OTP.
  const settings = await fetch(`${sandbox.url}/_sandbox/settings`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ otp_policy: 'trusted' }),
  })
  expect(settings.ok).toBe(true)
  if (redis.running()) await redis.flush()
})

const record = (answer: Answer) => {
  statuses.push(answer.status)
}

/** Waits until both instances report Redis in /api/pos/health. */
async function untilShared() {
  const deadline = Date.now() + 10_000
  for (;;) {
    const states = await Promise.all(
      [a, b].map(async (i) => {
        const answer = await toAnswer(await fetch(`${i.url}/api/pos/health`))
        record(answer)
        return (answer.json() as { shared_state: string }).shared_state
      }),
    )
    if (states.every((s) => s === 'redis')) return
    if (Date.now() > deadline) throw new Error(`still ${states.join(', ')}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** The same signed-in browser, talking to the other instance (the cookie works on both). */
function onOther(client: BffClient, instance: Instance): BffClient['call'] {
  return async (path, init = {}) => {
    const headers = new Headers(init.headers)
    headers.set('cookie', client.cookie)
    const method = (init.method ?? 'GET').toUpperCase()
    if (method !== 'GET')
      for (const [name, value] of Object.entries(sameOrigin(instance.url))) headers.set(name, value)
    const answer = await toAnswer(await fetch(`${instance.url}${path}`, { ...init, headers }))
    record(answer)
    return answer
  }
}

/** The client's own instance, as a plain function. */
const callOf =
  (client: BffClient): BffClient['call'] =>
  (path, init) =>
    client.call(path, init)

const enter = (instance: Instance) => signIn(instance.url, { onAnswer: record })

async function postPin(instance: Instance, pin: string): Promise<Answer> {
  const answer = await toAnswer(
    await fetch(`${instance.url}/api/pos/session`, {
      method: 'POST',
      headers: sameOrigin(instance.url),
      body: JSON.stringify({ pin }),
    }),
  )
  record(answer)
  return answer
}

const slug = (answer: Answer) => problemSlug((answer.json() as { type: string }).type)
const unknownCode = () =>
  `CZ-${Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('')}`
const validate = (call: BffClient['call'], code = unknownCode()) =>
  call(`/api/v2/customers/${MARIA.id}/coupons/${code}/validate/`, { method: 'POST' })

/** A coupon of Maria's never validated (a validation uses one up). */
async function freshCoupon(): Promise<string> {
  const response = await fetch(`${sandbox.url}/_sandbox/coupons`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ customer_id: MARIA.id }),
  })
  expect(response.ok).toBe(true)
  return ((await response.json()) as { coupon_code: string }).coupon_code
}

/** Sign-in, customer search, balance and a coupon validation: what a cashier does first. */
async function cashierFlow(instance: Instance) {
  const client = await enter(instance)
  const search = await client.call(
    `/api/v2/customers/?phone=${encodeURIComponent('+55 11 98765-4321')}`,
  )
  expect(search.status).toBe(200)
  expect((await client.call(`/api/v2/customers/${MARIA.id}/points/`)).status).toBe(200)
  expect((await validate(callOf(client), await freshCoupon())).status).toBe(200)
  return client
}

describe('two instances on one Redis', () => {
  it('refuse on B a session signed out on A', async () => {
    const client = await enter(a)
    const onB = onOther(client, b)
    expect((await onB(`/api/v2/customers/${MARIA.id}/`)).status).toBe(200)
    expect((await client.call('/api/pos/session', { method: 'DELETE' })).status).toBe(204)
    const refused = await onB(`/api/v2/customers/${MARIA.id}/`)
    expect(refused.status).toBe(401)
    expect(slug(refused)).toBe('session-required')
  })

  it('lock sign-in by the sixth wrong PIN alternating between A and B, even for the right PIN', async () => {
    const answers: Answer[] = []
    for (let i = 0; i < MAX_PIN_FAILURES; i++) answers.push(await postPin(i % 2 ? b : a, '9999'))
    expect(answers.slice(0, MAX_PIN_FAILURES - 1).map((r) => r.status)).toEqual([
      401, 401, 401, 401,
    ])
    expect(
      answers.map((r) =>
        r.status === 401 ? (r.json() as Record<string, unknown>).attempts_remaining : 'locked',
      ),
    ).toEqual([4, 3, 2, 1, 'locked'])
    const sixth = await postPin(b, TEST_PIN)
    expect(sixth.status).toBe(429)
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await postPin(a, TEST_PIN)).status).toBe(429)
  })

  it('throttle unknown codes alternating between A and B by the eleventh', async () => {
    const client = await enter(a)
    const calls = [callOf(client), onOther(client, b)]
    for (let i = 0; i < UNKNOWN_CODE_LIMIT; i++)
      expect((await validate(calls[i % 2] ?? callOf(client))).status).toBe(404)
    const eleventh = await validate(calls[UNKNOWN_CODE_LIMIT % 2] ?? callOf(client))
    expect(eleventh.status).toBe(429)
    expect(slug(eleventh)).toBe('rate-limit-exceeded')
    expect((await validate(calls[1] ?? callOf(client), await freshCoupon())).status).toBe(429)
  })

  it('keep serving the cashier flow with Redis killed, then share again when it is back', async () => {
    const before = await enter(a)
    await redis.stop()
    const failuresBefore = statuses.filter((s) => s >= 500).length
    for (let round = 0; round < 3; round++) {
      await cashierFlow(a)
      await cashierFlow(b)
    }
    // A session from before keeps working on both, and signing out still works on its instance.
    expect((await before.call(`/api/v2/customers/${MARIA.id}/`)).status).toBe(200)
    expect((await onOther(before, b)(`/api/v2/customers/${MARIA.id}/`)).status).toBe(200)
    const health = await toAnswer(await fetch(`${a.url}/api/pos/health`))
    expect(health.status).toBe(200)
    expect((health.json() as { shared_state: string }).shared_state).toBe('unavailable')
    expect(statuses.filter((s) => s >= 500).length).toBe(failuresBefore)

    await redis.start()
    await untilShared()
    const client = await cashierFlow(a)
    expect((await client.call('/api/pos/session', { method: 'DELETE' })).status).toBe(204)
    expect((await onOther(client, b)(`/api/v2/customers/${MARIA.id}/`)).status).toBe(401)
    expect(statuses.filter((s) => s >= 500)).toEqual([])
  })
})
