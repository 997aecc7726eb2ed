/**
 * Test support for the tests beside the BFF's modules (not shipped behaviour): each drives the
 * whole in-process app, so a module is tested where it sits in the chain.
 */
import { expect } from 'vitest'
import { ProblemSchema, problemSlug } from '../../contract/problem'
import { createBffApp } from '../app'
import { IN_PROCESS_SAME_ORIGIN, captureLogger, inProcessClient, testEnv } from './http'
import type { StateStore } from '../state/store'
import type { Upstream, UpstreamRequest, UpstreamResult } from '../upstream'

export const ID = '2awthlosjx7kggprferoosvabcd'
export const VALIDATE = `/api/v2/customers/${ID}/coupons/cz-7k3m9p2q/validate/`

export interface FakeUpstream extends Upstream {
  calls: UpstreamRequest[]
  next: UpstreamResult
}

export function fakeUpstream(): FakeUpstream {
  const fake: FakeUpstream = {
    calls: [],
    next: {
      kind: 'answer',
      status: 200,
      body: { ok: true },
      contentType: 'application/json',
      headers: {},
      durationMs: 3,
    },
    send: (request) => {
      fake.calls.push(request)
      return Promise.resolve(fake.next)
    },
    close: () => Promise.resolve(),
  }
  return fake
}

/** An app on a fake upstream, and a signed-in `call` (cookie, and same-origin headers on POST). */
export async function setupSignedIn(options: { staticRoot?: string; state?: StateStore } = {}) {
  const upstream = fakeUpstream()
  const capture = captureLogger()
  const app = createBffApp({
    env: testEnv(),
    upstream,
    logger: capture.logger,
    sandboxInfo: { otp_policy: 'relaxed', shape: 'root' },
    ...options,
  })
  const client = await inProcessClient(app)
  // The sign-in's own log line is not what these tests look at.
  capture.lines.length = 0
  return { app, upstream, call: client.request, logs: () => capture.records() }
}

export type SignedInCall = Awaited<ReturnType<typeof setupSignedIn>>['call']

export async function problemOf(response: Response) {
  expect(response.headers.get('content-type')).toBe('application/problem+json')
  const body: unknown = await response.json()
  const problem = ProblemSchema.loose().parse(body)
  return { ...problem, slug: problemSlug(problem.type), body: body as Record<string, unknown> }
}

export const START = Date.parse('2026-03-25T08:00:00Z')
export const MINUTE = 60_000

/**
 * An app with no session yet, on an injected clock and an upstream that answers an empty page:
 * `signInWith` posts a PIN, `status` reads GET /api/pos/session.
 */
export function setupSessions(envChange: Parameters<typeof testEnv>[0] = {}) {
  const calls: UpstreamRequest[] = []
  const upstream: Upstream = {
    send: (request) => {
      calls.push(request)
      return Promise.resolve({
        kind: 'answer',
        status: 200,
        body: { count: 0, next: null, previous: null, results: [] },
        contentType: 'application/json',
        headers: {},
        durationMs: 1,
      })
    },
    close: () => Promise.resolve(),
  }
  const clock = { ms: START }
  const logs = captureLogger()
  const app = createBffApp({
    env: testEnv(envChange),
    upstream,
    logger: logs.logger,
    now: () => clock.ms,
  })
  const signInWith = (pin: unknown, headers: Record<string, string> = {}) =>
    app.request('/api/pos/session', {
      method: 'POST',
      headers: { ...IN_PROCESS_SAME_ORIGIN, ...headers },
      body: JSON.stringify({ pin }),
    })
  const status = async (cookie?: string) => {
    const response = await app.request('/api/pos/session', {
      headers: cookie ? { cookie } : {},
    })
    expect(response.status).toBe(200)
    return (await response.json()) as Record<string, unknown>
  }
  return { app, calls, clock, logs, signInWith, status }
}

export async function slugOf(response: Response) {
  return problemSlug(ProblemSchema.parse(await response.json()).type)
}

/** A POST through a signed-in `call`, by default to the OTP request route (which takes a body). */
export const post = (call: SignedInCall, init: RequestInit, path = '/api/v2/auth/request-otp/') =>
  call(path, { method: 'POST', ...init })
