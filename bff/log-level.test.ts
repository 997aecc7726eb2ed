import { describe, expect, it } from 'vitest'
import { createBffApp } from './app'
import type { BffLogLevel } from './logger'
import { captureLogger, inProcessClient, IN_PROCESS_SAME_ORIGIN, testEnv } from './testing/http'
import type { Upstream } from './upstream'

/**
 * LOG_LEVEL (issue 10): per-request lines are info, whatever the status, so a store that sets
 * `warn` sees only the lines that need someone: lockouts, blocked code lookups, partner API
 * failures, crashes.
 */

/** Answers 502 (the partner API sent garbage) on every call. */
const brokenUpstream: Upstream = {
  send: () =>
    Promise.resolve({
      kind: 'failure',
      reason: 'malformed-json',
      answered: true,
      status: 200,
      durationMs: 2,
    }),
  close: () => Promise.resolve(),
}

/** 200, 401, 404 and 502 answers, then five wrong PINs; returns the statuses and the log. */
async function run(level: BffLogLevel) {
  const logs = captureLogger([], level)
  const app = createBffApp({ env: testEnv(), upstream: brokenUpstream, logger: logs.logger })
  const statuses = [
    (await app.request('/api/pos/health')).status,
    (await app.request('/api/v2/rewards/')).status,
  ]
  const { request } = await inProcessClient(app)
  statuses.push(
    (await request('/api/v2/nowhere/')).status,
    (await request('/api/v2/rewards/')).status,
  )
  for (let i = 0; i < 5; i++) {
    const response = await app.request('/api/pos/session', {
      method: 'POST',
      headers: IN_PROCESS_SAME_ORIGIN,
      body: JSON.stringify({ pin: '0000' }),
    })
    statuses.push(response.status)
  }
  return { statuses, records: logs.records() }
}

describe('LOG_LEVEL', () => {
  it('at info: one request line per request, every one at info, and the lockout warning', async () => {
    const { statuses, records } = await run('info')
    expect(statuses).toEqual([200, 401, 404, 502, 401, 401, 401, 401, 429])
    const requests = records.filter((r) => r.msg === 'request')
    expect(requests.map((r) => [r.status, r.level])).toEqual(
      [200, 401, 204, 404, 502, 401, 401, 401, 401, 429].map((status) => [status, 'info']),
    )
    expect(records.filter((r) => r.level === 'warn').map((r) => r.msg)).toEqual([
      'partner API call failed',
      'sign-in locked: too many wrong PINs',
    ])
  })

  it('at warn: no request line for 200, 401, 404 or 502, but the partner failure and the lockout', async () => {
    const { statuses, records } = await run('warn')
    expect(statuses).toEqual([200, 401, 404, 502, 401, 401, 401, 401, 429])
    expect(records).toEqual([
      expect.objectContaining({
        level: 'warn',
        msg: 'partner API call failed',
        route: '/api/v2/rewards/',
        failure: 'malformed-json',
        upstream_ms: 2,
      }),
      expect.objectContaining({
        level: 'warn',
        msg: 'sign-in locked: too many wrong PINs',
        client_hash: expect.stringMatching(/^[\w-]{16}$/) as unknown,
      }),
    ])
  })

  it('at error: not even the lockout warning; at silent: nothing', async () => {
    expect((await run('error')).records).toEqual([])
    expect((await run('silent')).records).toEqual([])
  })
})
