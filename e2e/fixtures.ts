import { test as base, expect, type APIRequestContext } from '@playwright/test'

export interface SandboxOptions {
  /** The embedded sandbox of the BFF under test: its control routes live at `/_sandbox/...`. */
  sandboxURL: string
}

export interface SessionOptions {
  /** False for a context that starts without a cashier session (the lock screen's specs). */
  signedIn: boolean
}

interface Fixtures {
  sandbox: SandboxControl
  /** Signs the browser context in before each test (the e2e stacks run with the sandbox PIN). */
  cashierSession: undefined
}

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

  /** What the sandbox received on /api/v2 (its last 500 requests). */
  async requests(): Promise<unknown[]> {
    const res = await this.request.get(`${this.url}/_sandbox/requests`)
    expect(res.ok()).toBe(true)
    return ((await res.json()) as { requests: unknown[] }).requests
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

export const test = base.extend<Fixtures & SandboxOptions & SessionOptions>({
  sandboxURL: ['http://127.0.0.1:4100', { option: true }],
  signedIn: [true, { option: true }],
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
  sandbox: async ({ request, sandboxURL }, use) => {
    const control = new SandboxControl(request, sandboxURL)
    await control.reset()
    await use(control)
  },
})

export { expect }
