import { describe, expect, it } from 'vitest'
import { createBffLogger, hashedId, maskEmail, maskPhone, scrubText } from './logger'
import { captureLogger } from './testing/http'

const KEY = `zupy_pk_${'L0gS4f3x'.repeat(4)}`
const PIN = '90817263'
const SECRET = 'the-session-secret-nobody-may-read-0001'
const TOKEN = `v1.${'a'.repeat(22)}.1774425600000.1774425600000.${'b'.repeat(43)}`

describe('masks', () => {
  it.each([
    ['+5511987654321', '+55 11 •••••-4321'],
    ['+55 11 98765-4321', '+55 11 •••••-4321'],
    ['+55 (21) 3456-7890', '+55 21 •••••-7890'],
    ['(11) 98765-4321', '(11) •••••-4321'],
    ['11987654321', '(11) •••••-4321'],
    ['+14155550123', '+••• •••••-0123'],
  ])('phone %s → %s', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked)
  })

  it.each([
    ['maria.santos@example.com', 'm•••@example.com'],
    ['x@a.co', 'x•••@a.co'],
    ['Joao+pos@mail.example.com.br', 'J•••@mail.example.com.br'],
  ])('e-mail %s → %s', (email, masked) => {
    expect(maskEmail(email)).toBe(masked)
  })

  it('scrubs secrets, keys, tokens, phones and e-mails inside free text', () => {
    const text = `key ${KEY} pin ${PIN} token ${TOKEN} ${SECRET} call +5511987654321 or mail maria@example.com`
    const scrubbed = scrubText(text, [PIN, SECRET])
    for (const secret of [KEY, PIN, TOKEN, SECRET, '987654321', 'maria@'])
      expect(scrubbed).not.toContain(secret)
    expect(scrubbed).toContain('+55 11 •••••-4321')
    expect(scrubbed).toContain('m•••@example.com')
  })

  it('leaves times, durations and route templates alone', () => {
    const text =
      '2026-03-25T14:30:00.123Z took 1234 ms on /api/v2/customers/:id/ from 127.0.0.1:3000'
    expect(scrubText(text)).toBe(text)
  })
})

describe('the pino logger', () => {
  it('writes one JSON line per call with level, time, service and message', () => {
    const capture = captureLogger()
    capture.logger.info({ request_id: 'r1', status: 200 }, 'request')
    capture.logger.warn('careful')
    expect(capture.records()).toEqual([
      {
        level: 'info',
        time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) as unknown,
        service: 'zupy-pos-bff',
        request_id: 'r1',
        status: 200,
        msg: 'request',
      },
      {
        level: 'warn',
        time: expect.any(String) as unknown,
        service: 'zupy-pos-bff',
        msg: 'careful',
      },
    ])
  })

  it('writes info and above by default, and only what the level lets through', () => {
    const lines: string[] = []
    const destination = { write: (line: string) => void lines.push(line) }
    const byDefault = createBffLogger({ destination })
    byDefault.debug('hidden')
    byDefault.info('shown')
    const atWarn = createBffLogger({ destination, level: 'warn' })
    atWarn.info('hidden')
    atWarn.warn('shown')
    expect(lines.map((line) => (JSON.parse(line) as { msg: string }).msg)).toEqual([
      'shown',
      'shown',
    ])
  })

  it('never writes the key, a PIN, an OTP, an OTP session, a cookie or a token', () => {
    const { logger, lines } = captureLogger([KEY, PIN, SECRET])
    logger.info(
      {
        pin: '4455',
        otp_code: '654321',
        otp_session: 'otp-session-abcdef',
        headers: {
          cookie: `zupy_pos_session=${TOKEN}`,
          'x-api-key': KEY,
          authorization: 'Bearer abc.def',
          'x-otp-session': 'otp-session-abcdef',
        },
        nested: { deeper: { note: `the key is ${KEY} and the pin ${PIN}` } },
        list: [TOKEN, SECRET],
        token: TOKEN,
      },
      `message with ${KEY}`,
    )
    const text = lines.join('\n')
    for (const secret of [
      KEY,
      KEY.slice(8),
      PIN,
      '4455',
      '654321',
      'otp-session-abcdef',
      TOKEN,
      TOKEN.slice(3, 25),
      'abc.def',
      SECRET,
    ])
      expect(text).not.toContain(secret)
    expect(text).toContain('[redacted]')
  })

  it('masks phones and e-mails wherever they turn up', () => {
    const { logger, lines } = captureLogger()
    logger.info(
      { identifier: '+5511987654321', customer: { email: 'maria.santos@example.com' } },
      'OTP requested for +55 11 98765-4321',
    )
    const text = lines.join('\n')
    expect(text).not.toContain('98765')
    expect(text).not.toContain('987654321')
    expect(text).not.toContain('maria.santos')
    expect(text).toContain('+55 11 •••••-4321')
    expect(text).toContain('m•••@example.com')
  })
})

describe('hashed ids', () => {
  it('are stable per secret, short, and do not reveal the input', () => {
    const first = hashedId('203.0.113.9', SECRET)
    expect(first).toBe(hashedId('203.0.113.9', SECRET))
    expect(first).not.toBe(hashedId('203.0.113.9', `${SECRET}x`))
    expect(first).not.toBe(hashedId('203.0.113.10', SECRET))
    expect(first).toMatch(/^[A-Za-z0-9_-]{16}$/)
    expect(first).not.toContain('203')
  })
})
