import { describe, expect, it } from 'vitest'
import { DEFAULT_SANDBOX_API_KEY, parseSandboxEnv } from './config'

describe('parseSandboxEnv', () => {
  it('defaults: demo key, no limit, relaxed OTP, root shape, port 4010, in-memory', () => {
    expect(parseSandboxEnv({})).toEqual({
      apiKey: DEFAULT_SANDBOX_API_KEY,
      rateLimitPerMinute: null,
      otpPolicy: 'relaxed',
      shape: 'root',
      port: 4010,
      dbPath: null,
    })
    expect(DEFAULT_SANDBOX_API_KEY).toMatch(/^zupy_pk_[A-Za-z0-9]{32}$/)
  })

  it('reads every variable', () => {
    const key = `zupy_pk_${'A1'.repeat(16)}`
    expect(
      parseSandboxEnv({
        ZUPY_SANDBOX_API_KEY: key,
        ZUPY_SANDBOX_RATE_LIMIT: '60',
        ZUPY_SANDBOX_OTP_POLICY: 'strict',
        ZUPY_SANDBOX_SHAPE: 'envelope',
        ZUPY_SANDBOX_PORT: '0',
        ZUPY_SANDBOX_DB: '/tmp/sandbox.db',
      }),
    ).toEqual({
      apiKey: key,
      rateLimitPerMinute: 60,
      otpPolicy: 'strict',
      shape: 'envelope',
      port: 0,
      dbPath: '/tmp/sandbox.db',
    })
  })

  it('treats empty strings as unset', () => {
    expect(
      parseSandboxEnv({
        ZUPY_SANDBOX_API_KEY: '',
        ZUPY_SANDBOX_RATE_LIMIT: '',
        ZUPY_SANDBOX_OTP_POLICY: '',
        ZUPY_SANDBOX_SHAPE: '',
        ZUPY_SANDBOX_PORT: '',
        ZUPY_SANDBOX_DB: '',
      }),
    ).toEqual(parseSandboxEnv({}))
  })

  it('names every bad variable in one error, without echoing the key', () => {
    let message = ''
    try {
      parseSandboxEnv({
        ZUPY_SANDBOX_API_KEY: 'zupy_sk_secretsecret',
        ZUPY_SANDBOX_RATE_LIMIT: '0',
        ZUPY_SANDBOX_OTP_POLICY: 'lax',
        ZUPY_SANDBOX_SHAPE: 'flat',
        ZUPY_SANDBOX_PORT: '70000',
      })
    } catch (error) {
      message = (error as Error).message
    }
    for (const name of [
      'ZUPY_SANDBOX_API_KEY',
      'ZUPY_SANDBOX_RATE_LIMIT',
      'ZUPY_SANDBOX_OTP_POLICY',
      'ZUPY_SANDBOX_SHAPE',
      'ZUPY_SANDBOX_PORT',
    ]) {
      expect(message).toContain(name)
    }
    expect(message).toContain('strict, relaxed, trusted')
    expect(message).toContain('root or envelope')
    expect(message).not.toContain('secretsecret')
  })

  it.each(['-1', '1.5', 'abc', '65536'])('rejects port %j', (port) => {
    expect(() => parseSandboxEnv({ ZUPY_SANDBOX_PORT: port })).toThrow(/ZUPY_SANDBOX_PORT/)
  })

  it.each(['-5', '2.5', 'ten'])('rejects rate limit %j', (limit) => {
    expect(() => parseSandboxEnv({ ZUPY_SANDBOX_RATE_LIMIT: limit })).toThrow(
      /ZUPY_SANDBOX_RATE_LIMIT/,
    )
  })
})
