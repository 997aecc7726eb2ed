import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hostname } from 'node:os'
import { defaultTillName, parseBffEnv } from './env'
import { makeTestCertificate, type TestCertificate } from './testing/tls-cert'

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
      tls: null,
      trustProxy: [],
      logLevel: 'info',
      journalDb: null,
      journalDays: 90,
      tillName: defaultTillName(hostname()),
      timeZone: 'America/Sao_Paulo',
      redisPrefix: 'zupy-pos:',
    })
    expect(env.zupyApiKey).toBeNull()
    expect(env.redisUrl).toBeNull()
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

describe('TRUST_PROXY', () => {
  it.each([undefined, '', '  ', 'false', 'FALSE'])('%j trusts no proxy', (value) => {
    expect(parseBffEnv({ TRUST_PROXY: value }).trustProxy).toEqual([])
  })

  it('takes loopback and lists of addresses and CIDR ranges, canonical and frozen', () => {
    expect(parseBffEnv({ TRUST_PROXY: 'loopback' }).trustProxy).toEqual(['127.0.0.0/8', '::1/128'])
    const env = parseBffEnv({ TRUST_PROXY: '10.0.0.2, 192.168.0.0/16,FD00::/8' })
    expect(env.trustProxy).toEqual(['10.0.0.2/32', '192.168.0.0/16', 'fd00::/8'])
    expect(Object.isFrozen(env.trustProxy)).toBe(true)
  })

  it.each(['true', '*', '0.0.0.0/0', '::/0'])(
    'refuses %j: it would trust every client',
    (value) => {
      expect(messageOf({ TRUST_PROXY: value })).toContain(
        '- TRUST_PROXY: trusting every address is not supported (any client could then choose its own address); expected false (the default), loopback, or a comma-separated list',
      )
    },
  )

  it.each(['yes', '10.0.0.300', '10.0.0.1;10.0.0.2', '10.0.0.0/40', 'localhost'])(
    'refuses %j, says what it expects and which entry is wrong',
    (value) => {
      expect(messageOf({ TRUST_PROXY: value })).toBe(
        'Invalid BFF environment:\n- TRUST_PROXY: expected false (the default), loopback, or a ' +
          'comma-separated list of the proxy addresses or CIDR ranges, e.g. ' +
          '127.0.0.1,10.0.0.0/8,fd00::/8 (entry 1 of 1 is neither)',
      )
    },
  )

  it('reports a bad TRUST_PROXY together with the other bad variables', () => {
    const message = messageOf({ PORT: 'x', TRUST_PROXY: 'loopback,nope', LOG_LEVEL: 'loud' })
    expect(message).toContain('- PORT: expected')
    expect(message).toContain('(entry 2 of 2 is neither)')
    expect(message).toContain('- LOG_LEVEL: expected')
  })
})

describe('LOG_LEVEL', () => {
  it.each([
    [undefined, 'info'],
    ['', 'info'],
    ['warn', 'warn'],
    [' WARN ', 'warn'],
    ['debug', 'debug'],
    ['silent', 'silent'],
    ['fatal', 'fatal'],
  ])('%j → %s', (value, level) => {
    expect(parseBffEnv({ LOG_LEVEL: value }).logLevel).toBe(level)
  })

  it.each(['verbose', 'warning', '30', 'info,debug'])(
    'refuses %j and lists the levels',
    (value) => {
      expect(messageOf({ LOG_LEVEL: value })).toBe(
        'Invalid BFF environment:\n- LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent (default info)',
      )
    },
  )
})

describe('TLS_CERT_FILE and TLS_KEY_FILE', () => {
  let pair: TestCertificate
  let other: TestCertificate
  beforeAll(() => {
    pair = makeTestCertificate('pos.test')
    other = makeTestCertificate('other.test')
  })
  afterAll(() => {
    pair.remove()
    other.remove()
  })

  it('reads both files once: the certificate and a key that never serialises', () => {
    const env = parseBffEnv({ TLS_CERT_FILE: pair.certFile, TLS_KEY_FILE: pair.keyFile })
    expect(env.tls).not.toBeNull()
    expect(env.tls?.cert).toBe(pair.cert)
    expect(env.tls?.key).toBe(pair.key)
    expect(env.tls?.certFile).toBe(pair.certFile)
    expect(env.tls?.certificate.subjectAltName).toContain('DNS:pos.test')
    const keyBody = pair.key.split('\n')[1] ?? ''
    expect(keyBody.length).toBeGreaterThan(16)
    expect(JSON.stringify(env)).not.toContain(keyBody)
    expect(Object.keys(env.tls ?? {})).not.toContain('key')
  })

  it('treats blank paths as unset: plain HTTP', () => {
    expect(parseBffEnv({ TLS_CERT_FILE: ' ', TLS_KEY_FILE: '' }).tls).toBeNull()
  })

  it.each([
    ['TLS_CERT_FILE', 'TLS_KEY_FILE'],
    ['TLS_KEY_FILE', 'TLS_CERT_FILE'],
  ])('refuses %s without %s, naming the missing one', (given, missing) => {
    const message = messageOf({ [given]: given === 'TLS_CERT_FILE' ? pair.certFile : pair.keyFile })
    expect(message).toContain(`- ${missing}: required when ${given} is set`)
    expect(message).not.toContain(`- ${given}:`)
  })

  it('names the variable and the path of a file it cannot read', () => {
    const missing = join(pair.dir, 'nope.pem')
    const message = messageOf({ TLS_CERT_FILE: missing, TLS_KEY_FILE: pair.keyFile })
    expect(message).toContain(`- TLS_CERT_FILE: cannot read ${missing} (ENOENT)`)
    expect(messageOf({ TLS_CERT_FILE: pair.certFile, TLS_KEY_FILE: pair.dir })).toContain(
      `- TLS_KEY_FILE: cannot read ${pair.dir} (EISDIR)`,
    )
  })

  it('refuses files that are not PEM, without printing what they hold', () => {
    const junk = join(pair.dir, 'junk.txt')
    writeFileSync(junk, 'hunter2-not-a-certificate')
    const message = messageOf({ TLS_CERT_FILE: junk, TLS_KEY_FILE: junk })
    expect(message).toContain(`- TLS_CERT_FILE: ${junk} is not a PEM certificate`)
    expect(message).toContain(`- TLS_KEY_FILE: ${junk} is not a PEM private key`)
    expect(message).not.toContain('hunter2')
    // Swapped files: the key where the certificate belongs and the reverse.
    const swapped = messageOf({ TLS_CERT_FILE: pair.keyFile, TLS_KEY_FILE: pair.certFile })
    expect(swapped).toContain('- TLS_CERT_FILE:')
    expect(swapped).toContain('- TLS_KEY_FILE:')
    expect(swapped).not.toContain(pair.key.split('\n')[1] ?? '')
  })

  it('refuses a key that belongs to another certificate', () => {
    const message = messageOf({ TLS_CERT_FILE: pair.certFile, TLS_KEY_FILE: other.keyFile })
    expect(message).toContain(
      `- TLS_KEY_FILE: ${other.keyFile} is not the private key of the certificate in ${pair.certFile}`,
    )
  })

  it('reports a TLS problem together with the other bad variables', () => {
    const message = messageOf({ PORT: 'x', TLS_CERT_FILE: pair.certFile })
    expect(message).toContain('- PORT: expected')
    expect(message).toContain('- TLS_KEY_FILE: required when TLS_CERT_FILE is set')
  })
})

describe('the till journal variables', () => {
  it('takes POS_JOURNAL_DB, POS_JOURNAL_DAYS, POS_TILL_NAME and POS_TIME_ZONE', () => {
    const env = parseBffEnv({
      POS_JOURNAL_DB: '/var/lib/zupy-pos/journal.db',
      POS_JOURNAL_DAYS: '365',
      POS_TILL_NAME: '  Caixa 2 – balcão  ',
      POS_TIME_ZONE: 'america/manaus',
    })
    expect(env.journalDb).toBe('/var/lib/zupy-pos/journal.db')
    expect(env.journalDays).toBe(365)
    expect(env.tillName).toBe('Caixa 2 – balcão')
    // Intl's canonical spelling, so the summary's time_zone reads as the IANA name.
    expect(env.timeZone).toBe('America/Manaus')
  })

  it.each([
    ['POS_JOURNAL_DAYS', '0', 'expected an integer number of days 1-3650 (default 90)'],
    ['POS_JOURNAL_DAYS', '3651', 'expected an integer number of days 1-3650 (default 90)'],
    ['POS_TILL_NAME', 'x'.repeat(41), 'expected 1-40 printable characters (default the host name)'],
    ['POS_TILL_NAME', 'Caixa\u00071', 'expected 1-40 printable characters (default the host name)'],
    [
      'POS_TIME_ZONE',
      'Mars/Olympus_Mons',
      'expected an IANA time zone such as America/Sao_Paulo (default America/Sao_Paulo)',
    ],
    ['POS_JOURNAL_DB', 'bad\0path', 'expected a file path'],
  ])('refuses %s=%j, naming it', (name, value, expects) => {
    expect(messageOf({ [name]: value })).toBe(`Invalid BFF environment:\n- ${name}: ${expects}`)
  })

  it('makes a till name of any host name: printable, at most 40 characters', () => {
    expect(defaultTillName('pos-01.loja.local')).toBe('pos-01.loja.local')
    expect(defaultTillName('a'.repeat(70))).toBe('a'.repeat(40))
    expect(defaultTillName('')).toBe('till')
  })
})

describe('REDIS_URL and REDIS_PREFIX', () => {
  it('takes a redis:// or rediss:// URL, which never serialises (it may hold a password)', () => {
    const env = parseBffEnv({
      REDIS_URL: 'rediss://:s3cret-pass@redis.example:6380/2',
      REDIS_PREFIX: 'loja-7:',
    })
    expect(env.redisUrl).toBe('rediss://:s3cret-pass@redis.example:6380/2')
    expect(env.redisPrefix).toBe('loja-7:')
    expect(JSON.stringify(env)).not.toContain('s3cret-pass')
    expect(parseBffEnv({ REDIS_URL: 'redis://127.0.0.1:6379' }).redisUrl).toBe(
      'redis://127.0.0.1:6379',
    )
  })

  it.each(['localhost:6379', 'http://127.0.0.1:6379', 'redis://', 'redis://h:port'])(
    'refuses REDIS_URL=%j, naming the variable and not the value',
    (value) => {
      const message = messageOf({ REDIS_URL: value })
      expect(message).toBe(
        'Invalid BFF environment:\n- REDIS_URL: expected a redis:// or rediss:// URL such as redis://127.0.0.1:6379 (value not shown)',
      )
    },
  )

  it('refuses a REDIS_PREFIX with spaces or other characters, naming it', () => {
    expect(messageOf({ REDIS_PREFIX: 'zupy pos' })).toBe(
      'Invalid BFF environment:\n- REDIS_PREFIX: expected 1-64 letters, digits or : _ . - (default zupy-pos:)',
    )
  })
})
