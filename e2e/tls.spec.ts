import { chromium, type Browser, type Page } from '@playwright/test'
import { spawnMain } from '../bff/testing/spawn-main'
import { makeTestCertificate, type TestCertificate } from '../bff/testing/tls-cert'
import { cameraBrowser, chromiumArgs } from '../playwright.config'
import { expect, SandboxControl, SANDBOX_PIN, test } from './fixtures'
import { CAMERA_FIXTURES, fakeCameraArgs } from './scan-fixtures'

/**
 * A tablet on the store network (issue 6). Browsers give the camera only to secure pages, so:
 * - a BFF given TLS_CERT_FILE / TLS_KEY_FILE (a self-signed certificate for pos.test made here)
 *   serves the app over HTTPS with HSTS, and the camera starts there, Chromium trusting exactly
 *   that certificate (by its public key) and resolving pos.test to 127.0.0.1;
 * - the same app over plain http://pos.test explains why the camera is off and how to fix it, and
 *   the typed code still reaches a verdict.
 * Each BFF is the real bff/main.ts with its own sandbox, on ephemeral ports, in this project's
 * response shape; each half has its own browser, so the first one's HSTS cannot upgrade the second.
 */

const HOST = 'pos.test'

interface RunningBff {
  port: number
  sandboxUrl: string
  stop: () => Promise<void>
}

/** bff/main.ts in sandbox mode on port 0; resolves once it logs `listening`. */
async function startBff(env: Record<string, string>): Promise<RunningBff> {
  const main = spawnMain({ ZUPY_SANDBOX_OTP_POLICY: 'trusted', ...env })
  const listening = await main.listening
  return {
    port: Number(new URL(String(listening.url)).port),
    sandboxUrl: String(listening.sandbox_url),
    stop: async () => {
      if (main.child.exitCode === null) main.child.kill('SIGTERM')
      await main.exit
    },
  }
}

/** A Chromium that maps pos.test to loopback, trusts `cert` only, and has a fake camera. */
function launchBrowser(cert: TestCertificate | null): Promise<Browser> {
  return chromium.launch({
    ...cameraBrowser,
    args: [
      ...chromiumArgs,
      `--host-resolver-rules=MAP ${HOST} 127.0.0.1`,
      ...(cert ? [`--ignore-certificate-errors-spki-list=${cert.spkiSha256}`] : []),
      ...fakeCameraArgs(CAMERA_FIXTURES.fresh.file),
    ],
  })
}

/**
 * Signs in on the lock screen, as a cashier on the tablet would, then opens the scan screen from
 * the navigation (signing in on /scan itself would let the camera read behind the lock screen).
 */
async function openScanSignedIn(page: Page, origin: string) {
  const response = await page.goto(`${origin}/`)
  const lock = page.getByRole('dialog', { name: 'Locked' })
  await expect(lock).toBeVisible()
  await lock.getByRole('textbox', { name: 'PIN' }).fill(SANDBOX_PIN)
  await lock.getByRole('button', { name: 'Unlock' }).click()
  await expect(lock).toBeHidden()
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Scan' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Scan a coupon' })).toBeVisible()
  expect(page.url()).toBe(`${origin}/scan`)
  return response
}

const scanResult = (page: Page) => page.getByRole('region', { name: 'Scan result' })
const verdict = (page: Page, name: string) =>
  scanResult(page).getByRole('heading', { level: 2, name, exact: true })

let cert: TestCertificate
let https: RunningBff
let plain: RunningBff

test.beforeAll(async () => {
  cert = makeTestCertificate(HOST)
  const shape = test.info().project.name === 'envelope' ? 'envelope' : 'root'
  ;[https, plain] = await Promise.all([
    startBff({
      ZUPY_SANDBOX_SHAPE: shape,
      TLS_CERT_FILE: cert.certFile,
      TLS_KEY_FILE: cert.keyFile,
    }),
    startBff({ ZUPY_SANDBOX_SHAPE: shape }),
  ])
})

test.afterAll(async () => {
  await Promise.all([https.stop(), plain.stop()])
  cert.remove()
})

test('over HTTPS with its own certificate: a secure page, HSTS, and the camera reads a coupon', async ({
  request,
  consoleGuard,
}) => {
  await new SandboxControl(request, https.sandboxUrl).createCoupon({
    coupon_code: CAMERA_FIXTURES.fresh.code,
  })
  const browser = await launchBrowser(cert)
  try {
    const context = await browser.newContext({ locale: 'en-US' })
    consoleGuard.watch(context, 'https')
    const page = await context.newPage()
    const origin = `https://${HOST}:${https.port}`
    const response = await openScanSignedIn(page, origin)
    expect(response?.headers()['strict-transport-security']).toBe('max-age=31536000')
    expect(await page.evaluate(() => window.isSecureContext)).toBe(true)

    // The camera is live: a playing <video> with frames, and the QR it shows decoded.
    await expect
      .poll(() => page.evaluate(() => document.querySelector('video')?.readyState ?? 0), {
        timeout: 15_000,
      })
      .toBeGreaterThanOrEqual(2)
    await expect(verdict(page, 'Active')).toBeVisible({ timeout: 15_000 })
    await expect(scanResult(page)).toContainText(CAMERA_FIXTURES.fresh.code.slice(0, 7))
    await expect(page.getByRole('alert')).toHaveCount(0)

    // The session cookie is the HTTPS one.
    const cookies = await context.cookies(origin)
    expect(cookies.map((c) => [c.name, c.secure, c.httpOnly])).toEqual([
      ['__Host-zupy_pos_session', true, true],
    ])
    await context.close()
  } finally {
    await browser.close()
  }
})

test('over plain HTTP on a LAN name: says why the camera is off and how to fix it; the typed code still works', async ({
  request,
  consoleGuard,
}) => {
  const { coupon_code } = await new SandboxControl(request, plain.sandboxUrl).createCoupon()
  const browser = await launchBrowser(null)
  try {
    const context = await browser.newContext({ locale: 'en-US' })
    // Chromium says so when an http:// page other than localhost sends COOP: true, and harmless.
    consoleGuard.allow(/^The Cross-Origin-Opener-Policy header has been ignored/)
    consoleGuard.watch(context, 'http')
    const page = await context.newPage()
    const origin = `http://${HOST}:${plain.port}`
    const response = await openScanSignedIn(page, origin)
    expect(response?.headers()['strict-transport-security']).toBeUndefined()
    expect(await page.evaluate(() => window.isSecureContext)).toBe(false)
    // No service worker either: browsers keep them for secure pages.
    expect(await page.evaluate(() => 'serviceWorker' in navigator)).toBe(false)

    const problem = page.getByRole('alert').filter({ hasText: 'secure address' })
    await expect(problem.getByRole('heading')).toHaveText(
      '⚠ The camera only works on a secure address',
    )
    await expect(problem).toContainText(origin)
    await expect(problem).toContainText('TLS_CERT_FILE and TLS_KEY_FILE')
    await expect(problem).toContainText('TLS reverse proxy')
    expect(await page.locator('video').count()).toBe(0)

    await page.getByRole('textbox', { name: 'Coupon code' }).fill(coupon_code.toLowerCase())
    await page.getByRole('button', { name: 'Check' }).click()
    await expect(verdict(page, 'Active')).toBeVisible()
    await context.close()
  } finally {
    await browser.close()
  }
})
