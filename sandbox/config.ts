import { z } from 'zod'

/** The demo key the README documents; any `zupy_pk_` + 32 alphanumerics is a valid key shape. */
export const DEFAULT_SANDBOX_API_KEY = 'zupy_pk_sandbox0000000000000000000000000'

export const OTP_POLICIES = ['strict', 'relaxed', 'trusted'] as const
export type OtpPolicy = (typeof OTP_POLICIES)[number]

export const RESPONSE_SHAPES = ['root', 'envelope'] as const
export type ResponseShape = (typeof RESPONSE_SHAPES)[number]

export interface SandboxConfig {
  apiKey: string
  /** Requests per key per 60-s window; null = headers only, never 429. */
  rateLimitPerMinute: number | null
  otpPolicy: OtpPolicy
  shape: ResponseShape
  /** 0 = an ephemeral port. */
  port: number
  /** SQLite file; null = in-memory. */
  dbPath: string | null
}

export const API_KEY_PATTERN = /^zupy_pk_[A-Za-z0-9]{32}$/

const EnvSchema = z.object({
  ZUPY_SANDBOX_API_KEY: z
    .string()
    .regex(API_KEY_PATTERN, 'expected "zupy_pk_" followed by 32 letters or digits')
    .default(DEFAULT_SANDBOX_API_KEY),
  ZUPY_SANDBOX_RATE_LIMIT: z
    .string()
    .regex(
      /^[1-9]\d*$/,
      'expected a positive whole number of requests per minute (or unset for no limit)',
    )
    .transform(Number)
    .optional(),
  ZUPY_SANDBOX_OTP_POLICY: z
    .enum(OTP_POLICIES, { error: 'expected one of strict, relaxed, trusted' })
    .default('relaxed'),
  ZUPY_SANDBOX_SHAPE: z
    .enum(RESPONSE_SHAPES, { error: 'expected root or envelope' })
    .default('root'),
  ZUPY_SANDBOX_PORT: z
    .string()
    .regex(/^\d{1,5}$/, 'expected a port number from 0 to 65535')
    .transform(Number)
    .refine((port) => port <= 65_535, 'expected a port number from 0 to 65535')
    .default(4010),
  ZUPY_SANDBOX_DB: z.string().optional(),
})

type EnvName = keyof z.input<typeof EnvSchema>
const ENV_NAMES = Object.keys(EnvSchema.shape) as EnvName[]

/**
 * Reads the sandbox's settings from the environment. Empty strings count as unset (a blank line in
 * `.env` must not turn into a bad value). Throws one Error naming every bad variable.
 */
export function parseSandboxEnv(env: Record<string, string | undefined>): SandboxConfig {
  const present: Partial<Record<EnvName, string>> = {}
  for (const name of ENV_NAMES) {
    const value = env[name]?.trim()
    if (value) present[name] = value
  }
  const result = EnvSchema.safeParse(present)
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment')
      // Never echo a key back: someone may have pasted a real one by mistake.
      const shown =
        name === 'ZUPY_SANDBOX_API_KEY' ? '' : `=${JSON.stringify(present[name as EnvName] ?? '')}`
      return `  - ${name}${shown}: ${issue.message}`
    })
    throw new Error(`Invalid sandbox environment:\n${lines.join('\n')}`)
  }
  const parsed = result.data
  return {
    apiKey: parsed.ZUPY_SANDBOX_API_KEY,
    rateLimitPerMinute: parsed.ZUPY_SANDBOX_RATE_LIMIT ?? null,
    otpPolicy: parsed.ZUPY_SANDBOX_OTP_POLICY,
    shape: parsed.ZUPY_SANDBOX_SHAPE,
    port: parsed.ZUPY_SANDBOX_PORT,
    dbPath: parsed.ZUPY_SANDBOX_DB ?? null,
  }
}

/** The sandbox's defaults, for tests and for callers that embed it (the BFF's sandbox mode). */
export function defaultSandboxConfig(overrides: Partial<SandboxConfig> = {}): SandboxConfig {
  return { ...parseSandboxEnv({}), ...overrides }
}
