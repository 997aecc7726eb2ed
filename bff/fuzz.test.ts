import { request as httpRequest } from 'node:http'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { COUPON_CODE_PATTERN, ID_PATTERN, canonicalCouponCode } from '../contract/codes'
import { SEED } from '../sandbox/seed'
import { MAX_REQUEST_BODY_BYTES } from './request-body'
import { checkRawTarget } from './raw-target'
import { couponCodeValidator, couponRefValidator, idValidator } from '../contract/validators'
import { ROUTES, buildUpstreamTarget, checkQuery, matchRoute, type RouteDef } from './routes'
import type { BffClient } from './testing/http'
import { startStack, type TestStack } from './testing/stack'

/**
 * Input robustness (reliability.md G7): property tests on the coupon-code canonicaliser and the
 * route-parameter validators (10,000 runs each), then 1,000 random requests at the running BFF.
 * The seed is printed; FC_SEED=<seed> replays a run.
 */

const FC_SEED = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31))
console.log(
  `fast-check seed ${FC_SEED} (replay: FC_SEED=${FC_SEED} npx vitest run bff/fuzz.test.ts)`,
)
const RUNS = 10_000
const params = { numRuns: RUNS, seed: FC_SEED }

const BASE = 'https://api.zupy.com'
const PREFIXES = ['CZ-', 'cz-', 'Cz-', 'CP-', 'cp-', ' CZ-', 'CZ', 'CZ--', '']
const CODE_CHARS = Array.from('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz')
const NASTY = Array.from('-_./\\%#?&=+ \t\n\r;:@!$\'"()*,~`^|{}[]<>').concat([
  '..',
  '%2F',
  '%2e',
  '\u0000',
  'ß',
  'ı',
  'ﬀ',
  '．',
  '／',
  '\u200b',
])

/** Mostly near-valid codes, plus anything at all. */
const codeLike = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .tuple(
        fc.constantFrom(...PREFIXES),
        fc.string({ unit: fc.constantFrom(...CODE_CHARS, ...NASTY), maxLength: 12 }),
        fc.constantFrom('', ' ', '\n', '/', '#x', '%00'),
      )
      .map((parts) => parts.join('')),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 40 }) },
)
const idLike = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.string({ unit: fc.constantFrom(...CODE_CHARS), minLength: 1, maxLength: 70 }),
  },
  {
    weight: 1,
    arbitrary: fc.string({ unit: fc.constantFrom(...CODE_CHARS, ...NASTY), maxLength: 30 }),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
)

const route = (template: string): RouteDef => {
  const found = ROUTES.find((r) => r.template === template)
  if (!found) throw new Error(template)
  return found
}
const LOOKUP = route('/api/v2/coupons/issued/')
const CUSTOMER = route('/api/v2/customers/:id/')
const VALIDATE = route('/api/v2/customers/:id/coupons/:couponRef/validate/')

const upstreamUrl = (target: string) => new URL(target, BASE)

describe('G7: property tests (10,000 runs each)', () => {
  it('the canonicaliser never throws and accepts exactly the canonical codes', () => {
    fc.assert(
      fc.property(codeLike, (raw) => {
        const canonical = canonicalCouponCode(raw)
        expect(canonical !== null).toBe(COUPON_CODE_PATTERN.test(raw.trim().toUpperCase()))
        if (canonical !== null) {
          expect(canonical).toMatch(COUPON_CODE_PATTERN)
          expect(canonicalCouponCode(canonical)).toBe(canonical)
        }
      }),
      params,
    )
  })

  it('the code validator accepts only ASCII canonical codes, and their URL keeps origin and path', () => {
    fc.assert(
      fc.property(codeLike, (raw) => {
        const value = couponCodeValidator.parse(raw)
        if (value === null) return
        expect(raw).toMatch(/^[\x20-\x7e]{1,32}$/)
        expect(value).toMatch(COUPON_CODE_PATTERN)
        expect(value).toBe(raw.trim().toUpperCase())
        const url = upstreamUrl(buildUpstreamTarget(LOOKUP, {}, [['code', value]]))
        expect(url.origin).toBe(BASE)
        expect(url.pathname).toBe('/api/v2/coupons/issued/')
        expect([...url.searchParams]).toEqual([['code', value]])
      }),
      params,
    )
  })

  it('the id validator accepts exactly [0-9A-Za-z]{1,64}, and its URL keeps origin and path', () => {
    fc.assert(
      fc.property(idLike, (raw) => {
        const value = idValidator.parse(raw)
        expect(value !== null).toBe(ID_PATTERN.test(raw))
        if (value === null) return
        const url = upstreamUrl(buildUpstreamTarget(CUSTOMER, { id: value }, []))
        expect(url.origin).toBe(BASE)
        expect(url.pathname).toBe(`/api/v2/customers/${value}/`)
      }),
      params,
    )
  })

  it('the coupon-ref validator accepts an id or a code, and the validate URL keeps its shape', () => {
    fc.assert(
      fc.property(idLike, fc.oneof(codeLike, idLike), (id, raw) => {
        const customer = idValidator.parse(id)
        const ref = couponRefValidator.parse(raw)
        if (ref !== null) expect(ID_PATTERN.test(ref) || COUPON_CODE_PATTERN.test(ref)).toBe(true)
        if (customer === null || ref === null) return
        const url = upstreamUrl(buildUpstreamTarget(VALIDATE, { id: customer, couponRef: ref }, []))
        expect(url.origin).toBe(BASE)
        expect(url.search).toBe('')
        expect(url.pathname.split('/')).toEqual([
          '',
          'api',
          'v2',
          'customers',
          customer,
          'coupons',
          ref,
          'validate',
          '',
        ])
      }),
      params,
    )
  })

  it('any request target either is refused or maps onto one table route with a fixed upstream prefix', () => {
    const segment = fc.oneof(
      idLike,
      codeLike,
      fc.constantFrom(
        'api',
        'v2',
        'customers',
        'coupons',
        'validate',
        'rewards',
        'issued',
        'points',
        'redeem',
        'auth',
        '',
        '.',
        '..',
      ),
    )
    const target = fc.oneof(
      fc.array(segment, { maxLength: 9 }).map((parts) => `/${parts.join('/')}`),
      fc.array(segment, { maxLength: 6 }).map((parts) => `/api/v2/${parts.join('/')}/`),
      fc.string({ unit: 'grapheme-ascii', maxLength: 80 }),
    )
    const method = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS')
    fc.assert(
      fc.property(
        target,
        method,
        fc.string({ unit: 'grapheme-ascii', maxLength: 60 }),
        (raw, verb, query) => {
          const check = checkRawTarget(`${raw}?${query}`)
          if (!check.ok) return
          const match = matchRoute(verb, check.path)
          if (match.kind !== 'matched') return
          const accepted = checkQuery(match.route, check.query)
          if (!accepted.ok) return
          const url = upstreamUrl(buildUpstreamTarget(match.route, match.params, accepted.entries))
          expect(url.origin).toBe(BASE)
          expect(url.pathname.startsWith('/api/v2/')).toBe(true)
          expect(url.pathname.split('/')).toHaveLength(match.route.template.split('/').length)
          expect([...url.searchParams].map(([key]) => key)).toEqual(
            accepted.entries.map(([key]) => key),
          )
        },
      ),
      params,
    )
  })
})

// ---------------------------------------------------------------------------------------------
// 1,000 random requests at the running BFF

const MARIA = SEED.customers.maria
const PATH_SAFE = Array.from(
  "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-._~!$&'()*+,;=:@%/",
)
const HEADER_SAFE = Array.from(
  "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-._~!$&'()*+,;=:@/ ",
)

interface FuzzRequest {
  method: string
  path: string
  headers: Record<string, string>
  body: string | undefined
  /** A valid POST with the SPA's headers and a body over the limit: must be 413. */
  oversized: boolean
}

const paramValue = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      MARIA.id,
      SEED.rewards.cafe.id,
      'CZ-7K3M9P2Q',
      'cz-9t5b3x7l',
      'CZ-AAAAAAAA',
    ),
  },
  { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom(...PATH_SAFE), maxLength: 24 }) },
  {
    weight: 1,
    arbitrary: fc.string({ unit: fc.constantFrom(...PATH_SAFE), minLength: 60, maxLength: 120 }),
  },
)
const queryPart = fc.tuple(
  fc.oneof(
    fc.constantFrom(
      'code',
      'customer_id',
      'page_size',
      'cursor',
      'phone',
      'email',
      'status',
      'redeemable',
      'name',
    ),
    fc.string({ unit: fc.constantFrom(...PATH_SAFE), maxLength: 10 }),
  ),
  fc.oneof(
    fc.constantFrom('1', '100', '1000', 'true', 'CZ-7K3M9P2Q', 'active', MARIA.id, '%2B5511', ''),
    fc.string({ unit: fc.constantFrom(...PATH_SAFE), maxLength: 30 }),
  ),
)
const bodyArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant(undefined) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '{}',
      '{"use_z_tokens":true}',
      JSON.stringify({ identifier: MARIA.phone }),
      '{"identifier":"+5511987654321","otp_code":"123456"}',
      '[]',
      'null',
      '{',
      '',
    ),
  },
  { weight: 3, arbitrary: fc.json({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: MAX_REQUEST_BODY_BYTES + 1, max: MAX_REQUEST_BODY_BYTES * 3 })
      .map((n) => JSON.stringify({ identifier: 'x'.repeat(n) })),
  },
)

function requestArb(baseOrigin: string): fc.Arbitrary<FuzzRequest> {
  const random = fc
    .record({
      method: fc.constantFrom(
        'GET',
        'GET',
        'GET',
        'POST',
        'POST',
        'PUT',
        'DELETE',
        'PATCH',
        'HEAD',
        'OPTIONS',
      ),
      route: fc.constantFrom(...ROUTES),
      params: fc.array(paramValue, { minLength: 2, maxLength: 2 }),
      query: fc.array(queryPart, { maxLength: 4 }),
      body: bodyArb,
      contentType: fc.constantFrom(
        undefined,
        'application/json',
        'application/json',
        'application/json; charset=utf-8',
        'text/plain',
        'application/x-www-form-urlencoded',
      ),
      origin: fc.constantFrom(
        undefined,
        baseOrigin,
        baseOrigin,
        baseOrigin,
        'https://evil.example',
        'null',
      ),
      otp: fc.option(fc.string({ unit: fc.constantFrom(...HEADER_SAFE), maxLength: 80 })),
      extra: fc.array(
        fc.tuple(
          fc.constantFrom(
            'x-forwarded-for',
            'x-api-key',
            'authorization',
            'x-custom',
            'accept',
            'sec-fetch-site',
            'x-forwarded-proto',
          ),
          fc.string({ unit: fc.constantFrom(...HEADER_SAFE), maxLength: 60 }),
        ),
        { maxLength: 3 },
      ),
    })
    .map((r): FuzzRequest => {
      let index = 0
      const path = r.route.template.replace(/:[a-zA-Z]+/g, () => r.params[index++] ?? '')
      const query = r.query.map(([k, v]) => `${k}=${v}`).join('&')
      const headers: Record<string, string> = Object.fromEntries(r.extra)
      if (r.contentType !== undefined) headers['content-type'] = r.contentType
      if (r.origin !== undefined) headers.origin = r.origin
      if (r.otp !== null) headers['x-otp-session'] = r.otp.trim()
      return {
        method: r.method,
        path: query === '' ? path : `${path}?${query}`,
        headers,
        body: r.body,
        oversized: false,
      }
    })
  const oversized = fc
    .record({
      route: fc.constantFrom(...ROUTES.filter((r) => r.body !== null)),
      size: fc.integer({ min: MAX_REQUEST_BODY_BYTES + 1, max: 64 * 1024 }),
    })
    .map(({ route: r, size }): FuzzRequest => ({
      method: 'POST',
      path: r.template.replace(':couponRef', 'CZ-7K3M9P2Q').replace(/:[a-zA-Z]+/g, MARIA.id),
      headers: { 'content-type': 'application/json', origin: baseOrigin },
      body: JSON.stringify({ identifier: 'x'.repeat(size) }),
      oversized: true,
    }))
  // Requests the table accepts, so a good share of the mix really goes upstream.
  const plausibleQuery: Record<string, string[]> = {
    code: ['CZ-7K3M9P2Q', 'cz-9t5b3x7l', 'CZ-AAAAAAAA'],
    customer_id: [MARIA.id],
    page_size: ['1', '50', '100'],
    status: ['active', 'used'],
    redeemable: ['true', 'false'],
    phone: ['%2B5511987654321', '11987654321'],
    email: ['maria.santos%40example.com'],
    name: ['maria', 'silva'],
  }
  const plausibleBody: Record<string, string | undefined> = {
    '/api/v2/customers/:id/rewards/:rewardId/redeem/': '{"use_z_tokens":false}',
    '/api/v2/customers/:id/coupons/:couponRef/validate/': undefined,
    '/api/v2/auth/request-otp/': JSON.stringify({ identifier: MARIA.phone }),
    '/api/v2/auth/verify-otp/': JSON.stringify({ identifier: MARIA.phone, otp_code: '123456' }),
  }
  const plausible = fc
    .record({
      route: fc.constantFrom(...ROUTES),
      couponRef: fc.constantFrom('CZ-7K3M9P2Q', 'cz-4h8n2w6r', 'CZ-AAAAAAAA'),
      reward: fc.constantFrom(SEED.rewards.cafe.id, SEED.rewards.sobremesa.id),
      picks: fc.array(fc.nat(), { minLength: 8, maxLength: 8 }),
    })
    .map(({ route: r, couponRef, reward, picks }): FuzzRequest => {
      const path = r.template
        .replace(':couponRef', couponRef)
        .replace(':rewardId', reward)
        .replace(':id', r.template.startsWith('/api/v2/rewards/') ? reward : MARIA.id)
      const keys = Object.keys(r.query).filter((key) => key in plausibleQuery)
      const query = keys
        .filter((_key, i) => (picks[i] ?? 0) % 3 === 0)
        .map((key, i) => {
          const values = plausibleQuery[key] ?? ['']
          return `${key}=${values[(picks[i] ?? 0) % values.length] ?? ''}`
        })
        .join('&')
      const post = r.method === 'POST'
      return {
        method: r.method,
        path: query === '' ? path : `${path}?${query}`,
        headers: post ? { 'content-type': 'application/json', origin: baseOrigin } : {},
        body: post ? plausibleBody[r.template] : undefined,
        oversized: false,
      }
    })
  return fc.oneof(
    { weight: 6, arbitrary: random },
    { weight: 3, arbitrary: plausible },
    { weight: 1, arbitrary: oversized },
  )
}

interface FuzzAnswer {
  status: number
  requestId: string | undefined
  /** The BFF's own problem (it carries our request_id), as opposed to a passed-through answer. */
  own: boolean
}

function send(baseUrl: string, cookie: string, request: FuzzRequest): Promise<FuzzAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${baseUrl}${request.path}`,
      {
        method: request.method,
        headers: {
          ...request.headers,
          cookie,
          // node:http frames a GET body with neither header, which would desync the connection.
          ...(request.body === undefined
            ? {}
            : { 'content-length': String(Buffer.byteLength(request.body)) }),
        },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => {
          const requestId = res.headers['x-request-id'] as string | undefined
          let own: boolean
          try {
            const body = JSON.parse(Buffer.concat(chunks).toString()) as { request_id?: unknown }
            own = body.request_id === requestId
          } catch {
            own = false
          }
          resolve({ status: res.statusCode ?? 0, requestId, own })
        })
      },
    )
    req.on('error', reject)
    req.end(request.body)
  })
}

let stack: TestStack

beforeAll(async () => {
  stack = await startStack()
})

afterAll(async () => {
  await stack.close()
})

describe('G7: 1,000 random requests at the running BFF', () => {
  it('never answer 5xx, never reach upstream when invalid, and answer 413 when oversized', async () => {
    const requests = fc.sample(requestArb(new URL(stack.bff.url).origin), {
      numRuns: 1000,
      seed: FC_SEED,
    })
    const failures: string[] = []
    const statuses: Record<number, number> = {}
    let upstreamCalls = 0
    let oversized = 0
    // In batches: the sandbox keeps its last 500 requests, and each batch gets a fresh cashier.
    for (let start = 0; start < requests.length; start += 250) {
      await stack.reset()
      const client: BffClient = await stack.signIn()
      const batch = requests.slice(start, start + 250)
      const answers: FuzzAnswer[] = []
      for (let i = 0; i < batch.length; i += 10)
        answers.push(
          ...(await Promise.all(
            batch.slice(i, i + 10).map((r) => send(stack.bff.url, client.cookie, r)),
          )),
        )
      const seenUpstream = new Set(
        (await stack.upstreamRequests()).map((r) => r.headers['x-request-id']),
      )
      upstreamCalls += seenUpstream.size
      batch.forEach((request, index) => {
        const answer = answers[index]
        if (!answer) return
        statuses[answer.status] = (statuses[answer.status] ?? 0) + 1
        const label = `${request.method} ${request.path.slice(0, 120)} → ${answer.status}`
        if (answer.status >= 500) failures.push(`5xx: ${label}`)
        if (answer.own && answer.status < 500 && seenUpstream.has(answer.requestId))
          failures.push(`refused but reached upstream: ${label}`)
        if (!answer.own && !seenUpstream.has(answer.requestId) && request.method !== 'HEAD')
          failures.push(`answer without an upstream call: ${label}`)
        if (request.oversized) {
          oversized += 1
          if (answer.status !== 413) failures.push(`oversized but not 413: ${label}`)
        }
      })
    }
    expect(failures).toEqual([])
    // The mix really exercised both sides of the gateway.
    expect(upstreamCalls).toBeGreaterThan(20)
    expect(oversized).toBeGreaterThan(20)
    expect(Object.keys(statuses).length).toBeGreaterThan(5)
  }, 120_000)
})
