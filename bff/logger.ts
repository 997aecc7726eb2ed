import { createHmac } from 'node:crypto'
import { pino, type DestinationStream, type Logger } from 'pino'

/**
 * The BFF's structured logs: pino, one JSON object per line. Two layers keep secrets out: pino's
 * `redact` for the field names that carry them, and a scrub of every value on its way out that
 * removes registered secrets (the key, the PIN, the session secret), anything shaped like a key or
 * a session token, and masks phone numbers and e-mail addresses, in case one ever gets logged.
 */

export type BffLogger = Logger

/** LOG_LEVEL's values, most to least severe; `silent` writes nothing. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

export type BffLogLevel = (typeof LOG_LEVELS)[number]

const CENSOR = '[redacted]'

/** Field names whose values are never logged, wherever they appear. */
const SECRET_FIELDS = new Set([
  'pin',
  'otp',
  'otp_code',
  'otpcode',
  'otp_session',
  'otpsession',
  'x-otp-session',
  'cookie',
  'set-cookie',
  'authorization',
  'proxy-authorization',
  'x-api-key',
  'apikey',
  'api_key',
  'zupyapikey',
  'token',
  'session_token',
  'sessionsecret',
  'secret',
  'password',
])

const REDACT_PATHS = [
  ...[...SECRET_FIELDS].map((name) => (/^[a-z_]+$/.test(name) ? name : `["${name}"]`)),
  'headers.cookie',
  'headers.authorization',
  'headers["x-api-key"]',
  'headers["x-otp-session"]',
  'headers["set-cookie"]',
  'req.headers.cookie',
  'req.headers.authorization',
]

const KEY_SHAPE = /zupy_[a-z]{2}_[A-Za-z0-9]{32}/g
const SESSION_TOKEN_SHAPE = /v1\.[A-Za-z0-9_-]{22}\.\d+\.\d+\.[A-Za-z0-9_-]{43}/g
const EMAIL = /([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)/g
/** International (+CC …) or Brazilian national ((DD) …, or 10-11 bare digits) phone numbers. */
const PHONE =
  /\+\d{1,3}[\s.-]?\(?\d{2,3}\)?[\s.-]?\d{4,5}[\s.-]?\d{4}\b|\(\d{2}\)\s?\d{4,5}-?\d{4}\b|(?<![\d.:-])\d{10,11}(?![\d.:-])/g

const DIGIT = /\d/

/** `+5511987654321` → `+55 11 •••••-4321`; other numbers keep only their last four digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '')
  const last4 = digits.slice(-4)
  if (digits.startsWith('55') && (digits.length === 12 || digits.length === 13))
    return `+55 ${digits.slice(2, 4)} •••••-${last4}`
  if (!phone.trim().startsWith('+') && (digits.length === 10 || digits.length === 11))
    return `(${digits.slice(0, 2)}) •••••-${last4}`
  return `+••• •••••-${last4}`
}

/** `maria.santos@example.com` → `m•••@example.com`. */
export function maskEmail(email: string): string {
  return email.replace(EMAIL, '$1•••@$2')
}

/** The scrub applied to every string that reaches a log line. */
export function scrubText(text: string, secrets: readonly string[] = []): string {
  let out = text
  for (const secret of secrets)
    if (secret.length >= 4 && out.includes(secret)) out = out.split(secret).join(CENSOR)
  // Each shape needs a literal or a digit that most log strings lack (a method, a route template):
  // testing for it first skips the regex, with the same result. This runs on every request line.
  if (out.includes('zupy_')) out = out.replace(KEY_SHAPE, CENSOR)
  if (out.includes('v1.')) out = out.replace(SESSION_TOKEN_SHAPE, CENSOR)
  if (out.includes('@')) out = out.replace(EMAIL, '$1•••@$2')
  if (DIGIT.test(out)) out = out.replace(PHONE, (match) => maskPhone(match))
  return out
}

/** Fields the BFF fills with ids, hashes and clock times: digit runs there are not phone numbers. */
const TRUSTED_FIELDS = new Set(['time', 'request_id', 'client_hash', 'session_hash'])

function scrubValue(value: unknown, secrets: readonly string[], depth: number): unknown {
  if (typeof value === 'string') return scrubText(value, secrets)
  if (depth > 6 || value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, secrets, depth + 1))
  if (value instanceof Error) return { name: value.name }
  const out: Record<string, unknown> = {}
  for (const [key, inner] of Object.entries(value)) {
    if (SECRET_FIELDS.has(key.toLowerCase())) out[key] = CENSOR
    else if (TRUSTED_FIELDS.has(key)) out[key] = inner
    else out[key] = scrubValue(inner, secrets, depth + 1)
  }
  return out
}

export interface BffLoggerOptions {
  /** Where lines go; stdout (synchronously) by default. */
  destination?: DestinationStream
  /** Exact values that must never appear (the API key, the PIN, the session secret). */
  secrets?: readonly (string | null | undefined)[]
  /** LOG_LEVEL; `info` by default. */
  level?: BffLogLevel
}

export function createBffLogger(options: BffLoggerOptions = {}): BffLogger {
  const secrets = (options.secrets ?? []).filter(
    (secret): secret is string => typeof secret === 'string' && secret.length > 0,
  )
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: 'zupy-pos-bff' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: CENSOR },
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => scrubValue(object, secrets, 0) as Record<string, unknown>,
      },
      hooks: {
        // Messages get the same scrub as fields.
        logMethod(args, method) {
          const scrubbed = args.map((arg: unknown) =>
            typeof arg === 'string' ? scrubText(arg, secrets) : arg,
          ) as Parameters<typeof method>
          method.apply(this, scrubbed)
        },
      },
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  )
}

/** A logger that drops everything (tests that do not look at logs). */
export function silentLogger(): BffLogger {
  return pino({ level: 'silent' })
}

/**
 * A stable, non-reversible id for a client address or a session in warning lines: an HMAC with
 * the session secret, so instances sharing the secret agree and an address cannot be guessed back.
 */
export function hashedId(value: string, secret: string): string {
  return createHmac('sha256', secret).update(value).digest('base64url').slice(0, 16)
}
