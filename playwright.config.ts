import { existsSync } from 'node:fs'
import { defineConfig, devices } from '@playwright/test'
import type { SandboxOptions } from './e2e/fixtures'

/**
 * Debian's Chromium here (Playwright cannot download browsers on this machine); on a laptop with
 * Playwright's own browsers installed, unset CHROMIUM_PATH and remove /usr/bin/chromium from the
 * picture, or set CHROMIUM_PATH to any Chromium.
 */
export const chromiumPath =
  process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined)

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]

/**
 * One BFF (with its embedded sandbox) per response shape: the app must work against both.
 * E2E_PORT_BASE moves every port (BFFs on base+0/1, sandboxes on base+1000/1001), so two runs can
 * share a machine.
 */
const portBase = Number(process.env.E2E_PORT_BASE ?? 3100)
export const stacks = [
  { name: 'root', bffPort: portBase, sandboxPort: portBase + 1000, shape: 'root' },
  { name: 'envelope', bffPort: portBase + 1, sandboxPort: portBase + 1001, shape: 'envelope' },
] as const

/**
 * Tag of tests whose subject does not depend on the API's response shape (accessibility, layout,
 * keyboard): they run against the `root` stack only.
 */
export const SHAPE_INDEPENDENT = '@shape-independent'

export default defineConfig<SandboxOptions>({
  testDir: './e2e',
  // Writes the fake-camera streams the scan specs play (e2e/scan-fixtures.ts).
  globalSetup: './e2e/global-setup.ts',
  // One folder per port base, so two runs on one machine do not delete each other's artifacts.
  outputDir: `./test-results/${portBase}`,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 30_000,
  reporter: [['list'], ['json', { outputFile: 'reports/playwright.json' }]],
  use: { trace: 'retain-on-failure' },
  webServer: stacks.map((stack) => ({
    // The BFF in sandbox mode (no ZUPY_API_KEY) starts its own sandbox on ZUPY_SANDBOX_PORT.
    command: 'node --import tsx bff/main.ts',
    url: `http://127.0.0.1:${stack.bffPort}/api/pos/health`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
    env: {
      PORT: String(stack.bffPort),
      HOST: '127.0.0.1',
      ZUPY_API_KEY: '',
      ZUPY_SANDBOX_PORT: String(stack.sandboxPort),
      ZUPY_SANDBOX_SHAPE: stack.shape,
      ZUPY_SANDBOX_OTP_POLICY: 'relaxed',
    },
  })),
  projects: stacks.map((stack) => ({
    name: stack.name,
    ...(stack.name === 'root' ? {} : { grepInvert: new RegExp(SHAPE_INDEPENDENT) }),
    use: {
      ...devices['Desktop Chrome'],
      baseURL: `http://127.0.0.1:${stack.bffPort}`,
      sandboxURL: `http://127.0.0.1:${stack.sandboxPort}`,
      launchOptions: {
        ...(chromiumPath ? { executablePath: chromiumPath } : {}),
        args: chromiumArgs,
      },
    },
  })),
})
