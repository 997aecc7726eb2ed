import { afterEach, describe, expect, it } from 'vitest'
import { problemSlug } from '../contract/problem'
import { hashedId } from './logger'
import { TEST_PIN, TEST_SECRET } from './testing/http'
import { startStack, type TestStack } from './testing/stack'

/**
 * TRUST_PROXY over real sockets (issue 10, ADR 005): the BFF on loopback, so every request's peer
 * is 127.0.0.1, the address a proxy on the same machine connects from. X-Forwarded-* are sent by
 * the test, as a proxy (or a client pretending to be one) would.
 */

let stack: TestStack | undefined

afterEach(async () => {
  await stack?.close()
  stack = undefined
})

async function start(trustProxy: readonly string[]): Promise<TestStack> {
  stack = await startStack({ env: { trustProxy } })
  return stack
}

function signIn(bff: TestStack, pin: string, headers: Record<string, string> = {}) {
  return fetch(`${bff.bff.url}/api/pos/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: bff.bff.url, ...headers },
    body: JSON.stringify({ pin }),
  })
}

async function slugOf(response: Response): Promise<string | undefined> {
  const body = (await response.json()) as { type?: string }
  return problemSlug(body.type)
}

describe.each([
  ['false (the default)', []],
  ['a proxy that is not the peer', ['10.0.0.0/8']],
])('TRUST_PROXY %s: X-Forwarded-* are ignored', (_name, trustProxy) => {
  it('five wrong PINs from one socket lock it, whatever X-Forwarded-For says', async () => {
    const bff = await start(trustProxy)
    const statuses: number[] = []
    for (let i = 1; i <= 5; i++)
      statuses.push((await signIn(bff, '0000', { 'x-forwarded-for': `203.0.113.${i}` })).status)
    expect(statuses).toEqual([401, 401, 401, 401, 429])
    const escape = await signIn(bff, TEST_PIN, {
      'x-forwarded-for': '198.51.100.7',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'pos.example',
    })
    expect(escape.status).toBe(429)
  })

  it('X-Forwarded-Proto: https gets neither the Secure cookie nor HSTS', async () => {
    const bff = await start(trustProxy)
    const response = await signIn(bff, TEST_PIN, { 'x-forwarded-proto': 'https' })
    expect(response.status).toBe(204)
    const cookie = response.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/^zupy_pos_session=/)
    expect(cookie).not.toMatch(/;\s*Secure/i)
    expect(response.headers.get('strict-transport-security')).toBeNull()
  })

  it('X-Forwarded-Host does not stand in for Host in the Origin check', async () => {
    const bff = await start(trustProxy)
    const response = await signIn(bff, TEST_PIN, {
      origin: 'http://pos.example:8443',
      'x-forwarded-host': 'pos.example:8443',
    })
    expect(response.status).toBe(403)
    expect(await slugOf(response)).toBe('forbidden-origin')
  })
})

describe('TRUST_PROXY naming the proxy at 127.0.0.1', () => {
  const PROXY = ['127.0.0.1/32']

  it('locks out the till the proxy saw, not the proxy: other tills still sign in', async () => {
    const bff = await start(PROXY)
    const tillA = { 'x-forwarded-for': '192.168.1.10' }
    const statuses: number[] = []
    for (let i = 0; i < 5; i++) statuses.push((await signIn(bff, '0000', tillA)).status)
    expect(statuses).toEqual([401, 401, 401, 401, 429])
    expect((await signIn(bff, TEST_PIN, tillA)).status).toBe(429)

    // Till A adding its own X-Forwarded-For: the proxy appends the real address, which wins.
    for (const spoofed of ['198.51.100.7', '127.0.0.1', '192.168.1.11, 10.9.9.9'])
      expect(
        (await signIn(bff, TEST_PIN, { 'x-forwarded-for': `${spoofed}, 192.168.1.10` })).status,
      ).toBe(429)

    const tillB = await signIn(bff, TEST_PIN, { 'x-forwarded-for': '192.168.1.11' })
    expect(tillB.status).toBe(204)

    // The warning names till A (hashed), the address the lockout is keyed on.
    const warnings = bff.logs.records().filter((r) => r.level === 'warn')
    expect(warnings).toEqual([
      expect.objectContaining({
        msg: 'sign-in locked: too many wrong PINs',
        client_hash: hashedId('192.168.1.10', TEST_SECRET),
      }),
    ])
  })

  it('a request straight from the proxy host, without X-Forwarded-For, is the proxy itself', async () => {
    const bff = await start(PROXY)
    for (let i = 0; i < 5; i++) await signIn(bff, '0000')
    expect((await signIn(bff, TEST_PIN)).status).toBe(429)
    expect((await signIn(bff, TEST_PIN, { 'x-forwarded-for': '192.168.1.10' })).status).toBe(204)
  })

  it('X-Forwarded-Proto: https gets the __Host- cookie with Secure, and HSTS', async () => {
    const bff = await start(PROXY)
    const https = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'pos.example:8443' }
    const response = await signIn(bff, TEST_PIN, { ...https, origin: 'https://pos.example:8443' })
    expect(response.status).toBe(204)
    const cookie = response.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/^__Host-zupy_pos_session=[^;]+;.*\bSecure\b/)
    expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000')

    // The session works under that name as long as the proxy says HTTPS.
    const pair = cookie.split(';')[0] ?? ''
    const status = await fetch(`${bff.bff.url}/api/pos/session`, {
      headers: { ...https, cookie: pair },
    })
    expect(await status.json()).toMatchObject({ authenticated: true })
    const plain = await fetch(`${bff.bff.url}/api/pos/session`, { headers: { cookie: pair } })
    expect(await plain.json()).toMatchObject({ authenticated: false })
  })

  it.each([
    ['https://pos.example:8443', 'pos.example:8443', 'https', 204],
    // The forwarded host, not Host, is what the page was loaded from.
    ['https://pos.example:8443', undefined, 'https', 403],
    ['https://evil.example', 'pos.example:8443', 'https', 403],
    ['https://evil.example', 'evil.example, pos.example:8443', 'https', 403],
    // An http:// page behind a proxy that says HTTPS is not the same origin.
    ['http://pos.example:8443', 'pos.example:8443', 'https', 403],
    ['http://pos.example:8080', 'pos.example:8080', 'http', 204],
  ])(
    'Origin %s, X-Forwarded-Host %j, X-Forwarded-Proto %s → %i',
    async (origin, host, proto, status) => {
      const bff = await start(PROXY)
      const response = await signIn(bff, TEST_PIN, {
        origin,
        'x-forwarded-proto': proto,
        ...(host === undefined ? {} : { 'x-forwarded-host': host }),
      })
      expect(response.status).toBe(status)
    },
  )

  it('without X-Forwarded-Host the Origin is compared with Host, as before', async () => {
    const bff = await start(PROXY)
    expect((await signIn(bff, TEST_PIN)).status).toBe(204)
  })
})
