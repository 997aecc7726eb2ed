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
    })
    expect(env.zupyApiKey).toBeNull()
    expect(Object.isFrozen(env)).toBe(true)
  })

  it('treats an empty or blank key as sandbox mode', () => {
    expect(parseBffEnv({ ZUPY_API_KEY: '' }).mode).toBe('sandbox')
    expect(parseBffEnv({ ZUPY_API_KEY: '   ' }).mode).toBe('sandbox')
  })

  it('switches to live mode with a well-formed key, which never serialises', () => {
    const env = parseBffEnv({
      ZUPY_API_KEY: KEY,
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
