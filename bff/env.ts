import { randomBytes } from 'node:crypto'
import { z } from 'zod'

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
})

/**
 * Parses the BFF's environment once per process (only bff/main.ts calls it). Throws one Error
 * listing every bad variable and what it expects; variable values are never echoed, so a
 * mistyped key cannot end up in a terminal or a log.
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
  })
  const lines = new Map<string, string>()
  for (const issue of result.error?.issues ?? []) {
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
  if (!result.success || lines.size > 0)
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
  } as const
  // Secrets are non-enumerable so that logging or serialising the env object can never print them.
  const secrets = {
    zupyApiKey: parsed.ZUPY_API_KEY ?? null,
    posPin: parsed.POS_PIN ?? SANDBOX_DEFAULT_PIN,
    sessionSecret: parsed.POS_SESSION_SECRET ?? randomBytes(32).toString('base64url'),
  }
  for (const [name, value] of Object.entries(secrets))
    Object.defineProperty(bffEnv, name, { value, enumerable: false })
  return Object.freeze(bffEnv) as BffEnv
}
