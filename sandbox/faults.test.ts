import { request as httpRequest } from 'node:http'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { CouponSchema, ValidateResponseSchema } from '../contract/coupons'
import { PointsBalanceSchema } from '../contract/customers'
import { listOf, singleOf } from '../contract/envelope'
import { ProblemSchema } from '../contract/problem'
import { defaultSandboxConfig } from './config'
import { SEED } from './seed'
import { startSandbox, type RunningSandboxInternals } from './server'
import type { LoggedRequest } from './state'
import { makeTestSandbox } from './testing'

const { maria } = SEED.customers
const coupon = SEED.coupons.mariaActive
const VALIDATE = `/api/v2/customers/${maria.id}/coupons/${coupon.code}/validate/`
const POINTS = `/api/v2/customers/${maria.id}/points/`

/** Fault modes over a real socket: what a client (the BFF) actually sees. */
describe('faults over a real socket', () => {
  let sandbox: RunningSandboxInternals
  const headers = () => ({ 'X-API-Key': sandbox.config.apiKey })
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${sandbox.url}${path}`, {
      ...init,
      headers: { ...headers(), ...(init.headers as Record<string, string> | undefined) },
    })
  const addFault = async (rule: object) => {
    const res = await fetch(`${sandbox.url}/_sandbox/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(rule),
    })
    expect(res.status).toBe(201)
    await res.arrayBuffer()
  }
  const couponStatus = async () => {
    const res = await api(`/api/v2/coupons/issued/?code=${coupon.code}`)
    const page = listOf(CouponSchema).parse(await res.json())
    return page.items[0]?.status
  }

  beforeAll(async () => {
    sandbox = await startSandbox(defaultSandboxConfig({ port: 0, otpPolicy: 'trusted' }), {
      log: () => undefined,
    })
  })
  afterAll(async () => {
    await sandbox.close()
  })
  beforeEach(async () => {
    const res = await fetch(`${sandbox.url}/_sandbox/reset`, { method: 'POST' })
    expect(res.status).toBe(200)
    await res.arrayBuffer()
  })

  it('latency: answers normally after the delay', async () => {
    await addFault({ path: '/points/', fault: { kind: 'latency', ms: 150 } })
    const started = performance.now()
    const res = await api(POINTS)
    expect(singleOf(PointsBalanceSchema).parse(await res.json()).points_balance).toBe(1250)
    expect(performance.now() - started).toBeGreaterThanOrEqual(140)
  })

  it('status: the given status with a problem body, and no state change', async () => {
    await addFault({ path: '/validate/', fault: { kind: 'status', status: 502 } })
    const res = await api(VALIDATE, { method: 'POST' })
    expect(res.status).toBe(502)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    expect(ProblemSchema.parse(await res.json()).status).toBe(502)
    expect(await couponStatus()).toBe('active')
  })

  it('malformed-json: 200 with a JSON content type whose body does not parse; no state change', async () => {
    await addFault({ path: '/validate/', fault: { kind: 'malformed-json' } })
    const res = await api(VALIDATE, { method: 'POST' })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    await expect(res.json()).rejects.toThrow(SyntaxError)
    expect(await couponStatus()).toBe('active')
  })

  it('wrong-content-type: 200 text/html', async () => {
    await addFault({ path: '/points/', fault: { kind: 'wrong-content-type' } })
    const res = await api(POINTS)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    expect(await res.text()).toContain('<html>')
  })

  it('reset: the socket dies before handling (client error), no state change, still logged', async () => {
    await addFault({ method: 'POST', path: '/validate/', fault: { kind: 'reset' } })
    await expect(api(VALIDATE, { method: 'POST' })).rejects.toThrow(TypeError)
    expect(await couponStatus()).toBe('active')
    const log = (await (await fetch(`${sandbox.url}/_sandbox/requests`)).json()) as {
      requests: LoggedRequest[]
    }
    expect(log.requests.filter((r) => r.path === VALIDATE)).toHaveLength(1)
  })

  it('hang: no answer within the client timeout, no state change', async () => {
    await addFault({ path: '/validate/', fault: { kind: 'hang' } })
    await expect(
      api(VALIDATE, { method: 'POST', signal: AbortSignal.timeout(300) }),
    ).rejects.toThrow(/timeout|abort/i)
    expect(await couponStatus()).toBe('active')
  })

  it('commit-then-drop: the client gets a socket error, yet the coupon is used', async () => {
    await addFault({ path: '/validate/', fault: { kind: 'commit-then-drop' } })
    await expect(api(VALIDATE, { method: 'POST' })).rejects.toThrow(TypeError)
    expect(await couponStatus()).toBe('used')
    // The retry a cautious client makes lands on the committed state.
    const retry = await api(VALIDATE, { method: 'POST' })
    expect(retry.status).toBe(409)
    expect(ProblemSchema.parse(await retry.json()).detail).toBe('Cupom já Used')
  })

  it('commit-then-delay: commits at once, answers after the delay', async () => {
    await addFault({ path: '/validate/', fault: { kind: 'commit-then-delay', ms: 300 } })
    const started = performance.now()
    const pending = api(VALIDATE, { method: 'POST' })
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(sandbox.ctx.db.coupons.byId(coupon.id)?.status).toBe('used')
    const res = await pending
    expect(performance.now() - started).toBeGreaterThanOrEqual(290)
    expect(singleOf(ValidateResponseSchema).parse(await res.json()).status).toBe('validated')
  })

  it('truncated-body: full Content-Length, half the bytes, then the socket closes', async () => {
    await addFault({ path: '/validate/', fault: { kind: 'truncated-body' } })
    const res = await api(VALIDATE, { method: 'POST' })
    expect(res.status).toBe(200)
    const declared = Number(res.headers.get('content-length'))
    expect(declared).toBeGreaterThan(100)
    await expect(res.text()).rejects.toThrow()
    expect(await couponStatus()).toBe('used')

    // node:http shows exactly how much arrived.
    await addFault({ path: '/points/', fault: { kind: 'truncated-body' } })
    const received = await new Promise<{ length: number; declared: number; error: boolean }>(
      (resolve, reject) => {
        const req = httpRequest(`${sandbox.url}${POINTS}`, { headers: headers() }, (r) => {
          let length = 0
          const finish = (error: boolean) => {
            resolve({ length, declared: Number(r.headers['content-length']), error })
          }
          r.on('data', (chunk: Buffer) => {
            length += chunk.length
          })
          r.on('aborted', () => {
            finish(true)
          })
          r.on('error', () => {
            finish(true)
          })
          r.on('end', () => {
            finish(false)
          })
        })
        req.on('error', reject)
        req.end()
      },
    )
    expect(received.error).toBe(true)
    expect(received.length).toBe(Math.floor(received.declared / 2))
  })

  it('huge-body: 200 JSON of exactly the requested size (10 MB by default)', async () => {
    await addFault({ path: '/points/', fault: { kind: 'huge-body', bytes: 2_000_000 } })
    const res = await api(POINTS)
    const text = await res.text()
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    expect(Buffer.byteLength(text)).toBe(2_000_000)
    expect(() => JSON.parse(text) as unknown).not.toThrow()

    await addFault({ path: '/points/', fault: { kind: 'huge-body' } })
    const big = await api(POINTS)
    expect(Number(big.headers.get('content-length'))).toBe(10 * 1024 * 1024)
    expect((await big.arrayBuffer()).byteLength).toBe(10 * 1024 * 1024)
  })

  it('slow-drip: the real body, one byte every ms', async () => {
    await addFault({ path: '/points/', fault: { kind: 'slow-drip', ms: 2 } })
    const started = performance.now()
    const res = await api(POINTS)
    expect(res.status).toBe(200)
    const text = await res.text()
    const elapsed = performance.now() - started
    expect(singleOf(PointsBalanceSchema).parse(JSON.parse(text)).points_balance).toBe(1250)
    expect(elapsed).toBeGreaterThanOrEqual(Buffer.byteLength(text) * 2 * 0.8)
    expect(res.headers.get('x-ratelimit-limit')).toBe('3000')
  })

  it('faults match by method and regex path, and other requests pass untouched', async () => {
    await addFault({
      method: 'POST',
      path: '/\\/coupons\\/[^/]+\\/validate\\/$/',
      fault: { kind: 'reset' },
    })
    expect((await api(POINTS)).status).toBe(200)
    await expect(api(VALIDATE, { method: 'POST' })).rejects.toThrow(TypeError)
    const ok = await api(VALIDATE, { method: 'POST' })
    expect(singleOf(ValidateResponseSchema).parse(await ok.json()).coupon_code).toBe(coupon.code)
  })
})

/** The same faults in-process, as an injected fetch (`app.request`) would see them. */
describe('faults in-process (no socket)', () => {
  it('reset and commit-then-drop reject like fetch; only the latter commits', async () => {
    const sb = makeTestSandbox({ otpPolicy: 'trusted' })
    await sb.call('POST', '/_sandbox/faults', {
      key: null,
      body: { path: '/validate/', fault: { kind: 'reset' } },
    })
    await expect(sb.call('POST', VALIDATE)).rejects.toThrow(TypeError)
    expect(sb.ctx.db.coupons.byId(coupon.id)?.status).toBe('active')
    await sb.call('POST', '/_sandbox/faults', {
      key: null,
      body: { path: '/validate/', fault: { kind: 'commit-then-drop' } },
    })
    await expect(sb.call('POST', VALIDATE)).rejects.toThrow('fetch failed')
    expect(sb.ctx.db.coupons.byId(coupon.id)?.status).toBe('used')
    sb.close()
  })

  it('hang waits for the caller to give up; truncated-body fails while reading', async () => {
    const sb = makeTestSandbox({ otpPolicy: 'trusted' })
    await sb.call('POST', '/_sandbox/faults', {
      key: null,
      body: { path: '/validate/', fault: { kind: 'hang' } },
    })
    await expect(sb.call('POST', VALIDATE, { signal: AbortSignal.timeout(50) })).rejects.toThrow(
      TypeError,
    )
    expect(sb.ctx.db.coupons.byId(coupon.id)?.status).toBe('active')

    await sb.call('POST', '/_sandbox/faults', {
      key: null,
      body: { path: '/points/', fault: { kind: 'truncated-body' } },
    })
    const res = await sb.call('GET', POINTS)
    expect(res.status).toBe(200)
    await expect(res.text()).rejects.toThrow()
    sb.close()
  })
})
