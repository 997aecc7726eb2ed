import { z } from 'zod'
import { parseSandboxEnv } from '../sandbox/config'
import { SEED } from '../sandbox/seed'
import { startSandbox } from '../sandbox/server'
import type { SandboxInfo } from './pos/config'

/**
 * Sandbox mode: the embedded Zupy emulator the BFF talks to when ZUPY_API_KEY is unset. main.ts
 * loads this file with a dynamic import in sandbox mode only, so a live till never loads the
 * sandbox (it loads the SQLite addon for its journal only, docs/decisions/011-till-journal.md).
 */

export interface SandboxMode {
  /** Where the embedded sandbox listens; the BFF's upstream. */
  readonly url: string
  readonly apiKey: string
  /** The sandbox's current settings, asked each time (PUT /_sandbox/settings changes them). */
  readonly info: () => Promise<SandboxInfo>
  /** The banner's sandbox lines: where the sandbox is, its control routes, the demo data. */
  readonly bannerLines: readonly string[]
  close(): Promise<void>
}

const SandboxSettingsSchema = z.object({ otp_policy: z.string(), shape: z.string() })

/** `+5511987654321` → `+55 11 98765-4321`, the way a Brazilian cashier would read it out. */
function displayPhone(phone: string): string {
  const match = /^\+55(\d{2})(\d{4,5})(\d{4})$/.exec(phone)
  return match ? `+55 ${match[1] ?? ''} ${match[2] ?? ''}-${match[3] ?? ''}` : phone
}

/** Starts the sandbox from ZUPY_SANDBOX_*; throws an Error naming the bad variables. */
export async function startSandboxMode(
  env: Record<string, string | undefined>,
  log: (line: unknown) => void,
): Promise<SandboxMode> {
  const config = parseSandboxEnv(env)
  const sandbox = await startSandbox(config, { log })
  const settingsUrl = `${sandbox.url}/_sandbox/settings`
  return {
    url: sandbox.url,
    apiKey: sandbox.config.apiKey,
    info: async () => {
      try {
        const response = await fetch(settingsUrl, { signal: AbortSignal.timeout(2000) })
        return SandboxSettingsSchema.parse(await response.json())
      } catch {
        return { otp_policy: sandbox.config.otpPolicy, shape: sandbox.config.shape }
      }
    },
    bannerLines: [
      `  Sandbox:  ${sandbox.url}/api/v2/ (the BFF adds the sandbox key; the browser never sees it)`,
      `  Control:  POST ${sandbox.url}/_sandbox/reset · GET|DELETE ${sandbox.url}/_sandbox/requests`,
      `            POST ${sandbox.url}/_sandbox/coupons · POST ${sandbox.url}/_sandbox/faults`,
      `            PUT ${sandbox.url}/_sandbox/settings {otp_policy, shape}`,
      '  Demo customers:',
      ...Object.values(SEED.customers).map(
        (customer) =>
          `    ${customer.fullName.padEnd(16)} ${displayPhone(customer.phone).padEnd(18)} ${customer.cardNumber}`,
      ),
      '  Demo coupons: CZ-7K3M9P2Q (Maria, active) · CZ-9T5B3X7L (Maria, already used)',
    ],
    close: () => sandbox.close(),
  }
}
