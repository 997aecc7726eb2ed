import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { problemSlug } from '../contract/problem'
import { createBffApp } from './app'
import { startBffServer, type BffServer } from './server'
import { captureLogger, sameOrigin, signIn, testEnv } from './testing/http'
import { createUpstream, type Upstream } from './upstream'

/**
 * The BFF against a tiny upstream whose misbehaviour each test picks, so fault handling is pinned
 * down without depending on the sandbox.
 */

const TIMEOUT_MS = 500
const KEY = `zupy_pk_${'F4ulty0K'.repeat(4)}`
const ID = '2awthlosjx7kggprferoosvabcd'
const VALIDATE = `/api/v2/customers/${ID}/coupons/CZ-7K3M9P2Q/validate/`
const LEAK = 'LEAKME-upstream-bytes'

type Behaviour = (req: IncomingMessage, res: ServerResponse) => void

interface Seen {
  method: string
  url: string
  headers: IncomingMessage['headers']
  rawNames: string[]
}

let behaviour: Behaviour
const seen: Seen[] = []
const timers = new Set<NodeJS.Timeout>()
let fault: Server
let faultPort: number
let bff: BffServer
let upstream: Upstream
let closedUpstream: Upstream
let closedBff: BffServer
let deadPort: number
const capture = captureLogger()
const logs = capture.lines
/** The session cookie for each BFF under test. */
const cookies = new Map<BffServer, string>()
const rejections: unknown[] = []
const onRejection = (reason: unknown) => rejections.push(reason)

const leakyHeaders = {
  'X-Upstream-Secret': LEAK,
  'Set-Cookie': `session=${LEAK}`,
  Server: 'fault-server/1.0',
  'X-Powered-By': 'fault',
}

function json(res: ServerResponse, status: number, body: unknown, type = 'application/json') {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    ...leakyHeaders,
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(text),
  })
  res.end(text)
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return (server.address() as AddressInfo).port
}

beforeAll(async () => {
  process.on('unhandledRejection', onRejection)
  fault = createServer((req, res) => {
    seen.push({
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      rawNames: req.rawHeaders.filter((_, i) => i % 2 === 0).map((name) => name.toLowerCase()),
    })
    req.resume()
    behaviour(req, res)
  })
  faultPort = await listen(fault)
  upstream = createUpstream({
    baseUrl: `http://127.0.0.1:${faultPort}`,
    apiKey: KEY,
    timeoutMs: TIMEOUT_MS,
  })
  const app = createBffApp({
    env: testEnv({ mode: 'live', posPinIsDefault: false }),
    upstream,
    logger: capture.logger,
  })
  bff = await startBffServer(app, { host: '127.0.0.1', port: 0 })
  cookies.set(bff, (await signIn(bff.url)).cookie)

  // A port that refuses connections: bind one, then free it.
  const probe = createServer()
  deadPort = await listen(probe)
  await new Promise<void>((resolve) =>
    probe.close(() => {
      resolve()
    }),
  )
  closedUpstream = createUpstream({
    baseUrl: `http://127.0.0.1:${deadPort}`,
    apiKey: KEY,
    timeoutMs: TIMEOUT_MS,
  })
  closedBff = await startBffServer(
    createBffApp({
      env: testEnv({ mode: 'live', posPinIsDefault: false }),
      upstream: closedUpstream,
    }),
    {
      host: '127.0.0.1',
      port: 0,
    },
  )
  cookies.set(closedBff, (await signIn(closedBff.url)).cookie)
})

afterAll(async () => {
  for (const timer of timers) clearInterval(timer)
  await bff.close()
  await closedBff.close()
  await upstream.close()
  await closedUpstream.close()
  fault.closeAllConnections()
  await new Promise<void>((resolve) =>
    fault.close(() => {
      resolve()
    }),
  )
  process.off('unhandledRejection', onRejection)
})

beforeEach(() => {
  seen.length = 0
  behaviour = (_req, res) => {
    json(res, 200, { ok: true })
  }
})

/** A signed-in call: the session cookie (after any the test sends), same-origin headers on POST. */
async function callBff(server: BffServer, path: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers)
  const session = cookies.get(server) ?? ''
  headers.set('cookie', [headers.get('cookie'), session].filter(Boolean).join('; '))
  if ((init.method ?? 'GET') !== 'GET')
    for (const [name, value] of Object.entries(sameOrigin(server.url)))
      if (!headers.has(name)) headers.set(name, value)
  const started = performance.now()
  const response = await fetch(`${server.url}${path}`, { ...init, headers })
  const text = await response.text()
  return { response, text, elapsed: performance.now() - started }
}

function expectOwnProblem(
  result: Awaited<ReturnType<typeof callBff>>,
  status: number,
  slug: string,
  port = faultPort,
) {
  const { response, text } = result
  expect(response.status).toBe(status)
  expect(response.headers.get('content-type')).toBe('application/problem+json')
  const body = JSON.parse(text) as {
    type: string
    detail: string
    request_id: string
    instance: string
  }
  expect(problemSlug(body.type)).toBe(slug)
  expect(body.request_id).toBe(response.headers.get('x-request-id'))
  for (const forbidden of [LEAK, String(port), '127.0.0.1', 'localhost', ' at ', 'Error:', 'fault'])
    expect(text).not.toContain(forbidden)
  for (const header of ['x-upstream-secret', 'server', 'x-powered-by'])
    expect(response.headers.get(header)).toBeNull()
  // The only cookie is our own session's sliding refresh, never upstream's.
  for (const cookie of response.headers.getSetCookie())
    expect(cookie).toMatch(/^zupy_pos_session=v1\./)
  for (const value of response.headers.values()) expect(value).not.toContain(LEAK)
}

async function expectHealthy() {
  const health = await fetch(`${bff.url}/api/pos/health`)
  expect(health.status).toBe(200)
  expect(((await health.json()) as { status: string }).status).toBe('ok')
}

describe('upstream request headers', () => {
  it('are built from scratch: key last, nothing from the client', async () => {
    behaviour = (req, res) => {
      json(res, 200, { headers: req.headers })
    }
    const { response } = await callBff(bff, VALIDATE, {
      method: 'POST',
      headers: {
        cookie: 'sid=abc',
        authorization: 'Bearer client',
        'x-api-key': 'zupy_pk_fromtheclient00000000000000000',
        'x-forwarded-for': '10.0.0.1',
        'x-otp-session': 'valid-session-token',
        'x-custom': 'nope',
        'user-agent': 'till/1.0',
      },
    })
    expect(response.status).toBe(200)
    expect(seen).toHaveLength(1)
    const headers = seen[0]?.headers ?? {}
    // host, connection and content-length are undici's own framing.
    expect(Object.keys(headers).sort()).toEqual([
      'accept',
      'connection',
      'content-length',
      'host',
      'x-api-key',
      'x-otp-session',
      'x-request-id',
    ])
    const ours = (seen[0]?.rawNames ?? []).filter(
      (name) => !['host', 'connection', 'content-length'].includes(name),
    )
    expect(ours.at(-1)).toBe('x-api-key')
    expect(headers['x-api-key']).toBe(KEY)
    expect(headers.accept).toBe('application/json')
    expect(headers['x-otp-session']).toBe('valid-session-token')
    expect(headers.host).toBe(`127.0.0.1:${faultPort}`)
    expect(headers['x-request-id']).toBe(response.headers.get('x-request-id'))
  })

  it('drop an X-OTP-Session that does not match the pattern, and type a forwarded body', async () => {
    behaviour = (_req, res) => {
      json(res, 200, { status: 'sent', channel: 'whatsapp', expires_in: 300 })
    }
    const { response } = await callBff(bff, '/api/v2/auth/request-otp/', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-otp-session': 'bad session;\tx' },
      body: JSON.stringify({ identifier: '+5511987654321' }),
    })
    expect(response.status).toBe(200)
    const headers = seen[0]?.headers ?? {}
    expect(headers['x-otp-session']).toBeUndefined()
    expect(headers['content-type']).toBe('application/json')
    expect(headers['content-length']).toBe(String('{"identifier":"+5511987654321"}'.length))
  })

  it('pass rate-limit headers back, and only those', async () => {
    behaviour = (_req, res) => {
      res.writeHead(429, {
        ...leakyHeaders,
        'Content-Type': 'application/problem+json',
        'X-RateLimit-Limit': '60',
        'X-RateLimit-Remaining': '0',
        'X-RateLimit-Reset': '1711108800',
        'Retry-After': '30',
      })
      res.end(
        JSON.stringify({
          type: 'https://docs.zupy.com/errors#rate-limit-exceeded',
          status: 429,
          title: 'x',
        }),
      )
    }
    const { response } = await callBff(bff, '/api/v2/rewards/')
    expect(response.status).toBe(429)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    expect(response.headers.get('x-ratelimit-limit')).toBe('60')
    expect(response.headers.get('x-ratelimit-remaining')).toBe('0')
    expect(response.headers.get('x-ratelimit-reset')).toBe('1711108800')
    expect(response.headers.get('retry-after')).toBe('30')
    expect(response.headers.get('x-upstream-secret')).toBeNull()
    expect(response.headers.getSetCookie().join()).not.toContain(LEAK)
    expect(response.headers.get('cache-control')).toBe('no-store')
  })
})

describe('upstream answers', () => {
  it('reach the browser as upstream wrote them once they parse as JSON, with our headers', async () => {
    const written = '{ "count": 1,\n  "results": [{"id": "r1", "name": "Café \\u00e9"}] }'
    behaviour = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' })
      res.end(`\ufeff${written}`)
    }
    const { response, text } = await callBff(bff, '/api/v2/rewards/')
    expect(response.status).toBe(200)
    // The UTF-8 BOM goes (as a decoder drops it), the rest is byte for byte.
    expect(text).toBe(written)
    expect(response.headers.get('content-type')).toBe('application/json')
    expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength(written)))
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'")
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(response.headers.getSetCookie()).toEqual([
      expect.stringMatching(/^zupy_pos_session=v1\./),
    ])
  })
})

describe('fault matrix: each case gives our own problem, one upstream call, and a healthy BFF', () => {
  const cases: [string, Behaviour, number, string][] = [
    [
      '500',
      (_req, res) => {
        json(res, 500, { detail: LEAK, trace: 'at handler (/srv/app.py:1)' })
      },
      502,
      'upstream-error',
    ],
    [
      '502',
      (_req, res) => {
        json(res, 502, { detail: LEAK })
      },
      502,
      'upstream-error',
    ],
    [
      '503 with HTML',
      (_req, res) => {
        res.writeHead(503, { ...leakyHeaders, 'Content-Type': 'text/html' })
        res.end(`<h1>${LEAK}</h1>`)
      },
      502,
      'upstream-error',
    ],
    ['reset before the answer', (req) => req.socket.destroy(), 502, 'upstream-error'],
    [
      'reset after the headers',
      (req, res) => {
        res.writeHead(200, {
          ...leakyHeaders,
          'Content-Type': 'application/json',
          'Content-Length': '200',
        })
        res.write(`{"detail":"${LEAK}"`)
        setTimeout(() => req.socket.destroy(), 20)
      },
      502,
      'upstream-error',
    ],
    [
      'malformed JSON',
      (_req, res) => {
        const text = `{"detail":"${LEAK}",`
        res.writeHead(200, {
          ...leakyHeaders,
          'Content-Type': 'application/json',
          'Content-Length': text.length,
        })
        res.end(text)
      },
      502,
      'upstream-error',
    ],
    [
      'a truncated chunked body',
      (req, res) => {
        res.writeHead(200, { ...leakyHeaders, 'Content-Type': 'application/json' })
        res.write(`{"detail":"${LEAK}`)
        setTimeout(() => req.socket.destroy(), 20)
      },
      502,
      'upstream-error',
    ],
    [
      'the wrong content type',
      (_req, res) => {
        json(res, 200, { detail: LEAK }, 'text/html')
      },
      502,
      'upstream-error',
    ],
    [
      'a 4xx with a non-JSON body',
      (_req, res) => {
        res.writeHead(404, { ...leakyHeaders, 'Content-Type': 'text/plain' })
        res.end(LEAK)
      },
      502,
      'upstream-error',
    ],
    [
      'a compressed body',
      (_req, res) => {
        res.writeHead(200, {
          ...leakyHeaders,
          'Content-Type': 'application/json',
          'Content-Encoding': 'gzip',
        })
        res.end('not really gzip')
      },
      502,
      'upstream-error',
    ],
    [
      'a huge body (declared)',
      (_req, res) => {
        res.writeHead(200, {
          ...leakyHeaders,
          'Content-Type': 'application/json',
          'Content-Length': 10 * 1024 * 1024,
        })
        res.write(`["${LEAK}`)
      },
      502,
      'upstream-error',
    ],
    [
      'a huge body (chunked)',
      (_req, res) => {
        res.writeHead(200, { ...leakyHeaders, 'Content-Type': 'application/json' })
        res.write('["')
        const chunk = 'x'.repeat(64 * 1024)
        for (let i = 0; i < 40; i++) res.write(chunk)
        res.end('"]')
      },
      502,
      'upstream-error',
    ],
    [
      'a 302 redirect',
      (_req, res) => {
        res.writeHead(302, {
          ...leakyHeaders,
          Location: '/api/v2/steal/',
          'Content-Type': 'application/json',
        })
        res.end('{}')
      },
      502,
      'upstream-error',
    ],
    [
      'a 308 redirect to another host',
      (_req, res) => {
        res.writeHead(308, { Location: 'http://evil.example/collect' })
        res.end()
      },
      502,
      'upstream-error',
    ],
    [
      'a slow drip',
      (req, res) => {
        res.writeHead(200, { ...leakyHeaders, 'Content-Type': 'application/json' })
        res.write('[')
        const timer = setInterval(() => res.write('0,'), 50)
        timers.add(timer)
        req.socket.on('close', () => {
          clearInterval(timer)
          timers.delete(timer)
        })
      },
      504,
      'upstream-timeout',
    ],
    ['a hang', () => undefined, 504, 'upstream-timeout'],
  ]

  it.each(cases)('%s', async (_name, misbehave, status, slug) => {
    behaviour = misbehave
    for (const [method, path] of [
      ['POST', VALIDATE],
      ['GET', '/api/v2/rewards/'],
    ] as const) {
      seen.length = 0
      const result = await callBff(bff, path, { method })
      expectOwnProblem(result, status, slug)
      // Never retried, never redirected: exactly the one call we made.
      expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual([`${method} ${path}`])
      expect(result.elapsed).toBeLessThan(TIMEOUT_MS + 500)
    }
    await expectHealthy()
  })

  it('connection refused gives 502 and the health probe says unreachable', async () => {
    const result = await callBff(closedBff, VALIDATE, { method: 'POST' })
    expectOwnProblem(result, 502, 'upstream-error', deadPort)
    const health = await fetch(`${closedBff.url}/api/pos/health`)
    expect(health.status).toBe(200)
    expect(await health.json()).toMatchObject({ upstream: { reachable: false, latency_ms: null } })
  })

  it('leaves no unhandled rejections and logs no key', () => {
    expect(rejections).toEqual([])
    expect(logs.length).toBeGreaterThan(10)
    expect(JSON.stringify(logs)).not.toContain(KEY)
    expect(JSON.stringify(logs)).not.toContain(LEAK)
  })
})
