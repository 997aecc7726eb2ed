import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { CouponSchema } from '../contract/coupons'
import { PointsBalanceSchema } from '../contract/customers'
import { listOf, singleOf } from '../contract/envelope'
import { ProblemSchema } from '../contract/problem'
import { RedeemResponseSchema } from '../contract/rewards'
import { defaultSandboxConfig } from './config'
import { SEED } from './seed'
import { startSandbox } from './server'

const { maria } = SEED.customers
const quiet = { log: () => undefined }

describe('startSandbox', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zupy-sandbox-'))
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true })
  })

  it('listens on 127.0.0.1 with the real port when asked for port 0', async () => {
    const sandbox = await startSandbox(defaultSandboxConfig({ port: 0 }), quiet)
    try {
      expect(sandbox.port).toBeGreaterThan(0)
      expect(sandbox.url).toBe(`http://127.0.0.1:${sandbox.port}`)
      expect(sandbox.config.port).toBe(sandbox.port)
      const res = await fetch(`${sandbox.url}/api/v2/customers/${maria.id}/points/`, {
        headers: { 'X-API-Key': sandbox.config.apiKey },
      })
      expect(singleOf(PointsBalanceSchema).parse(await res.json()).points_balance).toBe(1250)
    } finally {
      await sandbox.close()
    }
  })

  it('rejects when the port is taken', async () => {
    const first = await startSandbox(defaultSandboxConfig({ port: 0 }), quiet)
    try {
      await expect(startSandbox(defaultSandboxConfig({ port: first.port }), quiet)).rejects.toThrow(
        /EADDRINUSE/,
      )
    } finally {
      await first.close()
    }
  })

  it('close() finishes while a hang fault holds a socket open', async () => {
    const sandbox = await startSandbox(defaultSandboxConfig({ port: 0 }), quiet)
    await fetch(`${sandbox.url}/_sandbox/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ fault: { kind: 'hang' } }),
    })
    const hung = fetch(`${sandbox.url}/api/v2/rewards/`, {
      headers: { 'X-API-Key': sandbox.config.apiKey },
    })
    const outcome = hung.then(
      () => 'answered',
      () => 'failed',
    )
    await new Promise((resolve) => setTimeout(resolve, 100))
    const started = performance.now()
    await sandbox.close()
    expect(performance.now() - started).toBeLessThan(1000)
    expect(await outcome).toBe('failed')
    await expect(fetch(`${sandbox.url}/_sandbox/settings`)).rejects.toThrow()
  })

  it('close() also ends slow drips and delayed answers', async () => {
    const sandbox = await startSandbox(defaultSandboxConfig({ port: 0 }), quiet)
    for (const fault of [
      { kind: 'commit-then-delay', ms: 60_000 },
      { kind: 'slow-drip', ms: 1000 },
    ]) {
      await fetch(`${sandbox.url}/_sandbox/faults`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ path: '/rewards/', fault }),
      })
    }
    const key = { 'X-API-Key': sandbox.config.apiKey }
    const pending = [
      fetch(`${sandbox.url}/api/v2/rewards/`, { headers: key }).then((r) => r.text()),
      fetch(`${sandbox.url}/api/v2/rewards/`, { headers: key }).then((r) => r.text()),
    ].map((p) => p.catch(() => 'failed'))
    await new Promise((resolve) => setTimeout(resolve, 100))
    const started = performance.now()
    await sandbox.close()
    expect(performance.now() - started).toBeLessThan(1000)
    expect(await Promise.all(pending)).toContain('failed')
  })

  it('a file database keeps its state across restarts; reset re-seeds it', async () => {
    const dbPath = join(dir, 'sandbox.db')
    const config = defaultSandboxConfig({ port: 0, dbPath, otpPolicy: 'trusted' })
    const headers = { 'X-API-Key': config.apiKey }

    const first = await startSandbox(config, quiet)
    const redeemed = await fetch(
      `${first.url}/api/v2/customers/${maria.id}/rewards/${SEED.rewards.cafe.id}/redeem/`,
      { method: 'POST', headers },
    )
    const { coupon_code: code } = singleOf(RedeemResponseSchema).parse(await redeemed.json())
    await first.close()

    const second = await startSandbox(config, quiet)
    try {
      const points = await fetch(`${second.url}/api/v2/customers/${maria.id}/points/`, { headers })
      expect(singleOf(PointsBalanceSchema).parse(await points.json()).points_balance).toBe(1150)
      const listed = await fetch(`${second.url}/api/v2/coupons/issued/?code=${code}`, { headers })
      expect(listOf(CouponSchema).parse(await listed.json()).items).toHaveLength(1)
      await fetch(`${second.url}/_sandbox/reset`, { method: 'POST' })
      const after = await fetch(`${second.url}/api/v2/customers/${maria.id}/points/`, { headers })
      expect(singleOf(PointsBalanceSchema).parse(await after.json()).points_balance).toBe(1250)
    } finally {
      await second.close()
    }
  })
})

describe('concurrency', () => {
  it('50 parallel validates of one single-use coupon over HTTP: exactly one 200, 49 × 409', async () => {
    const sandbox = await startSandbox(
      defaultSandboxConfig({ port: 0, otpPolicy: 'trusted' }),
      quiet,
    )
    try {
      const created = await fetch(`${sandbox.url}/_sandbox/coupons`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({}),
      })
      const coupon = CouponSchema.parse(await created.json())
      const url = `${sandbox.url}/api/v2/customers/${maria.id}/coupons/${coupon.coupon_code}/validate/`
      const results = await Promise.all(
        Array.from({ length: 50 }, async () => {
          const res = await fetch(url, {
            method: 'POST',
            headers: { 'X-API-Key': sandbox.config.apiKey },
          })
          return { status: res.status, body: (await res.json()) as unknown }
        }),
      )
      const statuses = results.map((r) => r.status)
      expect(statuses.filter((s) => s === 200)).toHaveLength(1)
      expect(statuses.filter((s) => s === 409)).toHaveLength(49)
      for (const r of results.filter((x) => x.status === 409)) {
        expect(ProblemSchema.parse(r.body).detail).toBe('Cupom já Used')
      }
      expect(sandbox.ctx.db.coupons.byId(coupon.id)).toMatchObject({
        status: 'used',
        remaining_usages: 0,
      })
    } finally {
      await sandbox.close()
    }
  })
})
