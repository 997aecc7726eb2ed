import { randomBytes, X509Certificate } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { createSecureContext } from 'node:tls'
import { z } from 'zod'
import { LOG_LEVELS, type BffLogLevel } from './logger'
import { parseTrustProxy } from './trust-proxy'

/** The shape of a real partner key (api-notes §1); anything else is refused at startup. */
export const ZUPY_API_KEY_PATTERN = /^zupy_pk_[A-Za-z0-9]{32}$/

export interface BffEnv {
  readonly port: number
  readonly host: string
  /** Origin of the partner API, e.g. `https://api.zupy.com` (unused in sandbox mode). */
  readonly zupyApiUrl: string
  /**
   * The partner key, or null in sandbox mode. Non-enumerable so that logging or serialising the
   * env object can never print it.
   */
  readonly zupyApiKey: string | null
  readonly timeoutMs: number
  readonly mode: 'sandbox' | 'live'
  /** The cashier PIN (non-enumerable, like the key). */
  readonly posPin: string
  /** True when POS_PIN was unset in sandbox mode and the documented demo PIN applies. */
  readonly posPinIsDefault: boolean
  /** Signs session tokens (non-enumerable). */
  readonly sessionSecret: string
  /** True when POS_SESSION_SECRET was unset and a random one was made for this process. */
  readonly sessionSecretIsRandom: boolean
  readonly sessionIdleMin: number
  /** The certificate and key to serve HTTPS with, or null for plain HTTP. */
  readonly tls: BffTls | null
  /**
   * TRUST_PROXY as canonical CIDR ranges: the reverse proxies whose X-Forwarded-For / -Proto /
   * -Host are believed. Empty (the default) believes no one.
   */
  readonly trustProxy: readonly string[]
  readonly logLevel: BffLogLevel
  /**
   * POS_JOURNAL_DB as given, or null when unset: bff/main.ts resolves it (default
   * `data/journal.db` under the project root; in memory in sandbox mode).
   */
  readonly journalDb: string | null
  /** Days the till's journal keeps its entries (POS_JOURNAL_DAYS). */
  readonly journalDays: number
  /** This till's name in the journal and in /api/pos/config (POS_TILL_NAME, default the host name). */
  readonly tillName: string
  /** The store's IANA time zone, canonical (POS_TIME_ZONE): the journal's days are its days. */
  readonly timeZone: string
  /**
   * REDIS_URL: where several instances share sign-outs, PIN lockouts and unknown-code budgets;
   * null keeps them in this process. Non-enumerable: it may carry a password.
   */
  readonly redisUrl: string | null
  /** REDIS_PREFIX: the start of every key this BFF writes (default `zupy-pos:`). */
  readonly redisPrefix: string
}

/** TLS_CERT_FILE / TLS_KEY_FILE, read and checked once at startup. */
export interface BffTls {
  readonly certFile: string
  readonly keyFile: string
  /** The certificate chain, PEM. */
  readonly cert: string
  /** The private key, PEM (non-enumerable, like the other secrets). */
  readonly key: string
  /** The leaf certificate, for the banner (names, expiry). */
  readonly certificate: X509Certificate
}

/** The PIN a sandbox till uses when POS_PIN is unset; printed in the banner and in /api/pos/config. */
export const SANDBOX_DEFAULT_PIN = '1234'

const blankToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value

const intInRange = (min: number, max: number, fallback: number, expects: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string({ error: expects })
      .regex(/^\d{1,6}$/, { error: expects })
      .transform(Number)
      .pipe(z.number().int().min(min, { error: expects }).max(max, { error: expects }))
      .default(fallback),
  )

const httpOrigin = z.preprocess(
  blankToUndefined,
  z
    .string()
    .default('https://api.zupy.com')
    .transform((raw, ctx) => {
      const expects =
        'expected an http(s) origin such as https://api.zupy.com (no path, query or credentials)'
      let url: URL
      try {
        url = new URL(raw)
      } catch {
        ctx.addIssue({ code: 'custom', message: expects })
        return z.NEVER
      }
      const isOrigin =
        (url.protocol === 'http:' || url.protocol === 'https:') &&
        url.username === '' &&
        url.password === '' &&
        url.pathname === '/' &&
        url.search === '' &&
        url.hash === '' &&
        !raw.includes('?') &&
        !raw.includes('#')
      if (!isOrigin) {
        ctx.addIssue({ code: 'custom', message: expects })
        return z.NEVER
      }
      return url.origin
    }),
)

const filePath = z.preprocess(
  blankToUndefined,
  z
    .string()
    .max(4096, { error: 'expected a file path' })
    .refine((path) => !path.includes('\0'), { error: 'expected a file path' })
    .optional(),
)

const TILL_NAME = /^[^\p{C}]{1,40}$/u

/** The host name as a till name: its printable characters, at most 40. */
export function defaultTillName(host: string = hostname()): string {
  // Host names are ASCII (RFC 1123), so slicing code units cuts no character in two.
  const name = host.replace(/\p{C}/gu, '').trim().slice(0, 40).trim()
  return name === '' ? 'till' : name
}

/** The canonical name of an IANA time zone, or null when this Node's Intl does not know it. */
export function canonicalTimeZone(raw: string): string | null {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: raw }).resolvedOptions().timeZone
  } catch {
    return null
  }
}

const EnvSchema = z.object({
  PORT: intInRange(0, 65535, 3000, 'expected an integer port 0-65535 (default 3000)'),
  HOST: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9.:-]{1,253}$/, {
        error: 'expected a host name or IP address (default 127.0.0.1)',
      })
      .default('127.0.0.1'),
  ),
  ZUPY_API_URL: httpOrigin,
  ZUPY_API_KEY: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(ZUPY_API_KEY_PATTERN, {
        error:
          'expected "zupy_pk_" followed by 32 letters or digits, or unset/empty for sandbox mode (value not shown)',
      })
      .optional(),
  ),
  ZUPY_TIMEOUT_MS: intInRange(
    100,
    60000,
    10000,
    'expected an integer number of milliseconds 100-60000 (default 10000)',
  ),
  POS_PIN: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^\d{4,12}$/, { error: 'expected 4-12 digits (value not shown)' })
      .optional(),
  ),
  POS_SESSION_SECRET: z.preprocess(
    blankToUndefined,
    z
      .string()
      .min(32, { error: 'expected at least 32 characters (value not shown)' })
      .max(1024, { error: 'expected at most 1024 characters (value not shown)' })
      .optional(),
  ),
  POS_SESSION_IDLE_MIN: intInRange(
    1,
    720,
    15,
    'expected an integer number of minutes 1-720 (default 15)',
  ),
  TRUST_PROXY: z.preprocess(
    blankToUndefined,
    z
      .string()
      .default('false')
      .transform((raw, ctx) => {
        const parsed = parseTrustProxy(raw)
        if (parsed.ok) return Object.freeze([...parsed.ranges])
        ctx.addIssue({ code: 'custom', message: parsed.problem })
        return z.NEVER
      }),
  ),
  LOG_LEVEL: z.preprocess(
    (value) => {
      const set = blankToUndefined(value)
      return typeof set === 'string' ? set.trim().toLowerCase() : set
    },
    z
      .enum(LOG_LEVELS, { error: `expected one of ${LOG_LEVELS.join(', ')} (default info)` })
      .default('info'),
  ),
  POS_JOURNAL_DB: filePath,
  POS_JOURNAL_DAYS: intInRange(
    1,
    3650,
    90,
    'expected an integer number of days 1-3650 (default 90)',
  ),
  POS_TILL_NAME: z.preprocess(
    (value) => {
      const set = blankToUndefined(value)
      return typeof set === 'string' ? set.trim() : set
    },
    z
      .string()
      .regex(TILL_NAME, { error: 'expected 1-40 printable characters (default the host name)' })
      .optional(),
  ),
  POS_TIME_ZONE: z.preprocess(
    blankToUndefined,
    z
      .string()
      .default('America/Sao_Paulo')
      .transform((raw, ctx) => {
        const zone = raw.length <= 64 ? canonicalTimeZone(raw.trim()) : null
        if (zone !== null) return zone
        ctx.addIssue({
          code: 'custom',
          message:
            'expected an IANA time zone such as America/Sao_Paulo (default America/Sao_Paulo)',
        })
        return z.NEVER
      }),
  ),
  REDIS_URL: z.preprocess(
    blankToUndefined,
    z
      .string()
      .refine(
        (raw) => {
          if (!URL.canParse(raw)) return false
          const url = new URL(raw)
          return (url.protocol === 'redis:' || url.protocol === 'rediss:') && url.hostname !== ''
        },
        {
          error:
            'expected a redis:// or rediss:// URL such as redis://127.0.0.1:6379 (value not shown)',
        },
      )
      .optional(),
  ),
  REDIS_PREFIX: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9:_.-]{1,64}$/, {
        error: 'expected 1-64 letters, digits or : _ . - (default zupy-pos:)',
      })
      .default('zupy-pos:'),
  ),
})

// Parsed on their own, so a bad file is reported in the same run as other bad variables.
const TlsPathsSchema = z.object({ TLS_CERT_FILE: filePath, TLS_KEY_FILE: filePath })

type TlsRead = { ok: true; tls: BffTls | null } | { ok: false; lines: Map<string, string> }

/** Reads a file named by a variable; the error names the variable and the path, never content. */
function readNamedFile(name: string, path: string, lines: Map<string, string>): string | null {
  try {
    return readFileSync(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error'
    lines.set(name, `- ${name}: cannot read ${path} (${code})`)
    return null
  }
}

/**
 * Both or neither: a certificate without its key (or the reverse) is a half-done setup that would
 * otherwise start on plain HTTP and leave the tablets without a camera.
 */
function readTls(certFile: string | undefined, keyFile: string | undefined): TlsRead {
  const lines = new Map<string, string>()
  if (certFile === undefined && keyFile === undefined) return { ok: true, tls: null }
  if (certFile === undefined || keyFile === undefined) {
    const [missing, present] =
      certFile === undefined ? ['TLS_CERT_FILE', 'TLS_KEY_FILE'] : ['TLS_KEY_FILE', 'TLS_CERT_FILE']
    lines.set(
      missing,
      `- ${missing}: required when ${present} is set (set both to serve HTTPS, or neither for HTTP)`,
    )
    return { ok: false, lines }
  }
  const cert = readNamedFile('TLS_CERT_FILE', certFile, lines)
  const key = readNamedFile('TLS_KEY_FILE', keyFile, lines)
  if (cert === null || key === null) return { ok: false, lines }
  let certificate: X509Certificate | null = null
  try {
    if (cert.includes('-----BEGIN CERTIFICATE-----')) certificate = new X509Certificate(cert)
  } catch {
    // Reported below, like a file that is not PEM at all.
  }
  if (certificate === null)
    lines.set('TLS_CERT_FILE', `- TLS_CERT_FILE: ${certFile} is not a PEM certificate`)
  if (!/-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/.test(key))
    lines.set(
      'TLS_KEY_FILE',
      `- TLS_KEY_FILE: ${keyFile} is not a PEM private key (contents not shown)`,
    )
  if (certificate === null || lines.size > 0) return { ok: false, lines }
  try {
    // The same check node:https makes when it starts, done here so the message names the files.
    createSecureContext({ cert, key })
  } catch (error) {
    const reason = error instanceof Error ? error.message : ''
    lines.set(
      'TLS_KEY_FILE',
      /mismatch/i.test(reason)
        ? `- TLS_KEY_FILE: ${keyFile} is not the private key of the certificate in ${certFile}`
        : `- TLS_KEY_FILE: ${keyFile} cannot be used with ${certFile} (an encrypted key? it must be unencrypted PEM)`,
    )
    return { ok: false, lines }
  }
  const tls = { certFile, keyFile, cert, certificate }
  Object.defineProperty(tls, 'key', { value: key, enumerable: false })
  return { ok: true, tls: Object.freeze(tls) as BffTls }
}

/**
 * Parses the BFF's environment once per process (only bff/main.ts calls it), and reads the TLS
 * files if set. Throws one Error listing every bad variable and what it expects; variable values
 * are never echoed (file paths are, file contents never), so a mistyped key cannot end up in a
 * terminal or a log.
 */
export function parseBffEnv(env: Record<string, string | undefined>): BffEnv {
  const result = EnvSchema.safeParse({
    PORT: env.PORT,
    HOST: env.HOST,
    ZUPY_API_URL: env.ZUPY_API_URL,
    ZUPY_API_KEY: env.ZUPY_API_KEY,
    ZUPY_TIMEOUT_MS: env.ZUPY_TIMEOUT_MS,
    POS_PIN: env.POS_PIN,
    POS_SESSION_SECRET: env.POS_SESSION_SECRET,
    POS_SESSION_IDLE_MIN: env.POS_SESSION_IDLE_MIN,
    TRUST_PROXY: env.TRUST_PROXY,
    LOG_LEVEL: env.LOG_LEVEL,
    POS_JOURNAL_DB: env.POS_JOURNAL_DB,
    POS_JOURNAL_DAYS: env.POS_JOURNAL_DAYS,
    POS_TILL_NAME: env.POS_TILL_NAME,
    POS_TIME_ZONE: env.POS_TIME_ZONE,
    REDIS_URL: env.REDIS_URL,
    REDIS_PREFIX: env.REDIS_PREFIX,
  })
  const tlsPaths = TlsPathsSchema.safeParse({
    TLS_CERT_FILE: env.TLS_CERT_FILE,
    TLS_KEY_FILE: env.TLS_KEY_FILE,
  })
  const lines = new Map<string, string>()
  for (const issue of [...(result.error?.issues ?? []), ...(tlsPaths.error?.issues ?? [])]) {
    const name = String(issue.path[0] ?? 'environment')
    if (!lines.has(name)) lines.set(name, `- ${name}: ${issue.message}`)
  }
  const live = blankToUndefined(env.ZUPY_API_KEY) !== undefined
  // A live till without a PIN would hand the store's key to anyone who can reach the port.
  if (live && blankToUndefined(env.POS_PIN) === undefined && !lines.has('POS_PIN'))
    lines.set(
      'POS_PIN',
      '- POS_PIN: required in live mode (4-12 digits, the PIN cashiers type to unlock the app)',
    )
  const tls = tlsPaths.success
    ? readTls(tlsPaths.data.TLS_CERT_FILE, tlsPaths.data.TLS_KEY_FILE)
    : ({ ok: false, lines: new Map<string, string>() } as const)
  if (!tls.ok) for (const [name, line] of tls.lines) if (!lines.has(name)) lines.set(name, line)
  if (!result.success || !tls.ok || lines.size > 0)
    throw new Error(`Invalid BFF environment:\n${[...lines.values()].join('\n')}`)
  const parsed = result.data
  const mode = parsed.ZUPY_API_KEY === undefined ? 'sandbox' : 'live'
  const bffEnv = {
    port: parsed.PORT,
    host: parsed.HOST,
    zupyApiUrl: parsed.ZUPY_API_URL,
    timeoutMs: parsed.ZUPY_TIMEOUT_MS,
    mode,
    posPinIsDefault: parsed.POS_PIN === undefined,
    sessionSecretIsRandom: parsed.POS_SESSION_SECRET === undefined,
    sessionIdleMin: parsed.POS_SESSION_IDLE_MIN,
    tls: tls.tls,
    trustProxy: parsed.TRUST_PROXY,
    logLevel: parsed.LOG_LEVEL,
    journalDb: parsed.POS_JOURNAL_DB ?? null,
    journalDays: parsed.POS_JOURNAL_DAYS,
    tillName: parsed.POS_TILL_NAME ?? defaultTillName(),
    timeZone: parsed.POS_TIME_ZONE,
    redisPrefix: parsed.REDIS_PREFIX,
  } as const
  // Secrets are non-enumerable so that logging or serialising the env object can never print them.
  const secrets = {
    zupyApiKey: parsed.ZUPY_API_KEY ?? null,
    posPin: parsed.POS_PIN ?? SANDBOX_DEFAULT_PIN,
    sessionSecret: parsed.POS_SESSION_SECRET ?? randomBytes(32).toString('base64url'),
    redisUrl: parsed.REDIS_URL ?? null,
  }
  for (const [name, value] of Object.entries(secrets))
    Object.defineProperty(bffEnv, name, { value, enumerable: false })
  return Object.freeze(bffEnv) as BffEnv
}
