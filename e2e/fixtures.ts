import { test as base, expect, type APIRequestContext } from '@playwright/test'

export interface SandboxOptions {
  /** The embedded sandbox of the BFF under test: its control routes live at `/_sandbox/...`. */
  sandboxURL: string
}

interface Fixtures {
  sandbox: SandboxControl
}

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
}

export const test = base.extend<Fixtures & SandboxOptions>({
  sandboxURL: ['http://127.0.0.1:4100', { option: true }],
  sandbox: async ({ request, sandboxURL }, use) => {
    const control = new SandboxControl(request, sandboxURL)
    await control.reset()
    await use(control)
  },
})

export { expect }
