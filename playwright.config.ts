import { existsSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { defineConfig, devices } from '@playwright/test'
import type { StackOptions } from './e2e/fixtures'
import { FULL_MATRIX, SMOKE } from './e2e/matrix'

/**
 * Browsers: Debian's here (Playwright cannot download browsers on this machine). On a laptop with
 * Playwright's own browsers, leave the variables unset and have neither Debian package.
 *
 * Most specs run in the old headless shell (Debian `chromium-headless-shell`): a page load there
 * costs about 40% less than in the full browser's headless mode (16 specs: 50 s against 78 s).
 * Specs that use a camera run in the full browser, whose fake capture device the shell does not
 * offer (it lists no cameras): see `cameraBrowser`.
 */
export const chromiumPath =
  process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined)

export const headlessShellPath =
  process.env.CHROMIUM_HEADLESS_SHELL_PATH ??
  (existsSync('/usr/bin/chromium-headless-shell')
    ? '/usr/bin/chromium-headless-shell'
    : chromiumPath)

/** Launch options naming the full browser: Debian's, or Playwright's own (`channel: 'chromium'`). */
export const cameraBrowser: { executablePath: string } | { channel: string } = chromiumPath
  ? { executablePath: chromiumPath }
  : { channel: 'chromium' }

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
 * Tag of tests whose subject does not depend on the API's response shape (accessibility, layout,
 * keyboard): under E2E_FULL=1 they still run against the `root` shape only.
 */
export const SHAPE_INDEPENDENT = '@shape-independent'

/**
 * Specs that measure key timing: they run after the others, one at a time, so that another
 * worker's Chromium does not take the core they time on.
 */
const ALONE = /scan-wedge-speeds\.spec\.ts$/

/**
 * Three workers on the 2-core CI machine (half the cores elsewhere, if more): a worker is a
 * Chromium plus its own BFF and sandbox, and its tests spend part of their time waiting (on the
 * upstream deadline, on held answers, on the page's own timers), which a third worker's tests
 * fill. The whole suite, alone on that machine, one run each: 157.7 s with two workers, 124.6 s
 * with three (2026-12-06); earlier, 223 s with two against 259 s with one.
 */
const workers = Number(
  process.env.E2E_WORKERS ?? Math.max(3, Math.floor(availableParallelism() / 2)),
)

/** A project's browser, and the response shape of its workers' sandboxes. */
function use(shape: StackOptions['shape']) {
  return {
    ...devices['Desktop Chrome'],
    shape,
    launchOptions: {
      ...(headlessShellPath ? { executablePath: headlessShellPath } : {}),
      args: chromiumArgs,
    },
  }
}

export default defineConfig<StackOptions>({
  testDir: './e2e',
  // Writes the fake-camera streams the scan specs play (e2e/scan-fixtures.ts).
  globalSetup: './e2e/global-setup.ts',
  outputDir: './test-results/e2e',
  // Each worker starts its own BFF and sandbox (e2e/fixtures.ts), so workers share nothing.
  workers,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 30_000,
  reporter: [['list'], ['json', { outputFile: 'reports/playwright.json' }]],
  use: {
    // No trace: recording one costs more than the tests themselves (22 specs: 107 s of CPU with
    // 'retain-on-failure', 57 s without; the screencast is most of it), and CI keeps none. To
    // debug a failure, run it again with `--trace on`.
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'root', testIgnore: ALONE, use: use('root') },
    {
      name: 'envelope',
      ...(FULL_MATRIX
        ? { grepInvert: new RegExp(SHAPE_INDEPENDENT) }
        : { grep: new RegExp(SMOKE) }),
      use: use('envelope'),
    },
    {
      name: 'timing',
      testMatch: ALONE,
      dependencies: ['root', 'envelope'],
      workers: 1,
      use: use('root'),
    },
  ],
})
