/**
 * Test helpers for the sandbox's own tests (not shipped behaviour): an in-process sandbox with a
 * movable clock, and response checks that always parse bodies with the contract schemas.
 */
import { expect } from 'vitest'
import type { z } from 'zod'
import { listOf, singleOf, type Page } from '../contract/envelope'
import { OtpVerifyResponseSchema } from '../contract/otp'
import { ProblemSchema, problemSlug, type Problem } from '../contract/problem'
import { buildSandbox } from './app'
import { defaultSandboxConfig, type SandboxConfig } from './config'
import type { SandboxContext } from './context'
import { openSandboxDb } from './db'

export const TEST_START = Date.parse('2026-03-25T14:30:00Z')

export interface TestClock {
  ms: number
  advance(ms: number): void
}

export interface CallOptions {
  /** Defaults to the configured key; null sends no key. */
  key?: string | null
  body?: unknown
  /** A raw body string (wins over `body`). */
  rawBody?: string
  headers?: Record<string, string>
  otpSession?: string
  signal?: AbortSignal
}

export interface TestSandbox {
  ctx: SandboxContext
  clock: TestClock
  logs: string[]
  config: SandboxConfig
  call(method: string, path: string, opts?: CallOptions): Promise<Response>
  close(): void
}

export function makeTestSandbox(overrides: Partial<SandboxConfig> = {}): TestSandbox {
  const config = defaultSandboxConfig({ port: 0, ...overrides })
  const clock: TestClock = {
    ms: TEST_START,
    advance(ms) {
      clock.ms += ms
    },
  }
  const logs: string[] = []
  const db = openSandboxDb(null)
  const { app, ctx } = buildSandbox({
    config,
    db,
    now: () => new Date(clock.ms),
    log: (line) => {
      logs.push(line)
    },
  })
  return {
    ctx,
    clock,
    logs,
    config,
    call: async (method, path, opts = {}) => {
      const headers: Record<string, string> = { ...opts.headers }
      const key = opts.key === undefined ? config.apiKey : opts.key
      if (key !== null) headers['X-API-Key'] = key
      if (opts.otpSession !== undefined) headers['X-OTP-Session'] = opts.otpSession
      let body: string | undefined = opts.rawBody
      if (body === undefined && opts.body !== undefined) {
        body = JSON.stringify(opts.body)
        headers['Content-Type'] = 'application/json'
      }
      return app.request(path, {
        method,
        headers,
        ...(body === undefined ? {} : { body }),
        ...(opts.signal ? { signal: opts.signal } : {}),
      })
    },
    close: () => {
      db.close()
    },
  }
}

/** Asserts a JSON success with `status` and returns the single object, whatever the shape. */
export async function expectOne<T extends z.core.$ZodType>(
  res: Response,
  schema: T,
  status = 200,
): Promise<z.output<T>> {
  const text = await res.text()
  expect(res.status, text).toBe(status)
  expect(res.headers.get('content-type')).toMatch(/^application\/json/)
  return singleOf(schema).parse(JSON.parse(text))
}

/** Asserts a JSON list page (either shape) and returns it normalised. */
export async function expectPage<T extends z.core.$ZodType>(
  res: Response,
  schema: T,
): Promise<Page<z.output<T>> & { raw: Record<string, unknown> }> {
  const text = await res.text()
  expect(res.status, text).toBe(200)
  expect(res.headers.get('content-type')).toMatch(/^application\/json/)
  const raw = JSON.parse(text) as Record<string, unknown>
  return { ...listOf(schema).parse(raw), raw }
}

/** Asserts a Zupy problem (application/json, never wrapped) with this status and slug. */
export async function expectProblem(res: Response, status: number, slug: string): Promise<Problem> {
  const text = await res.text()
  expect(res.status, text).toBe(status)
  expect(res.headers.get('content-type')).toMatch(/^application\/json/)
  const problem = ProblemSchema.parse(JSON.parse(text))
  expect(problem.type).toBe(`https://docs.zupy.com/errors#${slug}`)
  expect(problemSlug(problem.type)).toBe(slug)
  expect(problem.status).toBe(status)
  return problem
}

/** Requests and verifies an OTP for `identifier`, returning the session (reads the code from state). */
export async function otpSessionFor(sb: TestSandbox, identifier: string): Promise<string> {
  const requested = await sb.call('POST', '/api/v2/auth/request-otp/', { body: { identifier } })
  expect(requested.status).toBe(200)
  const code = await liveOtpCode(sb, identifier)
  const verified = await sb.call('POST', '/api/v2/auth/verify-otp/', {
    body: { identifier, otp_code: code },
  })
  return (await expectOne(verified, OtpVerifyResponseSchema)).otp_session
}

/** The live code for `identifier`, read through the control route as e2e tests do. */
export async function liveOtpCode(sb: TestSandbox, identifier: string): Promise<string> {
  const res = await sb.call('GET', `/_sandbox/otp?identifier=${encodeURIComponent(identifier)}`, {
    key: null,
  })
  expect(res.status).toBe(200)
  const body = (await res.json()) as { code: string }
  return body.code
}
