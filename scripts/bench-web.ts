/**
 * `npm run bench:web`: what a till's browser pays, measured in Debian's Chromium against the real
 * BFF (sandbox mode) serving a fresh production build. Not a test: it prints numbers beside the
 * goals of issue 11 and beside a reference measured in the same run (this machine is shared and
 * noisy, so read ratios, not absolutes).
 *
 * - first screen: every file the lock screen and then the lookup fetch, cold (no HTTP cache, no
 *   service worker): JS gzip -9 (the size the goal is stated in) and bytes on the wire;
 * - FCP: median first-contentful-paint of BENCH_RUNS cold loads of the app, and of a bare HTML
 *   page served from this process as the floor on this machine;
 * - scan: median time from clicking "Scan" on the lookup (signed in, idle for a moment, as at a
 *   counter) to the verdict of a QR held in front of the fake camera, over BENCH_RUNS cold
 *   contexts; and, from the app's own marks, camera start → verdict (what the next code costs
 *   once the screen is open).
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { gzipSync } from 'node:zlib'
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Page,
  type Request,
} from '@playwright/test'
import { spawnMain } from '../bff/testing/spawn-main'
import { CAMERA_FIXTURES, fakeCameraArgs, FIXTURE_DIR, writeQrY4m } from '../e2e/scan-fixtures'
import { chromiumArgs, chromiumPath } from '../playwright.config'
import { median } from './bench-support'

const RUNS = Number(process.env.BENCH_RUNS ?? 10)
const PIN = '1234'
const fixture = CAMERA_FIXTURES.fresh

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
const ms = (value: number) => `${Math.round(value)} ms`
const range = (values: number[]) => `${ms(Math.min(...values))}–${ms(Math.max(...values))}`
const verdict = (met: boolean) => (met ? 'met' : 'MISSED')

function build(): void {
  console.log('Building (npm run build)…')
  const result = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' })
  if (result.status !== 0) throw new Error('the build failed')
}

async function startReference(): Promise<{ url: string; close: () => Promise<void> }> {
  const page =
    '<!doctype html><html lang="pt-BR"><head><meta charset="utf-8"><title>Zupy POS</title>' +
    '<meta name="viewport" content="width=device-width"></head><body><h1>Zupy POS</h1></body></html>'
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    response.end(page)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise((resolve) =>
        server.close(() => {
          resolve()
        }),
      ),
  }
}

async function signInOnLockScreen(page: Page): Promise<void> {
  const lock = page.getByRole('dialog', { name: 'Locked' })
  await lock.getByRole('textbox', { name: 'PIN' }).fill(PIN)
  await lock.getByRole('button', { name: 'Unlock' }).click()
  await lock.waitFor({ state: 'hidden' })
  await page.getByRole('searchbox', { name: 'Search customer' }).waitFor()
}

interface Fetched {
  url: string
  type: string
  wire: number
  gzip: number
}

async function firstScreen(browser: Browser, base: string): Promise<Fetched[]> {
  const context = await browser.newContext({ locale: 'en-US', serviceWorkers: 'block' })
  const page = await context.newPage()
  // What the lock screen and the lookup ask for: requests made before the lookup shows. What the
  // app prefetches afterwards, when idle (the scan screen), is not the first screen.
  const requests: Request[] = []
  let counting = true
  page.on('request', (request) => {
    if (counting) requests.push(request)
  })
  await page.goto(base)
  await signInOnLockScreen(page)
  counting = false
  await page.waitForLoadState('networkidle')
  const origin = new URL(base).origin
  const fetched: Fetched[] = []
  for (const request of requests) {
    const url = new URL(request.url())
    const response = await request.response()
    if (url.origin !== origin || url.pathname.startsWith('/api/') || !response) continue
    const sizes = await request.sizes()
    const body = await response.body().catch(() => Buffer.alloc(0))
    fetched.push({
      url: url.pathname,
      type: request.resourceType(),
      wire: sizes.responseBodySize + sizes.responseHeadersSize,
      gzip: gzipSync(body, { level: 9 }).length,
    })
  }
  await context.close()
  return fetched
}

async function coldFcp(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext({ locale: 'en-US', serviceWorkers: 'block' })
  const page = await context.newPage()
  await page.goto(url, { waitUntil: 'load' })
  const fcp = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        new PerformanceObserver((list) => {
          const entry = list.getEntriesByName('first-contentful-paint')[0]
          if (entry) resolve(entry.startTime)
        }).observe({ type: 'paint', buffered: true })
      }),
  )
  await context.close()
  return fcp
}

async function createCoupon(sandboxUrl: string): Promise<void> {
  await fetch(`${sandboxUrl}/_sandbox/coupons`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ coupon_code: fixture.code }),
  })
}

interface ScanRun {
  clickToVerdict: number
  cameraToVerdict: number
}

/** `settleMs`: how long the cashier stays on the lookup before "Scan" (the app prefetches then). */
async function scanRun(browser: Browser, base: string, settleMs: number): Promise<ScanRun> {
  const context: BrowserContext = await browser.newContext({
    locale: 'en-US',
    permissions: ['camera'],
    serviceWorkers: 'block',
  })
  const page = await context.newPage()
  await page.goto(base)
  await signInOnLockScreen(page)
  await page.waitForTimeout(settleMs)
  // A string, not a function: tsx would wrap a function's inner helpers in its own __name().
  await page.evaluate(`
    new MutationObserver((_records, observer) => {
      const headings = [...document.querySelectorAll('h2')]
      if (!headings.some((heading) => heading.textContent === 'Active')) return
      performance.mark('bench:verdict-seen')
      observer.disconnect()
    }).observe(document.body, { childList: true, subtree: true, characterData: true })
  `)
  const link = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Scan' })
  await link.evaluate((element) => {
    element.addEventListener('click', () => performance.mark('bench:scan-click'), { once: true })
  })
  await link.click()
  await page.getByRole('heading', { level: 2, name: 'Active', exact: true }).waitFor({
    timeout: 20_000,
  })
  const run = await page.evaluate<ScanRun>(`(() => {
    const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? Number.NaN
    return {
      clickToVerdict: at('bench:verdict-seen') - at('bench:scan-click'),
      cameraToVerdict: at('zupy-scan:verdict') - at('zupy-scan:camera-start'),
    }
  })()`)
  await context.close()
  return run
}

async function main(): Promise<void> {
  build()
  mkdirSync(FIXTURE_DIR, { recursive: true })
  writeQrY4m(fixture)
  const bff = spawnMain({ ZUPY_SANDBOX_OTP_POLICY: 'trusted' })
  const reference = await startReference()
  const browser = await chromium.launch({
    ...(chromiumPath ? { executablePath: chromiumPath } : {}),
    args: [...chromiumArgs, ...fakeCameraArgs(fixture.file)],
  })
  try {
    const listening = await bff.listening
    const base = String(listening.url)
    const sandboxUrl = String(listening.sandbox_url)
    await createCoupon(sandboxUrl)

    const fetched = await firstScreen(browser, base)
    const js = fetched.filter((entry) => entry.type === 'script')
    const jsGzip = js.reduce((sum, entry) => sum + entry.gzip, 0)
    const jsWire = js.reduce((sum, entry) => sum + entry.wire, 0)
    const allWire = fetched.reduce((sum, entry) => sum + entry.wire, 0)
    console.log('\nFirst screen (lock screen → lookup), cold, no service worker:')
    for (const entry of fetched)
      console.log(`  ${entry.type.padEnd(10)} ${kb(entry.wire).padStart(10)} wire  ${entry.url}`)
    console.log(
      `  JS: ${String(js.length)} files, ${kb(jsGzip)} gzip -9 (goal ≤ 100 KB: ${verdict(jsGzip <= 100 * 1024)}), ` +
        `${kb(jsWire)} on the wire (goal ≤ gzip size: ${verdict(jsWire <= jsGzip * 1.05)})`,
    )
    console.log(`  everything on the wire: ${kb(allWire)}`)

    const appFcp: number[] = []
    const bareFcp: number[] = []
    // Alternating, so a burst of load on the machine hits both alike.
    for (let run = 0; run < RUNS; run++) {
      appFcp.push(await coldFcp(browser, base))
      bareFcp.push(await coldFcp(browser, reference.url))
    }
    const fcp = median(appFcp)
    const floor = median(bareFcp)
    console.log(`\nFirst contentful paint, ${String(RUNS)} cold loads each (median, range):`)
    console.log(`  app        ${ms(fcp)} (${range(appFcp)})  goal ≤ 300 ms: ${verdict(fcp <= 300)}`)
    console.log(`  bare page  ${ms(floor)} (${range(bareFcp)})  reference: this machine's floor`)
    console.log(`  ratio app / bare: ${(fcp / floor).toFixed(2)}×`)

    for (const settleMs of [2000, 0]) {
      const runs: ScanRun[] = []
      for (let run = 0; run < RUNS; run++) runs.push(await scanRun(browser, base, settleMs))
      const click = runs.map((run) => run.clickToVerdict)
      const camera = runs.map((run) => run.cameraToVerdict)
      console.log(
        `\nScan, ${String(RUNS)} cold contexts, "Scan" clicked ${settleMs ? `${String(settleMs / 1000)} s after` : 'right after'} sign-in (median, range):`,
      )
      console.log(
        `  "Scan" clicked → verdict   ${ms(median(click))} (${range(click)})${settleMs ? `  goal ≤ 1000 ms: ${verdict(median(click) <= 1000)}` : ''}`,
      )
      console.log(
        `  camera start → verdict     ${ms(median(camera))} (${range(camera)})  the next code, screen open (goal ≤ 300 ms): ${verdict(median(camera) <= 300)}`,
      )
    }
  } finally {
    await browser.close()
    await reference.close()
    bff.child.kill('SIGTERM')
    await bff.exit
  }
}

await main()
