/**
 * Test support for the BFF's own tests (not shipped behaviour): a test env, a log capture that
 * goes through the real pino logger, and a signed-in client for a running BFF.
 */
import type { DestinationStream } from 'pino'
import type { BffAppDeps } from '../app'
import { createBffLogger, type BffLogger, type BffLogLevel } from '../logger'

export const TEST_PIN = '1234'
export const TEST_SECRET = 'test-session-secret-0123456789abcdefghij'

export function testEnv(overrides: Partial<BffAppDeps['env']> = {}): BffAppDeps['env'] {
  return {
    mode: 'sandbox',
    posPin: TEST_PIN,
    posPinIsDefault: true,
    sessionSecret: TEST_SECRET,
    sessionIdleMin: 15,
    trustProxy: [],
    tillName: 'Caixa 1',
    timeZone: 'America/Sao_Paulo',
    ...overrides,
  }
}

export interface LogCapture {
  logger: BffLogger
  /** Every line exactly as pino wrote it. */
  lines: string[]
  records(): Record<string, unknown>[]
}

export function captureLogger(
  secrets: readonly (string | null)[] = [],
  level: BffLogLevel = 'info',
): LogCapture {
  const lines: string[] = []
  const destination: DestinationStream = {
    write: (line: string) => {
      lines.push(line.trimEnd())
    },
  }
  return {
    logger: createBffLogger({ destination, secrets, level }),
    lines,
    records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  }
}

/** Headers a same-origin fetch from the SPA carries on a state-changing request. */
export function sameOrigin(baseUrl: string): Record<string, string> {
  return { 'content-type': 'application/json', origin: new URL(baseUrl).origin }
}

export interface Answer {
  status: number
  headers: Headers
  text: string
  json: () => unknown
}

export interface BffClient {
  /** `name=value` of the session cookie, for a Cookie header. */
  readonly cookie: string
  /** fetch with the session cookie, and the same-origin headers on state-changing methods. */
  call(path: string, init?: RequestInit): Promise<Answer>
}

export type AnswerSink = (answer: Answer) => void

/** The session cookie pair out of a sign-in answer's Set-Cookie. */
export function cookiePair(setCookie: string | null): string {
  const pair = setCookie?.split(';')[0]
  if (!pair?.includes('=')) throw new Error(`no session cookie in ${String(setCookie)}`)
  return pair
}

export async function toAnswer(response: Response): Promise<Answer> {
  const text = await response.text()
  return {
    status: response.status,
    headers: response.headers,
    text,
    json: (): unknown => JSON.parse(text),
  }
}

/** Signs in at a running BFF and returns a client that carries the session. */
export async function signIn(
  baseUrl: string,
  options: { pin?: string; onAnswer?: AnswerSink } = {},
): Promise<BffClient> {
  const response = await fetch(`${baseUrl}/api/pos/session`, {
    method: 'POST',
    headers: sameOrigin(baseUrl),
    body: JSON.stringify({ pin: options.pin ?? TEST_PIN }),
  })
  const answer = await toAnswer(response)
  options.onAnswer?.(answer)
  if (response.status !== 204) throw new Error(`sign-in failed: ${response.status} ${answer.text}`)
  const cookie = cookiePair(response.headers.get('set-cookie'))
  return {
    cookie,
    call: async (path, init = {}) => {
      const method = (init.method ?? 'GET').toUpperCase()
      const headers = new Headers(init.headers)
      headers.set('cookie', cookie)
      if (method !== 'GET' && method !== 'HEAD')
        for (const [name, value] of Object.entries(sameOrigin(baseUrl)))
          if (!headers.has(name)) headers.set(name, value)
      const result = await toAnswer(await fetch(`${baseUrl}${path}`, { ...init, headers }))
      options.onAnswer?.(result)
      return result
    },
  }
}

interface InProcessApp {
  request: (input: string, init?: RequestInit) => Response | Promise<Response>
}

/** What the SPA sends on a state-changing request, for app.request() (which has no Host). */
export const IN_PROCESS_SAME_ORIGIN = {
  'content-type': 'application/json',
  origin: 'http://localhost',
  host: 'localhost',
} as const

/**
 * Signs in to an in-process app and returns `request`, which adds the session cookie to every
 * call and the same-origin headers to state-changing ones (unless the caller set them).
 */
export async function inProcessClient(
  app: InProcessApp,
  pin = TEST_PIN,
): Promise<{ cookie: string; request: (path: string, init?: RequestInit) => Promise<Response> }> {
  const response = await app.request('/api/pos/session', {
    method: 'POST',
    headers: IN_PROCESS_SAME_ORIGIN,
    body: JSON.stringify({ pin }),
  })
  if (response.status !== 204) throw new Error(`sign-in failed: ${response.status}`)
  const cookie = cookiePair(response.headers.get('set-cookie'))
  return {
    cookie,
    request: async (path, init = {}) => {
      const headers = new Headers(init.headers)
      if (!headers.has('cookie')) headers.set('cookie', cookie)
      const method = (init.method ?? 'GET').toUpperCase()
      if (method !== 'GET' && method !== 'HEAD')
        for (const [name, value] of Object.entries(IN_PROCESS_SAME_ORIGIN))
          if (!headers.has(name)) headers.set(name, value)
      return app.request(path, { ...init, headers })
    },
  }
}
