import type { Page, Route } from '@playwright/test'
import { SEED } from '../sandbox/seed'
import { anyOf, expect, FAILED_NETWORK, failedStatus, test, type SandboxControl } from './fixtures'

/**
 * G11, the client's half of "no fault may make the till lie" (reliability.md §5, issue 5): a
 * validate or redeem that fails with a 5xx or times out was sent exactly once and is never sent
 * again by the app; five taps in one frame send one POST; offline, the banner shows within 1 s,
 * the action is disabled and nothing is sent, then or after reconnecting; and "Validated" is never
 * shown before the server's 200. Faults are made in the browser with `page.route` (the POST still
 * counts where it leaves the page), so the sandbox sees nothing unless the route lets it through.
 *
 * Written against the coupon and rewards screens (src/features/coupons, src/features/rewards);
 * drop it into e2e/ next to validate.spec.ts and redeem.spec.ts.
 */

const C = SEED.coupons
const { maria } = SEED.customers
const { sobremesa } = SEED.rewards

const VALIDATE_ROUTE = '**/api/v2/customers/*/coupons/*/validate/'
const REDEEM_ROUTE = '**/api/v2/customers/*/rewards/*/redeem/'
const isValidate = (path: string) => /\/coupons\/[^/]+\/validate\/$/.test(path)
const isRedeem = (path: string) => /\/rewards\/[^/]+\/redeem\/$/.test(path)

test.use({ locale: 'en-US' })

/**
 * Chromium logs every failed fetch: 4xx/5xx as "Failed to load resource: the server responded…",
 * an aborted or offline one as "net::ERR_…". Those are this spec's faults; anything else fails.
 */
test.use({ allowedConsoleErrors: anyOf(failedStatus('\\d{3}'), FAILED_NETWORK) })

/** The POSTs the page sends whose path matches, counted as they leave the browser. */
function watchPosts(page: Page, matches: (path: string) => boolean): string[] {
  const posts: string[] = []
  page.on('request', (request) => {
    if (request.method() === 'POST' && matches(new URL(request.url()).pathname))
      posts.push(request.url())
  })
  return posts
}

async function upstreamPosts(sandbox: SandboxControl, matches: (path: string) => boolean) {
  return (await sandbox.requests()).filter((r) => r.method === 'POST' && matches(r.path))
}

/** Every level-2 heading the page ever showed, so a test can prove one never appeared. */
async function recordHeadings(page: Page) {
  await page.addInitScript(() => {
    const seen: string[] = []
    Object.assign(window, { __headings: seen })
    new MutationObserver(() => {
      for (const heading of document.querySelectorAll('h2')) {
        const text = heading.textContent
        if (!seen.includes(text)) seen.push(text)
      }
    }).observe(document, { subtree: true, childList: true, characterData: true })
  })
  return () => page.evaluate(() => (window as unknown as { __headings: string[] }).__headings)
}

const heading = (page: Page, name: string) =>
  page.getByRole('heading', { level: 2, name, exact: true })

/** A held response: the route waits until `release()`. */
function hold() {
  const gate = { open: (): void => undefined }
  const released = new Promise<void>((resolve) => {
    gate.open = resolve
  })
  return {
    released,
    release: () => {
      gate.open()
    },
  }
}

const serverError = (route: Route) =>
  route.fulfill({
    status: 500,
    contentType: 'application/problem+json',
    body: JSON.stringify({
      type: 'https://docs.zupy.com/errors#internal-error',
      title: 'Internal Server Error',
      status: 500,
    }),
  })

const timedOut = (route: Route) => route.abort('timedout')

const faults = [
  { name: 'answered 500', fault: serverError },
  { name: 'timed out', fault: timedOut },
] as const

async function openCoupon(page: Page, sandbox: SandboxControl) {
  // No OTP step: one tap is one POST.
  await sandbox.settings({ otp_policy: 'trusted' })
  await page.goto(`/coupons/${C.mariaActive.code}`)
  await expect(heading(page, 'Active')).toBeVisible()
  const use = page.getByRole('button', { name: 'Use coupon' })
  await expect(use).toBeEnabled()
  return use
}

async function openRedeem(page: Page, sandbox: SandboxControl) {
  await sandbox.settings({ otp_policy: 'trusted' })
  await page.goto(`/customers/${maria.id}`)
  await page
    .getByRole('article', { name: sobremesa.name })
    .getByRole('button', { name: 'Redeem', exact: true })
    .click()
  const dialog = page.getByRole('dialog', { name: `Redeem ${sobremesa.name}?` })
  await expect(dialog).toBeVisible()
  const confirm = dialog.getByRole('button', { name: 'Confirm redeem' })
  await expect(confirm).toBeEnabled()
  return { dialog, confirm }
}

test.describe('validate', () => {
  for (const { name, fault } of faults) {
    test(`a validate ${name} was sent once, is never re-sent, and never reads Validated`, async ({
      page,
      sandbox,
    }) => {
      const posts = watchPosts(page, isValidate)
      let routed = 0
      await page.route(VALIDATE_ROUTE, async (route) => {
        routed += 1
        await fault(route)
      })
      const headings = await recordHeadings(page)
      const use = await openCoupon(page, sandbox)

      await use.click()
      // The app reads the coupon again (a GET) and finds it unused.
      await expect(heading(page, 'Not used. Try again')).toBeVisible()
      // Time for a wrong automatic retry to show up.
      await page.waitForTimeout(1500)
      expect(posts).toHaveLength(1)
      expect(routed).toBe(1)
      expect(await headings()).not.toContain('Validated')
      expect(await upstreamPosts(sandbox, isValidate)).toHaveLength(0)
    })
  }

  test('five taps in one frame send one POST; Validated shows only after the 200', async ({
    page,
    sandbox,
  }) => {
    const posts = watchPosts(page, isValidate)
    const response = hold()
    await page.route(VALIDATE_ROUTE, async (route) => {
      await response.released
      await route.continue()
    })
    const headings = await recordHeadings(page)
    const use = await openCoupon(page, sandbox)

    await use.evaluate((button: HTMLButtonElement) => {
      for (let tap = 0; tap < 5; tap += 1) button.click()
    })
    await expect.poll(() => posts.length).toBe(1)
    // In flight: the button says so and is disabled; no verdict yet, however long it takes.
    await expect(page.getByRole('button', { name: 'Using…' })).toBeDisabled()
    await page.waitForTimeout(1500)
    await expect(heading(page, 'Validated')).toHaveCount(0)
    expect(await headings()).not.toContain('Validated')
    expect(await upstreamPosts(sandbox, isValidate)).toHaveLength(0)

    response.release()
    await expect(heading(page, 'Validated')).toBeVisible()
    expect(posts).toHaveLength(1)
    expect(await upstreamPosts(sandbox, isValidate)).toHaveLength(1)
  })

  test('offline: the banner within 1 s, Use disabled, nothing sent, nothing after reconnecting', async ({
    page,
    context,
    sandbox,
  }) => {
    const posts = watchPosts(page, isValidate)
    const use = await openCoupon(page, sandbox)

    await context.setOffline(true)
    const banner = page.getByRole('status', { name: 'Offline' })
    await expect(banner).toBeVisible({ timeout: 1000 })
    await expect(use).toBeDisabled()
    await use.click({ force: true })
    await use.dispatchEvent('click')

    await context.setOffline(false)
    await expect(banner).toBeHidden()
    await expect(use).toBeEnabled()
    // Give a paused request every chance to fire before counting.
    await page.waitForTimeout(1500)
    expect(posts).toHaveLength(0)
    expect(await upstreamPosts(sandbox, isValidate)).toHaveLength(0)
    await expect(heading(page, 'Active')).toBeVisible()
  })
})

test.describe('redeem', () => {
  for (const { name, fault } of faults) {
    test(`a redeem ${name} was sent once and is never re-sent`, async ({ page, sandbox }) => {
      const posts = watchPosts(page, isRedeem)
      let routed = 0
      await page.route(REDEEM_ROUTE, async (route) => {
        routed += 1
        await fault(route)
      })
      const { confirm } = await openRedeem(page, sandbox)

      await confirm.click()
      // The app looks for a coupon the lost redeem might have made (a GET), and finds none; the
      // dialog is named by its verdict heading.
      await expect(page.getByRole('dialog', { name: 'Not redeemed. Try again' })).toBeVisible()
      await page.waitForTimeout(1500)
      expect(posts).toHaveLength(1)
      expect(routed).toBe(1)
      expect(await upstreamPosts(sandbox, isRedeem)).toHaveLength(0)
    })
  }

  test('five taps in one frame on Confirm redeem send one POST', async ({ page, sandbox }) => {
    const posts = watchPosts(page, isRedeem)
    const response = hold()
    await page.route(REDEEM_ROUTE, async (route) => {
      await response.released
      await route.continue()
    })
    const { dialog, confirm } = await openRedeem(page, sandbox)

    await confirm.evaluate((button: HTMLButtonElement) => {
      for (let tap = 0; tap < 5; tap += 1) button.click()
    })
    await expect.poll(() => posts.length).toBe(1)
    await expect(dialog.getByRole('button', { name: 'Redeeming…' })).toBeDisabled()
    await page.waitForTimeout(1000)
    await expect(page.getByRole('dialog', { name: 'Redeemed', exact: true })).toHaveCount(0)

    response.release()
    await expect(page.getByRole('dialog', { name: 'Redeemed', exact: true })).toBeVisible()
    expect(posts).toHaveLength(1)
    expect(await upstreamPosts(sandbox, isRedeem)).toHaveLength(1)
  })

  test('offline: Confirm redeem disabled within 1 s, nothing sent, nothing after reconnecting', async ({
    page,
    context,
    sandbox,
  }) => {
    const posts = watchPosts(page, isRedeem)
    const { confirm } = await openRedeem(page, sandbox)

    await context.setOffline(true)
    const banner = page.getByRole('status', { name: 'Offline' })
    await expect(banner).toBeVisible({ timeout: 1000 })
    await expect(confirm).toBeDisabled()
    await confirm.click({ force: true })

    await context.setOffline(false)
    await expect(banner).toBeHidden()
    await expect(confirm).toBeEnabled()
    await page.waitForTimeout(1500)
    expect(posts).toHaveLength(0)
    expect(await upstreamPosts(sandbox, isRedeem)).toHaveLength(0)
  })
})
