import type { OtpPolicy, ResponseShape, SandboxConfig } from './config'
import type { FaultRule } from './faults'

/** The knobs `PUT /_sandbox/settings` can change until the next reset. */
export interface RuntimeSettings {
  otpPolicy: OtpPolicy
  shape: ResponseShape
  rateLimitPerMinute: number | null
}

export interface LoggedRequest {
  method: string
  /** The request target's path exactly as received (no normalisation). */
  path: string
  query: Record<string, string>
  headers: Record<string, string>
  at: string
}

export interface OtpRecord {
  /** Normalised identifier (E.164 phone, lower-case e-mail or CPF digits). */
  identifier: string
  code: string
  channel: 'whatsapp' | 'email'
  expiresAt: number
  wrongAttempts: number
  /** Too many wrong attempts: every verify answers 429 until a new code is requested. */
  burned: boolean
}

export interface OtpSession {
  customerId: string
  expiresAt: number
}

export interface RateWindow {
  start: number
  count: number
}

/** Everything outside SQLite; `reset()` puts it back to the configured start. */
export interface SandboxState {
  settings: RuntimeSettings
  requests: LoggedRequest[]
  faults: FaultRule[]
  otps: Map<string, OtpRecord>
  otpRequests: Map<string, number[]>
  sessions: Map<string, OtpSession>
  rateWindows: Map<string, RateWindow>
  reset(): void
}

export const REQUEST_LOG_LIMIT = 500

export function createSandboxState(config: SandboxConfig): SandboxState {
  const initial = (): RuntimeSettings => ({
    otpPolicy: config.otpPolicy,
    shape: config.shape,
    rateLimitPerMinute: config.rateLimitPerMinute,
  })
  const state: SandboxState = {
    settings: initial(),
    requests: [],
    faults: [],
    otps: new Map(),
    otpRequests: new Map(),
    sessions: new Map(),
    rateWindows: new Map(),
    reset() {
      state.settings = initial()
      state.requests = []
      state.faults = []
      state.otps.clear()
      state.otpRequests.clear()
      state.sessions.clear()
      state.rateWindows.clear()
    },
  }
  return state
}
