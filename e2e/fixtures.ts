import {
  test as base,
  expect,
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  type ConsoleMessage,
} from '@playwright/test'
import { spawnMain } from '../bff/testing/spawn-main'
import { cameraBrowser, chromiumArgs } from '../playwright.config'

export interface StackOptions {
  /** The response shape of the worker's sandbox: set per project (playwright.config.ts). */
  shape: 'root' | 'envelope'
}

/** The real BFF (bff/main.ts, sandbox mode) a worker's tests run against. */
interface Stack {
  url: string
  /** The embedded sandbox: its control routes live at `/_sandbox/...`. */
  sandboxURL: string
}

export interface SessionOptions {
  /** False for a context that starts without a cashier session (the lock screen's specs). */
  signedIn: boolean
}

export interface ShellOptions {
  /**
   * Whether pages may install the app-shell service worker. It installs by downloading the whole
   * build, the 1 MB decoder included, in every fresh context: about 600 ms of CPU a test. So
   * pages here see a browser without service workers, as on a plain-HTTP LAN address, unless a
   * spec is about the worker or the till's whole flow and sets this.
   */
  serviceWorker: boolean
}

export interface CameraOptions {
  /**
   * Chromium flags for a camera (a fake capture device, its stream, its permission prompt): the
   * test's page then runs in the full browser, which has fake cameras; the headless shell that
   * runs the other specs lists none. One such browser per set of flags stays open in the worker,
   * so that camera specs share the worker's BFF and sandbox instead of each starting a worker
   * (a launch option would: about 3 s each).
   */
  cameraArgs: string[] | null
}

export interface ConsoleOptions {
  /**
   * Console errors this spec expects, e.g. Chromium's line for a 409 it provokes (see
   * `failedStatus`, `anyOf`). Any other console error or uncaught exception fails the test.
   * Several patterns go through `anyOf`: `test.use` reads a two-element array as
   * `[value, fixtureOptions]`.
   */
  allowedConsoleErrors: RegExp | [RegExp] | null
}

interface Fixtures {
  /** The worker's sandbox, reset before the test. */
  sandbox: SandboxControl
  sandboxURL: string
  /** Fails the test on a console error or uncaught exception that was not allowed. */
  consoleGuard: ConsoleGuard
  /** Signs the browser context in before each test (the e2e stacks run with the sandbox PIN). */
  cashierSession: undefined
}

export { FULL_MATRIX, SMOKE, specLanguages } from './matrix'

/**
 * The e2e BFF's upstream deadline (`ZUPY_TIMEOUT_MS`), shorter than the 10 s default so that a
 * spec about an answer that never comes waits 5 s, not 10. Faults that only slow an answer down
 * stay well below it.
 */
export const UPSTREAM_TIMEOUT_MS = 5000

/** The PIN a sandbox BFF accepts when POS_PIN is unset. */
export const SANDBOX_PIN = '1234'

/** The sandbox's control routes, for resetting state and reading what the BFF sent upstream. */
export class SandboxControl {
  constructor(
    private readonly request: APIRequestContext,
    readonly url: string,
  ) {}

  async reset(): Promise<void> {
    const res = await this.request.post(`${this.url}/_sandbox/reset`)
    expect(res.ok()).toBe(true)
  }

  /** `PUT /_sandbox/settings` (until the next reset), e.g. `{ otp_policy: 'trusted' }`. */
  async settings(body: {
    otp_policy?: 'strict' | 'relaxed' | 'trusted'
    shape?: 'root' | 'envelope'
    rate_limit_per_minute?: number | null
  }): Promise<void> {
    const res = await this.request.put(`${this.url}/_sandbox/settings`, { data: body })
    expect(res.ok()).toBe(true)
  }

  /** The live OTP code sent to `identifier` (E.164 phone, e-mail or CPF). */
  async otpCode(identifier: string): Promise<string> {
    const res = await this.request.get(`${this.url}/_sandbox/otp`, { params: { identifier } })
    expect(res.ok()).toBe(true)
    const body = (await res.json()) as { code: string }
    return body.code
  }

  /** `POST /_sandbox/faults`: `{ method?, path?, count?, fault: { kind, ... } }`. */
  async addFault(body: {
    method?: string
    path?: string
    count?: number
    fault: { kind: string } & Record<string, unknown>
  }): Promise<void> {
    const res = await this.request.post(`${this.url}/_sandbox/faults`, { data: body })
    expect(res.status()).toBe(201)
  }

  /** The `/api/v2` requests the sandbox received since the last reset, oldest first. */
  async requests(): Promise<{ method: string; path: string; query: Record<string, string> }[]> {
    const res = await this.request.get(`${this.url}/_sandbox/requests`)
    expect(res.ok()).toBe(true)
    const body = (await res.json()) as {
      requests: { method: string; path: string; query: Record<string, string> }[]
    }
    return body.requests
  }

  /** `POST /_sandbox/coupons`: a coupon without spending points (defaults: Maria, single use). */
  async createCoupon(
    body: {
      customer_id?: string
      reward_id?: string
      total_usages?: number
      status?: 'active' | 'used' | 'expired' | 'cancelled'
      valid_until?: string
      coupon_code?: string
    } = {},
  ): Promise<{ coupon_code: string; customer_id: string; id: string }> {
    const res = await this.request.post(`${this.url}/_sandbox/coupons`, { data: body })
    expect(res.status()).toBe(201)
    return (await res.json()) as { coupon_code: string; customer_id: string; id: string }
  }

  async clearRequests(): Promise<void> {
    const res = await this.request.delete(`${this.url}/_sandbox/requests`)
    expect(res.ok()).toBe(true)
  }
}

/**
 * Signs in through an API context. The BFF's CSRF check wants what a browser's fetch sends:
 * JSON and a same-origin Origin, which an API context does not add by itself.
 */
export async function signIn(request: APIRequestContext, baseURL: string, pin = SANDBOX_PIN) {
  const res = await request.post('/api/pos/session', {
    data: { pin },
    headers: { 'Content-Type': 'application/json', Origin: new URL(baseURL).origin },
  })
  expect(res.status(), await res.text()).toBe(204)
}

/**
 * Chromium logs every fetch answered with an error status as "Failed to load resource: the server
 * responded with a status of NNN". `statuses` is a regex alternative, e.g. `'4\\d\\d|502'`.
 */
export function failedStatus(statuses: string): RegExp {
  return new RegExp(
    `^Failed to load resource: the server responded with a status of (${statuses})\\b`,
  )
}

/** Chromium's line for a request that never got an answer (offline, aborted, refused). */
export const FAILED_NETWORK = /^Failed to load resource: net::ERR_/

/** One pattern that matches what any of `patterns` matches. */
export function anyOf(...patterns: RegExp[]): RegExp {
  return new RegExp(patterns.map((pattern) => `(?:${pattern.source})`).join('|'))
}

/** Collects the console errors and uncaught exceptions of a browser context's pages. */
export class ConsoleGuard {
  readonly problems: string[] = []
  private readonly allowed: RegExp[]

  constructor(allowed: RegExp | [RegExp] | null) {
    this.allowed = allowed === null ? [] : [allowed].flat()
  }

  /** Allows more lines from here on, for a test that provokes them halfway through. */
  allow(...patterns: RegExp[]): void {
    this.allowed.push(...patterns)
  }

  /** Watches every page of a context, including pages it opens later. */
  watch(context: BrowserContext, name = 'page'): void {
    context.on('console', (message: ConsoleMessage) => {
      if (message.type() !== 'error') return
      const text = message.text()
      if (this.allowed.some((pattern) => pattern.test(text))) return
      this.problems.push(`${name} console: ${text}`)
    })
    context.on('weberror', (error) => {
      this.problems.push(`${name} page error: ${error.error().message}`)
    })
  }
}

export const test = base.extend<
  Fixtures & SessionOptions & ShellOptions & CameraOptions & ConsoleOptions,
  StackOptions & { stack: Stack; cameraBrowsers: Map<string, Promise<Browser>> }
>({
  shape: ['root', { option: true, scope: 'worker' }],
  /**
   * One BFF with its own sandbox per worker, on ephemeral ports, so workers run side by side
   * without sharing a sandbox (every test resets its own) or a PIN lockout. The relaxed OTP policy
   * is the specs' default; a spec that needs another sets it through the sandbox's settings.
   */
  stack: [
    async ({ shape }, use) => {
      const main = spawnMain({
        ZUPY_SANDBOX_SHAPE: shape,
        ZUPY_SANDBOX_OTP_POLICY: 'relaxed',
        ZUPY_TIMEOUT_MS: String(UPSTREAM_TIMEOUT_MS),
      })
      const listening = await main.listening
      await use({ url: String(listening.url), sandboxURL: String(listening.sandbox_url) })
      main.child.kill('SIGTERM')
      await main.exit
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  baseURL: async ({ stack }, use) => {
    await use(stack.url)
  },
  sandboxURL: async ({ stack }, use) => {
    await use(stack.sandboxURL)
  },
  signedIn: [true, { option: true }],
  serviceWorker: [false, { option: true }],
  cameraArgs: [null, { option: true }],
  cameraBrowsers: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from it
    async ({}, use) => {
      const browsers = new Map<string, Promise<Browser>>()
      await use(browsers)
      for (const browser of browsers.values()) await (await browser).close()
    },
    { scope: 'worker' },
  ],
  context: async (
    {
      context: shellContext,
      cameraArgs,
      cameraBrowsers,
      playwright,
      serviceWorker,
      baseURL,
      locale,
      permissions,
      viewport,
      deviceScaleFactor,
      hasTouch,
      isMobile,
      userAgent,
    },
    use,
  ) => {
    let context = shellContext
    let own: BrowserContext | null = null
    if (cameraArgs) {
      const key = cameraArgs.join(' ')
      let browser = cameraBrowsers.get(key)
      if (!browser) {
        browser = playwright.chromium.launch({
          ...cameraBrowser,
          args: [...chromiumArgs, ...cameraArgs],
        })
        cameraBrowsers.set(key, browser)
      }
      own = await (
        await browser
      ).newContext({
        baseURL,
        locale,
        permissions,
        viewport,
        deviceScaleFactor,
        hasTouch,
        isMobile,
        userAgent,
      })
      context = own
    }
    if (!serviceWorker)
      await context.addInitScript('delete Object.getPrototypeOf(navigator).serviceWorker')
    await use(context)
    await own?.close()
  },
  allowedConsoleErrors: [null, { option: true }],
  consoleGuard: [
    async ({ context, allowedConsoleErrors }, use) => {
      const guard = new ConsoleGuard(allowedConsoleErrors)
      guard.watch(context)
      await use(guard)
      expect(guard.problems, 'no console errors or uncaught exceptions').toEqual([])
    },
    { auto: true },
  ],
  // The context's own request shares its cookie jar, so specs' API calls are signed in too.
  request: async ({ context }, use) => {
    await use(context.request)
  },
  cashierSession: [
    async ({ context, baseURL, signedIn }, use) => {
      if (signedIn) await signIn(context.request, baseURL ?? '')
      await use(undefined)
    },
    { auto: true },
  ],
  // Auto: every test starts from the seed, whether or not it asks for the control. A test that
  // only reads (the layout specs) otherwise met what the worker's previous test left behind, a
  // coupon used or a setting changed, depending on which tests the worker had run.
  sandbox: [
    async ({ request, sandboxURL }, use) => {
      const control = new SandboxControl(request, sandboxURL)
      await control.reset()
      await use(control)
    },
    { auto: true },
  ],
})

export { expect }
