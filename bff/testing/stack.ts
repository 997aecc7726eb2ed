/**
 * The BFF in front of the real sandbox over real HTTP, both on ephemeral loopback ports, for the
 * BFF's integration tests. Test support only; the BFF itself never imports the sandbox.
 */
import { expect } from 'vitest'
import { defaultSandboxConfig } from '../../sandbox/config'
import { startSandbox, type RunningSandboxInternals } from '../../sandbox/server'
import { createBffApp, type BffAppDeps } from '../app'
import { createJournalRecorder, type JournalRecorder } from '../journal/recorder'
import type { JournalStore } from '../journal/store'
import { startBffServer, type BffServer } from '../server'
import { createUpstream, type Upstream } from '../upstream'
import {
  captureLogger,
  signIn,
  testEnv,
  type Answer,
  type BffClient,
  type LogCapture,
} from './http'

export interface LoggedUpstreamRequest {
  method: string
  path: string
  query: Record<string, string>
  headers: Record<string, string>
}

export interface TestStack {
  sandbox: RunningSandboxInternals
  upstream: Upstream
  bff: BffServer
  logs: LogCapture
  /** The till's journal, when the stack was given a store. */
  journal: { store: JournalStore; recorder: JournalRecorder } | null
  /** Every status, header and body the BFF sent to a client signed in through `signIn()`. */
  seenByClient: string[]
  control(method: string, path: string, body?: unknown): Promise<unknown>
  /** What the sandbox received on /api/v2 since the last reset. */
  upstreamRequests(): Promise<LoggedUpstreamRequest[]>
  /** Sandbox back to the seed, the given policy, no faults, an empty request log. */
  reset(settings?: { otp_policy?: string; shape?: string }): Promise<void>
  freshCoupon(customerId?: string): Promise<{ id: string; coupon_code: string }>
  signIn(): Promise<BffClient>
  close(): Promise<void>
}

export interface StackOptions {
  timeoutMs?: number
  now?: () => number
  staticRoot?: string
  env?: Partial<BffAppDeps['env']>
  /** A journal store: the BFF records into it through a recorder on the stack's upstream. */
  journalStore?: JournalStore
}

export async function startStack(options: StackOptions = {}): Promise<TestStack> {
  const sandbox = await startSandbox(defaultSandboxConfig({ port: 0 }), { log: () => undefined })
  const upstream = createUpstream({
    baseUrl: sandbox.url,
    apiKey: sandbox.config.apiKey,
    timeoutMs: options.timeoutMs ?? 1000,
  })
  const logs = captureLogger([sandbox.config.apiKey])
  const journal = options.journalStore
    ? {
        store: options.journalStore,
        recorder: createJournalRecorder({
          store: options.journalStore,
          upstream,
          logger: logs.logger,
          till: options.env?.tillName ?? 'Caixa 1',
        }),
      }
    : null
  const app = createBffApp({
    journal,
    env: testEnv(options.env),
    upstream,
    logger: logs.logger,
    staticRoot: options.staticRoot,
    now: options.now,
    sandboxInfo: { otp_policy: sandbox.config.otpPolicy, shape: sandbox.config.shape },
  })
  const bff = await startBffServer(app, { host: '127.0.0.1', port: 0 })
  const seenByClient: string[] = []
  const record = (answer: Answer) => {
    seenByClient.push(
      String(answer.status),
      ...[...answer.headers].map(([k, v]) => `${k}: ${v}`),
      answer.text,
    )
  }

  const control = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(`${sandbox.url}/_sandbox${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    expect(response.ok, `${method} /_sandbox${path} → ${response.status}`).toBe(true)
    return response.json()
  }

  return {
    sandbox,
    upstream,
    bff,
    logs,
    journal,
    seenByClient,
    control,
    upstreamRequests: async () =>
      ((await control('GET', '/requests')) as { requests: LoggedUpstreamRequest[] }).requests,
    reset: async (settings = {}) => {
      await control('POST', '/reset')
      await control('PUT', '/settings', { otp_policy: 'trusted', ...settings })
      await control('DELETE', '/requests')
    },
    freshCoupon: async (customerId) =>
      (await control('POST', '/coupons', customerId ? { customer_id: customerId } : {})) as {
        id: string
        coupon_code: string
      },
    signIn: () => signIn(bff.url, { onAnswer: record }),
    close: async () => {
      await bff.close()
      await upstream.close()
      await sandbox.close()
    },
  }
}

/** `{status: count}` of a list of statuses. */
export function countStatuses(statuses: readonly number[]): Record<number, number> {
  const counts: Record<number, number> = {}
  for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1
  return counts
}
