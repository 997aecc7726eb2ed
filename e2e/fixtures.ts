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
