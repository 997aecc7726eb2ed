import {
  PosConfigSchema,
  PosHealthSchema,
  type PosConfig,
  type PosHealth,
} from '../features/pos-status/api'

// Built through the schemas, so a fixture cannot drift from what the app accepts.

export function buildPosConfig(overrides: Partial<PosConfig> = {}): PosConfig {
  return PosConfigSchema.parse({
    mode: 'sandbox',
    version: '0.1.0-test',
    sandbox: { otp_policy: 'relaxed', shape: 'root' },
    ...overrides,
  })
}

export function buildPosHealth(overrides: Partial<PosHealth> = {}): PosHealth {
  return PosHealthSchema.parse({
    status: 'ok',
    mode: 'sandbox',
    upstream: { reachable: true, latency_ms: 12 },
    shared_state: 'in-process',
    ...overrides,
  })
}
