import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { ValidateResponseSchema, CouponSchema } from '../contract/coupons'
import { CustomerListItemSchema, CustomerSchema, PointsBalanceSchema } from '../contract/customers'
import { listOf, singleOf } from '../contract/envelope'
import { OtpRequestResponseSchema, OtpVerifyResponseSchema } from '../contract/otp'
import { problemSlug } from '../contract/problem'
import { RedeemResponseSchema, RewardSchema } from '../contract/rewards'
// Tests may start the sandbox (the real upstream stand-in); the app code itself never imports it.
import { SEED } from '../sandbox/seed'
import type { BffClient } from './testing/http'
import { startStack, type TestStack } from './testing/stack'

/**
 * The BFF in front of the real sandbox over real HTTP (both on ephemeral ports), with a signed-in
 * cashier: the table routes in both response shapes, header hygiene, the traversal corpus, the
 * single-use race and the unknown-outcome fault (reliability.md G1, G2, G5, G6).
 */

const TIMEOUT_MS = 1000
const MARIA = SEED.customers.maria
const MARIA_COUPON = 'CZ-7K3M9P2Q'

let stack: TestStack
let client: BffClient
let staticRoot: string

beforeAll(async () => {
  staticRoot = mkdtempSync(join(tmpdir(), 'bff-int-'))
  writeFileSync(join(staticRoot, 'index.html'), '<!doctype html><title>spa</title>')
  stack = await startStack({ timeoutMs: TIMEOUT_MS, staticRoot })
  client = await stack.signIn()
})

afterAll(async () => {
  await stack.close()
  rmSync(staticRoot, { recursive: true, force: true })
})

const control = (method: string, path: string, body?: unknown) => stack.control(method, path, body)

const sandboxRequests = () => stack.upstreamRequests()

async function settings(otp_policy: string, shape = 'root') {
  await stack.reset({ otp_policy, shape })
}

const callBff = (path: string, init: RequestInit = {}) => client.call(path, init)

const postJson = (path: string, body?: unknown, headers: Record<string, string> = {}) =>
  callBff(path, {
    method: 'POST',
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  })

function parse<T extends z.core.$ZodType>(schema: T, value: unknown): z.output<T> {
  const result = z.safeParse(schema, value)
  expect(result.error?.issues ?? []).toEqual([])
  return result.data as z.output<T>
}

/** Sends bytes exactly as given (no client-side URL normalisation) and returns the status. */
function rawRequest(request: string | Buffer): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(stack.bff.port, '127.0.0.1')
    const chunks: Buffer[] = []
    socket.on('data', (chunk) => chunks.push(chunk))
    socket.on('error', reject)
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1')
      stack.seenByClient.push(text)
      const status = /^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]
      resolve({ status: status ? Number(status) : 0, text })
    })
    socket.setTimeout(5000, () => socket.destroy())
    // Not end(): a half-closed client socket lets Node drop a response that is still in flight.
    socket.write(request)
  })
}

/** A raw request with the cashier's session and the SPA's same-origin headers. */
const rawTarget = (method: string, target: string | Buffer, extraHeaders = '') =>
  rawRequest(
    Buffer.concat([
      Buffer.from(`${method} `, 'latin1'),
      typeof target === 'string' ? Buffer.from(target, 'latin1') : target,
      Buffer.from(
        ` HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${client.cookie}\r\n` +
          'Origin: http://127.0.0.1\r\nContent-Type: application/json\r\n' +
          `${extraHeaders}Connection: close\r\n\r\n`,
        'latin1',
      ),
    ]),
  )

describe.each(['root', 'envelope'])('every table route, %s shape', (shape) => {
  beforeEach(async () => {
    await settings('trusted', shape)
  })

  it('reads customers, points, rewards and coupons', async () => {
    const search = await callBff(
      `/api/v2/customers/?phone=${encodeURIComponent('+55 11 98765-4321')}`,
    )
    expect(search.status).toBe(200)
    const customers = parse(listOf(CustomerListItemSchema), search.json())
    expect(customers.items.map((c) => c.id)).toContain(MARIA.id)

    const profile = await callBff(`/api/v2/customers/${MARIA.id}/`)
    expect(parse(singleOf(CustomerSchema), profile.json()).full_name).toBe('Maria Santos')

    const points = await callBff(`/api/v2/customers/${MARIA.id}/points/`)
    expect(parse(singleOf(PointsBalanceSchema), points.json()).customer_id).toBe(MARIA.id)

    const rewards = await callBff(
      `/api/v2/rewards/?customer_id=${MARIA.id}&redeemable=true&page_size=50`,
    )
    const rewardPage = parse(listOf(RewardSchema), rewards.json())
    expect(rewardPage.items.length).toBeGreaterThan(0)

    const reward = await callBff(`/api/v2/rewards/${SEED.rewards.cafe.id}/`)
    expect(parse(singleOf(RewardSchema), reward.json()).id).toBe(SEED.rewards.cafe.id)

    const coupons = await callBff(`/api/v2/coupons/issued/?code=${MARIA_COUPON.toLowerCase()}`)
    const couponPage = parse(listOf(CouponSchema), coupons.json())
    expect(couponPage.items.map((c) => c.coupon_code)).toEqual([MARIA_COUPON])

    const filtered = await callBff(
      `/api/v2/coupons/issued/?customer_id=${MARIA.id}&status=used&page_size=10`,
    )
    const usedPage = parse(listOf(CouponSchema), filtered.json())
    expect(usedPage.items.every((c) => c.status === 'used')).toBe(true)
  })

  it('redeems a reward, then validates the coupon once (200) and again (409)', async () => {
    const redeem = await postJson(
      `/api/v2/customers/${MARIA.id}/rewards/${SEED.rewards.cafe.id}/redeem/`,
      {
        use_z_tokens: false,
      },
    )
    expect(redeem.status).toBe(200)
    const { coupon_code } = parse(singleOf(RedeemResponseSchema), redeem.json())

    const path = `/api/v2/customers/${MARIA.id}/coupons/${coupon_code.toLowerCase()}/validate/`
    const first = await postJson(path)
    expect(first.status).toBe(200)
    expect(parse(singleOf(ValidateResponseSchema), first.json()).coupon_code).toBe(coupon_code)
    const second = await postJson(path, {})
    expect(second.status).toBe(409)
    // Passed through as Zupy typed it (DRF sends problems as application/json).
    expect(second.headers.get('content-type')).toBe('application/json')
    expect(problemSlug((second.json() as { type: string }).type)).toBe('conflict')
    // The code went upstream in canonical form.
    const validates = (await sandboxRequests()).filter((r) => r.path.endsWith('/validate/'))
    expect(validates.map((r) => r.path)).toEqual([
      `/api/v2/customers/${MARIA.id}/coupons/${coupon_code}/validate/`,
      `/api/v2/customers/${MARIA.id}/coupons/${coupon_code}/validate/`,
    ])
  })

  it('runs the OTP flow and forwards the session under the strict policy', async () => {
    await control('PUT', '/settings', { otp_policy: 'strict', shape })
    const coupon = (await control('POST', '/coupons', { customer_id: MARIA.id })) as {
      coupon_code: string
    }
    const path = `/api/v2/customers/${MARIA.id}/coupons/${coupon.coupon_code}/validate/`
    const refused = await postJson(path)
    expect(refused.status).toBe(403)
    expect(problemSlug((refused.json() as { type: string }).type)).toBe('otp-required')

    const sent = await postJson('/api/v2/auth/request-otp/', { identifier: MARIA.phone })
    expect(sent.status).toBe(200)
    parse(singleOf(OtpRequestResponseSchema), sent.json())
    const otp = (await control('GET', `/otp?identifier=${encodeURIComponent(MARIA.phone)}`)) as {
      code: string
    }
    const verified = await postJson('/api/v2/auth/verify-otp/', {
      identifier: MARIA.phone,
      otp_code: otp.code,
    })
    expect(verified.status).toBe(200)
    const session = parse(singleOf(OtpVerifyResponseSchema), verified.json()).otp_session

    const validated = await postJson(path, undefined, { 'x-otp-session': session })
    expect(validated.status).toBe(200)
  })
})

describe('header hygiene', () => {
  it('sends the key upstream, and nothing the client sent', async () => {
    await settings('trusted')
    const attackerKey = `zupy_pk_${'Attacker'.repeat(4)}`
    const response = await rawTarget(
      'GET',
      '/api/v2/rewards/?page_size=1',
      [
        'Cookie: sid=stolen',
        'Authorization: Bearer client-token',
        `X-API-Key: ${attackerKey}`,
        'X-Forwarded-For: 10.6.6.6',
        'X-Forwarded-Host: evil.example',
        'X-Forwarded-Proto: https',
        'Forwarded: for=10.6.6.6',
        'X-Real-IP: 10.6.6.6',
        'Proxy-Authorization: Basic Zm9vOmJhcg==',
        'X-OTP-Session: not a valid session!',
        'Connection: x-api-key',
        '',
      ].join('\r\n'),
    )
    // The sandbox accepted the BFF's key, so the client's key did not replace or remove it.
    expect(response.status).toBe(200)
    const requests = await sandboxRequests()
    expect(requests).toHaveLength(1)
    const headers = requests[0]?.headers ?? {}
    expect(headers['x-api-key']).toBe('[redacted]')
    for (const name of [
      'cookie',
      'authorization',
      'x-forwarded-for',
      'x-forwarded-host',
      'x-forwarded-proto',
      'forwarded',
      'x-real-ip',
      'proxy-authorization',
      'x-otp-session',
    ])
      expect(headers, name).not.toHaveProperty(name)
    expect(headers.host).toBe(new URL(stack.sandbox.url).host)
    expect(JSON.stringify(requests)).not.toMatch(/stolen|client-token|Attacker|10\.6\.6\.6/)
    // Nor the cashier's own session cookie: it is for the BFF only.
    expect(JSON.stringify(requests)).not.toContain(client.cookie.split('=')[1])
    expect(JSON.stringify(requests)).not.toContain('zupy_pos_session')
  })

  it('routes on the path, never on a hostile Host header', async () => {
    await settings('trusted')
    const response = await rawRequest(
      'GET /api/v2/rewards/?page_size=1 HTTP/1.1\r\nHost: evil.example\r\n' +
        `Cookie: ${client.cookie}\r\nConnection: close\r\n\r\n`,
    )
    expect(response.status).toBe(200)
    expect((await sandboxRequests())[0]?.headers.host).toBe(new URL(stack.sandbox.url).host)
  })

  it('lets a client without any key use the API, while the sandbox itself refuses it', async () => {
    await settings('trusted')
    expect((await callBff('/api/v2/rewards/')).status).toBe(200)
    expect((await fetch(`${stack.sandbox.url}/api/v2/rewards/`)).status).toBe(401)
  })

  it('refuses a client without a cashier session before any upstream call', async () => {
    await settings('trusted')
    const response = await fetch(`${stack.bff.url}/api/v2/rewards/`)
    expect(response.status).toBe(401)
    expect(problemSlug(((await response.json()) as { type: string }).type)).toBe('session-required')
    expect(await sandboxRequests()).toEqual([])
  })
})

const ID = MARIA.id
const VALIDATE = `/api/v2/customers/${ID}/coupons/${MARIA_COUPON}/validate/`
const utf8 = (text: string) => Buffer.from(text, 'utf8')

/** Requests that must be refused with a 4xx and must never reach the sandbox. */
const CORPUS: [string, string | Buffer][] = [
  ['GET', '/api/v2/customers/..%2f..%2f_sandbox%2freset'],
  ['GET', '/api/v2/customers/%2e%2e/%2e%2e/_sandbox/requests'],
  ['GET', '/api/v2/customers/%2E%2E%2F%2E%2E%2F'],
  ['GET', '/api/v2/customers/..%252f..%252f/'],
  ['GET', '/api/v2/customers/%252e%252e%252f/'],
  ['GET', '/api/v2/rewards/../customers/'],
  ['GET', '/api/v2/rewards/../../_sandbox/requests'],
  ['GET', '/api/v2/../_sandbox/requests'],
  ['POST', '/api/v2/../../_sandbox/reset'],
  ['GET', '/api/v2/./rewards/'],
  ['GET', '/api/v2//rewards/'],
  ['GET', '//api/v2/rewards/'],
  ['GET', '/api/v2/rewards//'],
  ['GET', '/api/v2/rewards/%2F/'],
  ['GET', '/api/v2/rewards/%2e/'],
  ['GET', '/api/v2/rewards/.%2e/'],
  ['GET', '/api/v2/rewards/%20/'],
  ['GET', '/api/v2/customers/x%0d%0aX-Injected:%201/'],
  ['GET', '/api/v2/customers/x%0aSet-Cookie:a=b/'],
  ['GET', '/api/v2/customers/x%00/'],
  ['GET', '/api/v2/customers/%00/'],
  ['GET', '/api/v2/customers\\..\\rewards/'],
  ['GET', '/api/v2/customers/%5c..%5crewards/'],
  ['GET', '/api/v2/customers/x;/points/'],
  ['GET', '/api/v2/rewards/;jsessionid=1/'],
  ['GET', '/api/v2/rewards/..;/customers/'],
  ['GET', '/api/v2/rewards/#/../customers/'],
  ['GET', '/api/v2/rewards/%23/'],
  ['GET', '/api/v2/rewards/*'],
  ['GET', utf8('/api/v2/customers/．．／．．／')],
  ['GET', '/api/v2/customers/%EF%BC%8E%EF%BC%8E%EF%BC%8F/'],
  ['GET', '/api/v2/customers/%C0%AE%C0%AE%C0%AF/'],
  ['GET', '/api/v2/customers/%e0%80%ae%e0%80%ae/'],
  ['GET', '/api/v2/customers/%u002e%u002e/'],
  ['GET', utf8('/api/v2/customers/\u2024\u2024/')],
  ['GET', '/api/v2/customers/%E2%80%A4%E2%80%A4/'],
  ['GET', utf8('/api/v2/customers/\ufe52\ufe52/')],
  ['GET', utf8('/api/v2/customers/\u2215etc/')],
  ['GET', '/api/v2/customers/%E2%88%95etc/'],
  ['GET', utf8('/api/v2/customers/caf\u00e9/')],
  ['GET', Buffer.from([...Buffer.from('/api/v2/customers/'), 0xff, 0xfe, 0x2f])],
  ['GET', '/api/v2/rewards/\x7f/'],
  ['GET', '/api/v2/rewards/\x1b[31m/'],
  ['GET', `/api/v2/customers/${'a'.repeat(5000)}/`],
  ['GET', `/api/v2/rewards/?cursor=${'a'.repeat(5000)}`],
  ['GET', `/api/v2/customers/${'a'.repeat(65)}/`],
  ['GET', '/api/v2/rewards/coupons/?customer_id=abc'],
  ['GET', `/api/v2/customers/${ID}/points/history/`],
  ['POST', `/api/v2/customers/${ID}/points/add/`],
  ['GET', '/api/v2/coupons/issued/stats/'],
  ['GET', '/api/v2/customers'],
  ['GET', '/api/v2/Rewards/'],
  ['GET', '/api/v3/rewards/'],
  ['GET', '/api/'],
  ['GET', '/api/pos/../v2/rewards/'],
  ['GET', '/assets/../api/v2/rewards/'],
  ['GET', '/..%2fapi/v2/rewards/'],
  ['GET', '/%2e%2e/api/v2/rewards/'],
  ['DELETE', `/api/v2/customers/${ID}/`],
  ['PUT', '/api/v2/rewards/'],
  ['PATCH', `/api/v2/customers/${ID}/`],
  ['OPTIONS', '/api/v2/rewards/'],
  ['TRACE', '/api/v2/rewards/'],
  ['HEAD', '/api/v2/rewards/'],
  ['POST', '/api/v2/rewards/'],
  ['GET', VALIDATE],
  ['GET', 'http://evil.example/api/v2/rewards/'],
  ['GET', '*'],
  ['GET', '/api/v2/customers/?phone=1&phone=2'],
  ['GET', '/api/v2/rewards/?unknown=1'],
  ['GET', '/api/v2/rewards/?page_size=1000'],
  ['GET', '/api/v2/rewards/?customer_id=..%2F..%2Fx'],
  ['GET', '/api/v2/coupons/issued/?code=CZ-7K3M9P2Q%23x'],
  ['GET', '/api/v2/rewards/?customer_id=a%0d%0ab'],
  ['GET', '/api/v2/rewards/?x-api-key=zupy_pk_x'],
  ['POST', `/api/v2/customers/${ID}/coupons/CZ-7K3M9P2Q%2F..%2F/validate/`],
  ['POST', `${VALIDATE}..`],
  ['POST', `${VALIDATE}.`],
  ['POST', `/api/v2/customers/${ID}/coupons/..%2F..%2F..%2Frewards%2F/validate/`],
  ['POST', `${VALIDATE}%3F`],
  ['POST', `${VALIDATE}?x=1`],
  [
    'POST',
    `/api/v2/customers/${ID}/coupons/CZ-7K3M9P2Q/../../../rewards/${SEED.rewards.cafe.id}/redeem/`,
  ],
]

describe('fixed-function gateway', () => {
  it(`refuses ${CORPUS.length} traversal, encoding and out-of-table requests with 4xx and zero upstream calls`, async () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(50)
    await settings('trusted')
    const outcomes: string[] = []
    for (const [method, target] of CORPUS) {
      const { status } = await rawTarget(method, target)
      if (status < 400 || status >= 500) outcomes.push(`${method} ${target.toString()} → ${status}`)
    }
    expect(outcomes).toEqual([])
    expect(await sandboxRequests()).toEqual([])
  })

  it('still serves the SPA for client-side routes, which never reach upstream', async () => {
    await settings('trusted')
    for (const path of ['/', '/customers/abc', '/API/v2/rewards/']) {
      const response = await rawTarget('GET', path)
      expect(response.status).toBe(200)
      expect(response.text).toContain('<title>spa</title>')
    }
    expect(await sandboxRequests()).toEqual([])
  })
})

describe('single-use coupons under concurrency', () => {
  it('50 concurrent validates of one fresh coupon give exactly 1 × 200 and 49 × 409', async () => {
    await settings('trusted')
    const coupon = (await control('POST', '/coupons', { customer_id: MARIA.id })) as {
      id: string
      coupon_code: string
    }
    const path = `/api/v2/customers/${MARIA.id}/coupons/${coupon.coupon_code}/validate/`
    const statuses = await Promise.all(
      Array.from({ length: 50 }, () => postJson(path).then((r) => r.status)),
    )
    const counts = Object.fromEntries(
      [...new Set(statuses)].map((status) => [status, statuses.filter((s) => s === status).length]),
    )
    expect(counts).toEqual({ 200: 1, 409: 49 })
    expect((await sandboxRequests()).filter((r) => r.method === 'POST')).toHaveLength(50)

    const lookup = await callBff(`/api/v2/coupons/issued/?code=${coupon.coupon_code}`)
    const [item] = parse(listOf(CouponSchema), lookup.json()).items
    expect(item).toMatchObject({ status: 'used', remaining_usages: 0, total_usages_allowed: 1 })
  })
})

describe('unknown outcomes are never retried', () => {
  it('commit-then-drop on validate: 502 and exactly one upstream POST (which did commit)', async () => {
    await settings('trusted')
    const coupon = (await control('POST', '/coupons', { customer_id: MARIA.id })) as {
      coupon_code: string
    }
    await control('POST', '/faults', {
      method: 'POST',
      path: '/validate/',
      count: 1,
      fault: { kind: 'commit-then-drop' },
    })
    const response = await postJson(
      `/api/v2/customers/${MARIA.id}/coupons/${coupon.coupon_code}/validate/`,
    )
    expect(response.status).toBe(502)
    expect(problemSlug((response.json() as { type: string }).type)).toBe('upstream-error')
    const posts = (await sandboxRequests()).filter((r) => r.method === 'POST')
    expect(posts).toHaveLength(1)
    const lookup = await callBff(`/api/v2/coupons/issued/?code=${coupon.coupon_code}`)
    expect(parse(listOf(CouponSchema), lookup.json()).items[0]?.status).toBe('used')
  })

  it('commit-then-delay past the deadline: 504 within the deadline + 0.5 s and one POST', async () => {
    await settings('trusted')
    const coupon = (await control('POST', '/coupons', { customer_id: MARIA.id })) as {
      coupon_code: string
    }
    await control('POST', '/faults', {
      method: 'POST',
      path: '/validate/',
      fault: { kind: 'commit-then-delay', ms: TIMEOUT_MS + 1000 },
    })
    const started = performance.now()
    const response = await postJson(
      `/api/v2/customers/${MARIA.id}/coupons/${coupon.coupon_code}/validate/`,
    )
    expect(performance.now() - started).toBeLessThan(TIMEOUT_MS + 500)
    expect(response.status).toBe(504)
    expect(problemSlug((response.json() as { type: string }).type)).toBe('upstream-timeout')
    expect((await sandboxRequests()).filter((r) => r.method === 'POST')).toHaveLength(1)
  })

  it.each([
    [{ kind: 'status', status: 503 }, 502],
    [{ kind: 'reset' }, 502],
    [{ kind: 'malformed-json' }, 502],
    [{ kind: 'wrong-content-type' }, 502],
    [{ kind: 'truncated-body' }, 502],
    [{ kind: 'huge-body', bytes: 2 * 1024 * 1024 }, 502],
    [{ kind: 'hang' }, 504],
  ])('sandbox fault %j → %i, one upstream call, health still answers', async (fault, status) => {
    await settings('trusted')
    await control('POST', '/faults', { path: '/api/v2/rewards/', fault })
    const response = await callBff('/api/v2/rewards/')
    expect(response.status).toBe(status)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    expect(await sandboxRequests()).toHaveLength(1)
    expect((await callBff('/api/pos/health')).status).toBe(200)
  })
})

describe('the key stays server-side', () => {
  it('appears in no BFF response and no BFF log line of this suite', () => {
    const key = stack.sandbox.config.apiKey
    expect(stack.seenByClient.length).toBeGreaterThan(100)
    expect(stack.logs.lines.length).toBeGreaterThan(100)
    for (const text of [...stack.seenByClient, ...stack.logs.lines]) {
      expect(text).not.toContain(key)
      expect(text).not.toContain(Buffer.from(key).toString('base64'))
      expect(text).not.toContain(key.slice('zupy_pk_'.length))
    }
  })
})
