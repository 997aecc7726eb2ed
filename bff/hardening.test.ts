import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { problemSlug } from '../contract/problem'
import { SEED } from '../sandbox/seed'
import { CONTENT_SECURITY_POLICY } from './security'
import { MAX_HEADER_BYTES } from './server'
import type { BffClient } from './testing/http'
import { startStack, type TestStack } from './testing/stack'

/**
 * Browser-facing hardening over real HTTP (reliability.md G9): the security headers on HTML,
 * asset and API responses of every kind; the CSRF matrix refused with zero upstream calls; the
 * header-size bound.
 */

const MARIA = SEED.customers.maria

let stack: TestStack
let client: BffClient
let staticRoot: string

beforeAll(async () => {
  staticRoot = mkdtempSync(join(tmpdir(), 'bff-hardening-'))
  mkdirSync(join(staticRoot, 'assets'))
  writeFileSync(join(staticRoot, 'index.html'), '<!doctype html><title>spa</title>')
  writeFileSync(join(staticRoot, 'assets', 'app-abc123.js'), 'console.log(1)')
  stack = await startStack({ staticRoot })
  client = await stack.signIn()
})

afterAll(async () => {
  await stack.close()
  rmSync(staticRoot, { recursive: true, force: true })
})

beforeEach(async () => {
  await stack.reset()
})

interface RawAnswer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** A request with exactly these headers (node:http adds Host and framing, nothing else). */
function send(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${stack.bff.url}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => {
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
        })
      })
    })
    req.on('error', reject)
    req.end(body)
  })
}

/** The request as raw bytes, for what node:http will not send. */
function sendRaw(text: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(stack.bff.port, '127.0.0.1')
    const chunks: Buffer[] = []
    socket.on('data', (chunk) => chunks.push(chunk))
    socket.on('error', reject)
    socket.on('close', () => {
      const answer = Buffer.concat(chunks).toString('latin1')
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0), text: answer })
    })
    socket.write(text)
  })
}

const origin = () => new URL(stack.bff.url).origin
const session = () => ({ cookie: client.cookie })
const spa = () => ({ ...session(), 'content-type': 'application/json', origin: origin() })

function expectSecurityHeaders(answer: RawAnswer, label: string) {
  expect(answer.headers['content-security-policy'], label).toBe(CONTENT_SECURITY_POLICY)
  expect(answer.headers['x-content-type-options'], label).toBe('nosniff')
  expect(answer.headers['referrer-policy'], label).toBe('no-referrer')
  expect(answer.headers['permissions-policy'], label).toBe(
    'camera=(self), microphone=(), geolocation=()',
  )
  expect(answer.headers['cross-origin-opener-policy'], label).toBe('same-origin')
  // Plain HTTP: HSTS would be ignored, and would be wrong to send.
  expect(answer.headers['strict-transport-security'], label).toBeUndefined()
  expect(answer.headers['access-control-allow-origin'], label).toBeUndefined()
  expect(answer.headers['access-control-allow-credentials'], label).toBeUndefined()
}

describe('G9: security headers on every kind of response', () => {
  it('HTML, assets, API answers, API refusals, static refusals and parse failures', async () => {
    const foreign = { origin: 'https://evil.example' }
    const cases: [string, Promise<RawAnswer>][] = [
      ['index', send('GET', '/', foreign)],
      ['SPA route', send('GET', '/scan', foreign)],
      ['asset', send('GET', '/assets/app-abc123.js', foreign)],
      ['missing asset', send('GET', '/assets/nope.js')],
      ['API 200', send('GET', '/api/v2/rewards/', { ...session(), ...foreign })],
      ['API 401', send('GET', '/api/v2/rewards/', foreign)],
      ['health', send('GET', '/api/pos/health', foreign)],
      ['config', send('GET', '/api/pos/config')],
      ['session status', send('GET', '/api/pos/session', session())],
      ['API 404', send('GET', '/api/v2/nope/', session())],
      ['API 405', send('DELETE', '/api/v2/rewards/', spa())],
      ['API 400', send('GET', '/api/v2/rewards/?page_size=1000', session())],
      ['raw-path 400', send('GET', '/api/v2/../_sandbox/requests', session())],
      ['CSRF 403', send('POST', '/api/pos/session', { 'content-type': 'text/plain' }, '{}')],
      ['static 405', send('POST', '/', spa(), '{}')],
      [
        'preflight',
        send('OPTIONS', '/api/v2/rewards/', {
          ...foreign,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        }),
      ],
    ]
    for (const [label, pending] of cases) {
      const answer = await pending
      expect(answer.status, label).toBeLessThan(500)
      expectSecurityHeaders(answer, label)
    }
  })

  it('also on the adapter’s own parse failures', async () => {
    const answer = await sendRaw('GET / HTTP/1.1\r\nHost: bad host\r\nConnection: close\r\n\r\n')
    expect(answer.status).toBe(400)
    expect(answer.text).toContain(`Content-Security-Policy: ${CONTENT_SECURITY_POLICY}`)
    expect(answer.text).toContain('X-Content-Type-Options: nosniff')
  })

  it('keeps API answers out of caches', async () => {
    const answer = await send('GET', '/api/v2/rewards/', session())
    expect(answer.headers['cache-control']).toBe('no-store')
  })
})

describe('G9: the CSRF matrix', () => {
  const forged: [string, Record<string, string | undefined>][] = [
    ['no Content-Type', { 'content-type': undefined }],
    ['text/plain', { 'content-type': 'text/plain' }],
    ['a form', { 'content-type': 'application/x-www-form-urlencoded' }],
    ['a foreign Origin', { origin: 'https://evil.example' }],
    ['Origin: null', { origin: 'null' }],
    ['Sec-Fetch-Site: cross-site', { origin: undefined, 'sec-fetch-site': 'cross-site' }],
    ['no Origin and no Sec-Fetch-Site', { origin: undefined }],
  ]

  const headersFor = (change: Record<string, string | undefined>) => {
    const headers: Record<string, string | undefined> = { ...spa(), ...change }
    return Object.fromEntries(
      Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== undefined),
    )
  }

  it.each(forged)(
    '%s → 403 forbidden-origin on every state change, no upstream call',
    async (_name, change) => {
      const coupon = await stack.freshCoupon(MARIA.id)
      await stack.control('DELETE', '/requests')
      const targets: [string, string, string | undefined][] = [
        [
          'POST',
          `/api/v2/customers/${MARIA.id}/coupons/${coupon.coupon_code}/validate/`,
          undefined,
        ],
        ['POST', `/api/v2/customers/${MARIA.id}/rewards/${SEED.rewards.cafe.id}/redeem/`, '{}'],
        ['POST', '/api/v2/auth/request-otp/', JSON.stringify({ identifier: MARIA.phone })],
        ['POST', '/api/pos/session', '{"pin":"1234"}'],
        ['DELETE', '/api/pos/session', undefined],
      ]
      for (const [method, path, body] of targets) {
        const answer = await send(method, path, headersFor(change), body)
        expect(answer.status, `${method} ${path}`).toBe(403)
        expect(problemSlug((JSON.parse(answer.body) as { type: string }).type)).toBe(
          'forbidden-origin',
        )
        // A forged sign-in gets no cookie; a forged sign-out does not touch the session.
        expect(answer.headers['set-cookie']).toBeUndefined()
      }
      expect(await stack.upstreamRequests()).toEqual([])
      expect(stack.sandbox.ctx.db.coupons.byId(coupon.id)?.status).toBe('active')
      expect((await client.call('/api/pos/session')).json()).toMatchObject({ authenticated: true })
    },
  )

  it('lets the same requests through with the SPA’s headers (the control case)', async () => {
    const coupon = await stack.freshCoupon(MARIA.id)
    const path = `/api/v2/customers/${MARIA.id}/coupons/${coupon.coupon_code}/validate/`
    expect((await send('POST', path, spa())).status).toBe(200)
    const withoutOrigin = {
      ...session(),
      'content-type': 'application/json',
      'sec-fetch-site': 'same-origin',
    }
    expect((await send('POST', path, withoutOrigin)).status).toBe(409)
  })
})

describe('bounded request heads', () => {
  it(`answers 431 to headers over ${MAX_HEADER_BYTES / 1024} KB, and serves a large but allowed one`, async () => {
    const big = await sendRaw(
      `GET /api/pos/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pad: ${'a'.repeat(MAX_HEADER_BYTES)}\r\nConnection: close\r\n\r\n`,
    )
    expect(big.status).toBe(431)
    expect(await stack.upstreamRequests()).toEqual([])
    const fits = await sendRaw(
      `GET /api/pos/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pad: ${'a'.repeat(MAX_HEADER_BYTES - 1024)}\r\nConnection: close\r\n\r\n`,
    )
    expect(fits.status).toBe(200)
  })
})
