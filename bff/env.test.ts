import { describe, expect, it } from 'vitest'
import { parseBffEnv } from './env'

const KEY = `zupy_pk_${'A1b2C3d4'.repeat(4)}`

function messageOf(env: Record<string, string | undefined>): string {
  try {
    parseBffEnv(env)
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  }
  throw new Error('expected parseBffEnv to throw')
}

describe('parseBffEnv', () => {
  it('defaults to sandbox mode on loopback port 3000 with a 10 s timeout', () => {
    const env = parseBffEnv({})
    expect(env).toEqual({
      port: 3000,
      host: '127.0.0.1',
      zupyApiUrl: 'https://api.zupy.com',
      timeoutMs: 10000,
      mode: 'sandbox',
      posPinIsDefault: true,
      sessionSecretIsRandom: true,
      sessionIdleMin: 15,
    })
    expect(env.zupyApiKey).toBeNull()
    expect(Object.isFrozen(env)).toBe(true)
  })

  it('uses the demo PIN 1234 in sandbox mode and a random session secret per parse', () => {
    const first = parseBffEnv({})
    const second = parseBffEnv({})
    expect(first.posPin).toBe('1234')
    expect(first.sessionSecret.length).toBeGreaterThanOrEqual(32)
    expect(first.sessionSecret).not.toBe(second.sessionSecret)
  })

  it('takes POS_PIN, POS_SESSION_SECRET and POS_SESSION_IDLE_MIN, none of them serialisable', () => {
    const secret = 's'.repeat(40)
    const env = parseBffEnv({
      POS_PIN: '90817263',
      POS_SESSION_SECRET: secret,
      POS_SESSION_IDLE_MIN: '5',
    })
    expect(env.posPin).toBe('90817263')
    expect(env.posPinIsDefault).toBe(false)
    expect(env.sessionSecret).toBe(secret)
    expect(env.sessionSecretIsRandom).toBe(false)
    expect(env.sessionIdleMin).toBe(5)
    const text = JSON.stringify(env)
    expect(text).not.toContain('90817263')
    expect(text).not.toContain(secret)
    expect(Object.keys(env)).not.toContain('posPin')
    expect(Object.keys(env)).not.toContain('sessionSecret')
  })

  it('refuses to start in live mode without POS_PIN, and says why', () => {
    const message = messageOf({ ZUPY_API_KEY: KEY })
    expect(message).toContain('- POS_PIN: required in live mode')
    expect(message).not.toContain(KEY)
    expect(parseBffEnv({ ZUPY_API_KEY: KEY, POS_PIN: '4321' }).mode).toBe('live')
  })

  it.each([
    ['POS_PIN', '987'],
    ['POS_PIN', '9876543210987'],
    ['POS_PIN', '98a7'],
    ['POS_PIN', ' 9876 5'],
    ['POS_SESSION_SECRET', 'short-secret'],
  ])('rejects %s=%j without echoing it', (name, value) => {
    const message = messageOf({ [name]: value })
    expect(message).toContain(`${name}: expected`)
    expect(message).not.toContain(value.trim())
  })

  it.each(['0', '721', 'ten'])('rejects POS_SESSION_IDLE_MIN=%j', (value) => {
    expect(messageOf({ POS_SESSION_IDLE_MIN: value })).toContain(
      'POS_SESSION_IDLE_MIN: expected an integer number of minutes 1-720',
    )
  })

  it('treats an empty or blank key as sandbox mode', () => {
    expect(parseBffEnv({ ZUPY_API_KEY: '' }).mode).toBe('sandbox')
    expect(parseBffEnv({ ZUPY_API_KEY: '   ' }).mode).toBe('sandbox')
  })

  it('switches to live mode with a well-formed key, which never serialises', () => {
    const env = parseBffEnv({
      ZUPY_API_KEY: KEY,
      POS_PIN: '4321',
      ZUPY_API_URL: 'http://127.0.0.1:4999/',
      PORT: '8080',
      HOST: 'localhost',
      ZUPY_TIMEOUT_MS: '500',
    })
    expect(env.mode).toBe('live')
    expect(env.zupyApiKey).toBe(KEY)
    expect(env.zupyApiUrl).toBe('http://127.0.0.1:4999')
    expect(env.port).toBe(8080)
    expect(env.host).toBe('localhost')
    expect(env.timeoutMs).toBe(500)
    expect(JSON.stringify(env)).not.toContain(KEY)
    expect(Object.keys(env)).not.toContain('zupyApiKey')
  })

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '-1'],
    ['PORT', '3000.5'],
    ['HOST', 'bad host'],
    ['ZUPY_API_URL', 'ftp://api.zupy.com'],
    ['ZUPY_API_URL', 'https://api.zupy.com/api/v2'],
    ['ZUPY_API_URL', 'https://user:pw@api.zupy.com'],
    ['ZUPY_API_URL', 'https://api.zupy.com?x=1'],
    ['ZUPY_API_URL', 'not a url'],
    ['ZUPY_TIMEOUT_MS', '99'],
    ['ZUPY_TIMEOUT_MS', '60001'],
    ['ZUPY_TIMEOUT_MS', 'soon'],
  ])('rejects %s=%j and says what it expects', (name, value) => {
    const message = messageOf({ [name]: value })
    expect(message).toContain(`${name}: expected`)
  })

  it('lists every bad variable at once', () => {
    const message = messageOf({
      PORT: 'x',
      ZUPY_TIMEOUT_MS: '1',
      ZUPY_API_URL: 'nope',
      ZUPY_API_KEY: 'zupy_pk_short',
    })
    for (const name of ['PORT', 'ZUPY_TIMEOUT_MS', 'ZUPY_API_URL', 'ZUPY_API_KEY'])
      expect(message).toContain(`- ${name}:`)
  })

  it.each([
    'zupy_pk_short',
    `zupy_sk_${'a'.repeat(32)}`,
    `${KEY}x`,
    `zupy_pk_${'a'.repeat(31)}!`,
    `Bearer ${KEY}`,
  ])('rejects the malformed key %# without echoing it', (key) => {
    const message = messageOf({ ZUPY_API_KEY: key })
    expect(message).toContain('ZUPY_API_KEY: expected')
    expect(message).not.toContain(key)
    expect(message).not.toContain(key.slice(8, 20))
  })
})
