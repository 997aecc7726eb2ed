import { describe, expect, it } from 'vitest'
import { setupSignedIn } from '../testing/app'

describe('GET /api/pos/health', () => {
  it('reports health with a cached upstream probe', async () => {
    const { call, upstream } = await setupSignedIn()
    upstream.next = {
      kind: 'failure',
      reason: 'server-error',
      answered: true,
      status: 500,
      durationMs: 7,
    }
    const first = await call('/api/pos/health')
    expect(first.status).toBe(200)
    expect(await first.json()).toEqual({
      status: 'ok',
      mode: 'sandbox',
      upstream: { reachable: true, latency_ms: 7 },
      shared_state: 'in-process',
    })
    await call('/api/pos/health')
    expect(upstream.calls).toHaveLength(1)
    expect(upstream.calls[0]).toMatchObject({
      method: 'GET',
      target: '/api/v2/rewards/?page_size=1',
      timeoutMs: 2000,
    })
  })

  it('reports an unreachable upstream', async () => {
    const { call, upstream } = await setupSignedIn()
    upstream.next = {
      kind: 'failure',
      reason: 'unreachable',
      answered: false,
      status: null,
      durationMs: 1,
    }
    const response = await call('/api/pos/health')
    expect(await response.json()).toMatchObject({
      upstream: { reachable: false, latency_ms: null },
    })
  })
})
