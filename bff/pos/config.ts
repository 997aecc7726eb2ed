import type { BffContext } from '../context'
import { SANDBOX_DEFAULT_PIN, type BffEnv } from '../env'
import { PACKAGE_VERSION } from '../package-version'

export interface SandboxInfo {
  otp_policy: string
  shape: string
}

export type SandboxInfoSource = SandboxInfo | (() => SandboxInfo | Promise<SandboxInfo>)

/**
 * GET /api/pos/config: the mode, the version, this till's name and the store's time zone (the
 * journal's days), the sandbox PIN hint and settings; nothing secret.
 */
export function createConfigAnswer(
  env: Pick<BffEnv, 'mode' | 'posPinIsDefault' | 'tillName' | 'timeZone'>,
  sandboxInfo: SandboxInfoSource | undefined,
): (c: BffContext) => Promise<Response> {
  const pinHint = env.mode === 'sandbox' && env.posPinIsDefault ? SANDBOX_DEFAULT_PIN : null
  return async (c) => {
    const info = typeof sandboxInfo === 'function' ? await sandboxInfo() : sandboxInfo
    return c.json({
      mode: env.mode,
      version: PACKAGE_VERSION,
      pin_hint: pinHint,
      till: env.tillName,
      time_zone: env.timeZone,
      ...(env.mode === 'sandbox' && info
        ? { sandbox: { otp_policy: info.otp_policy, shape: info.shape } }
        : {}),
    })
  }
}
