import { describe, expect, it } from 'vitest'
import { ID, VALIDATE, setupSignedIn } from '../testing/app'

/** The request log line and the crash answer (request-log.ts). */

describe('logging', () => {
  it('logs the route template, never the raw path, query values or body', async () => {
    const { call, logs } = await setupSignedIn()
    await call(`/api/v2/customers/?email=${encodeURIComponent('maria@example.com')}`)
    await call(VALIDATE, { method: 'POST' })
    await call('/api/v2/auth/verify-otp/', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-otp-session': 'secret-session-value' },
      body: '{"identifier":"+5511987654321","otp_code":"654321"}',
    })
    const records = logs()
    expect(records.map((r) => r.route)).toEqual([
      '/api/v2/customers/',
      '/api/v2/customers/:id/coupons/:couponRef/validate/',
      '/api/v2/auth/verify-otp/',
    ])
    const text = JSON.stringify(records)
    for (const secret of [
      'maria',
      ID,
      'CZ-7K3M9P2Q',
      '7k3m9p2q',
      '5511987654321',
      '654321',
      'secret-session-value',
    ])
      expect(text).not.toContain(secret)
    expect(records[0]).toEqual({
      service: 'zupy-pos-bff',
      time: expect.any(String) as unknown,
      level: 'info',
      msg: 'request',
      request_id: expect.any(String) as unknown,
      method: 'GET',
      route: '/api/v2/customers/',
      status: 200,
      duration_ms: expect.any(Number) as unknown,
      upstream_ms: 3,
      session_hash: expect.stringMatching(/^[A-Za-z0-9_-]{16}$/) as unknown,
    })
  })

  it('answers 500 internal-error without a stack when something throws, and logs it', async () => {
    const { call, upstream, logs } = await setupSignedIn()
    upstream.send = () => Promise.reject(new Error('boom at /secret/place'))
    const response = await call('/api/v2/rewards/')
    expect(response.status).toBe(500)
    const text = await response.text()
    expect(text).not.toContain('boom')
    expect(text).not.toContain(' at ')
    expect(JSON.parse(text)).toMatchObject({
      type: 'https://docs.zupy.com/errors#internal-error',
      status: 500,
    })
    expect(logs().map((r) => [r.level, r.msg])).toEqual([
      ['error', 'unhandled error'],
      ['info', 'request'],
    ])
    expect(JSON.stringify(logs())).not.toContain('boom')
  })
})
