import type { BrowserContext, Page } from '@playwright/test'
import { SEED } from '../sandbox/seed'
import { startBuildServer, type BuildServer } from './build-server'
import { expect, failedStatus, SANDBOX_PIN, SandboxControl, test } from './fixtures'

/**
 * New versions reach open tills (issue 10). A till opened on build N stays open all day while
 * build N+1 replaces the server's files: its next lazy screen still shows (from the service
 * worker's cache of build N, or after an automatic reload into build N+1 where there is no worker),
 * and the header offers the new version, never in the middle of a validate.
 *
 * Each test builds the app into a folder of its own and serves it with a BFF of its own
 * (e2e/build-server.ts): the shared dist/ of the other specs is never touched.
 */

// The service worker is this spec's subject (e2e/fixtures.ts hides it from most specs).
test.use({ locale: 'en-US', signedIn: false, serviceWorker: true })
// Two builds of ~4 s each, a service-worker install and a delayed validate.
test.setTimeout(90_000)

let server: BuildServer

test.beforeEach(async () => {
  server = await startBuildServer()
})

test.afterEach(async ({ page }) => {
  // The page first: left open, its idle prefetch and status checks would hit a closed server.
  await page.close()
  await server.close()
})

/** Build ids unique to this run, so a page can only show one by running that build. */
const run = Date.now().toString(36)
const BUILD_N = `e2e-${run}-n`
const BUILD_N1 = `e2e-${run}-n1`

async function signIn(context: BrowserContext) {
  const res = await context.request.post(`${server.url}/api/pos/session`, {
    data: { pin: SANDBOX_PIN },
    headers: { 'Content-Type': 'application/json', Origin: server.url },
  })
  expect(res.status(), await res.text()).toBe(204)
}

const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' })
const updateOffer = (page: Page) => page.getByRole('button', { name: 'New version — Reload' })
const errorScreen = (page: Page) => page.getByRole('heading', { name: 'Something went wrong' })

/** Opens Settings from the header (a client-side navigation) and returns its build row's value. */
async function openSettings(page: Page) {
  await nav(page).getByRole('link', { name: 'Settings' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()
  return page.getByRole('definition').filter({ hasText: /^e2e-/ })
}

/**
 * Every level-1 heading any document of this tab showed, kept in sessionStorage so it survives
 * reloads: proof that the error screen never flashed, not only that it is gone now.
 */
async function recordHeadings(page: Page) {
  await page.addInitScript(() => {
    const key = 'e2e:headings'
    new MutationObserver(() => {
      const seen = JSON.parse(sessionStorage.getItem(key) ?? '[]') as string[]
      for (const heading of document.querySelectorAll('h1')) {
        const text = heading.textContent
        if (!seen.includes(text)) seen.push(text)
      }
      sessionStorage.setItem(key, JSON.stringify(seen))
    }).observe(document, { subtree: true, childList: true, characterData: true })
  })
  return () =>
    page.evaluate(() => JSON.parse(sessionStorage.getItem('e2e:headings') ?? '[]') as string[])
}

test('with the service worker: build N keeps working after N+1 is deployed, and Reload brings N+1 when no validate is in flight', async ({
  page,
  context,
}) => {
  const sandbox = new SandboxControl(context.request, server.sandboxURL)
  await sandbox.settings({ otp_policy: 'trusted' })
  await server.build(BUILD_N)
  await signIn(context)
  const headings = await recordHeadings(page)

  await page.goto(`${server.url}/`)
  await expect(page.getByRole('heading', { level: 1, name: 'Find a customer' })).toBeVisible()
  // The first worker activates by itself; it controls the pages loaded after it.
  await page.evaluate(() => navigator.serviceWorker.ready)
  await page.reload()
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null))
    .toBe(true)

  await server.build(BUILD_N1)

  // What the app does when a till comes back into view: ask the server for a new worker. It
  // installs build N+1 and waits.
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')))
  await expect(updateOffer(page)).toBeVisible()

  // Settings was never loaded in this page, and its chunk of build N is gone from the server:
  // the worker of build N, still in charge, has it.
  await expect(await openSettings(page)).toHaveText(BUILD_N)
  expect(await headings()).not.toContain('Something went wrong')

  // A validate in flight (the sandbox holds its answer for 3 s): the offer steps aside.
  await nav(page).getByRole('link', { name: 'Lookup' }).click()
  const search = page.getByRole('searchbox', { name: 'Search customer' })
  await search.fill(SEED.coupons.mariaActive.code)
  await search.press('Enter')
  await expect(page.getByRole('heading', { level: 2, name: 'Active', exact: true })).toBeVisible()
  await sandbox.addFault({
    method: 'POST',
    path: '/validate/',
    fault: { kind: 'latency', ms: 3000 },
  })
  await page.getByRole('button', { name: 'Use coupon' }).click()
  await expect(updateOffer(page)).toBeHidden()
  await expect(page.getByRole('heading', { level: 2, name: 'Validated', exact: true })).toHaveCount(
    0,
  )
  await expect(
    page.getByRole('heading', { level: 2, name: 'Validated', exact: true }),
  ).toBeVisible()
  await expect(updateOffer(page)).toBeVisible()

  await updateOffer(page).click()
  // The reload keeps the address: the coupon, now used.
  await expect(
    page.getByRole('heading', { level: 2, name: 'Already used', exact: true }),
  ).toBeVisible()
  await expect(await openSettings(page)).toHaveText(BUILD_N1)
  await expect(updateOffer(page)).toHaveCount(0)
  expect(await headings()).not.toContain('Something went wrong')
})

test.describe('without a service worker (plain HTTP on a LAN address)', () => {
  // The page asks for build N's Settings chunk once, and the server no longer has it.
  test.use({ allowedConsoleErrors: failedStatus('404') })

  test.beforeEach(async ({ page }) => {
    // What a browser offers a page on http://<LAN address>: no `navigator.serviceWorker` at all.
    // (Playwright's `serviceWorkers: 'block'` instead answers register() with undefined.)
    await page.addInitScript(() => {
      Reflect.deleteProperty(Navigator.prototype, 'serviceWorker')
    })
  })

  test('a lazy screen of build N, gone from the server, shows from build N+1 after one automatic reload', async ({
    page,
    context,
  }) => {
    await server.build(BUILD_N)
    await signIn(context)
    const headings = await recordHeadings(page)
    await page.goto(`${server.url}/`)
    await expect(page.getByRole('heading', { level: 1, name: 'Find a customer' })).toBeVisible()

    await server.build(BUILD_N1)

    const loads: string[] = []
    page.on('load', () => loads.push(page.url()))
    await expect(await openSettings(page)).toHaveText(BUILD_N1)
    expect(loads).toEqual([`${server.url}/settings`])
    await expect(errorScreen(page)).toHaveCount(0)
    expect(await headings()).not.toContain('Something went wrong')
  })
})
