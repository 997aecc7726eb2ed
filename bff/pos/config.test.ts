import { describe, expect, it } from 'vitest'
import { createBffApp } from '../app'
import { fakeUpstream, setupSignedIn } from '../testing/app'
import { testEnv } from '../testing/http'

describe('GET /api/pos/config', () => {
  it('describes the mode and sandbox settings, nothing secret', async () => {
    const { call } = await setupSignedIn()
    const response = await call('/api/pos/config')
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(await response.json()).toEqual({
      mode: 'sandbox',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/) as unknown,
      pin_hint: '1234',
      till: 'Caixa 1',
      time_zone: 'America/Sao_Paulo',
      sandbox: { otp_policy: 'relaxed', shape: 'root' },
    })
  })

  it('omits the sandbox block and the PIN hint in live mode', async () => {
    const app = createBffApp({
      env: testEnv({ mode: 'live', posPin: '918273', posPinIsDefault: false }),
      upstream: fakeUpstream(),
    })
    const body = (await (await app.request('/api/pos/config')).json()) as Record<string, unknown>
    expect(body.mode).toBe('live')
    expect(body.pin_hint).toBeNull()
    expect(body).not.toHaveProperty('sandbox')
    expect(JSON.stringify(body)).not.toContain('918273')
  })

  it('gives no PIN hint in sandbox mode when POS_PIN is set', async () => {
    const app = createBffApp({
      env: testEnv({ posPin: '55667788', posPinIsDefault: false }),
      upstream: fakeUpstream(),
    })
    const body = (await (await app.request('/api/pos/config')).json()) as Record<string, unknown>
    expect(body.pin_hint).toBeNull()
  })
})
