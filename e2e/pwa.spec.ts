import type { APIRequestContext, Page } from '@playwright/test'
import { z } from 'zod'
import { SEED } from '../sandbox/seed'
import { expect, test } from './fixtures'

/**
 * The installable app (issue 6): the web app manifest and its icons, and the service worker that
 * keeps the app shell, so a second load with no network still opens the app and says it is
 * offline, without one request to the API; when the network returns the app carries on.
 */

// The service worker is this spec's subject (e2e/fixtures.ts hides it from most specs).
test.use({ locale: 'en-US', serviceWorker: true })

const { maria } = SEED.customers

/** The members Chromium needs to offer installation, plus the ones this app promises. */
const ManifestSchema = z.object({
  name: z.literal('Zupy POS'),
  short_name: z.string().min(1).max(12),
  description: z.string().min(1),
  start_url: z.string(),
  scope: z.string(),
  display: z.literal('standalone'),
  // Counter tablets stand in landscape: the app must never lock itself to portrait.
  orientation: z.literal('any'),
  theme_color: z.string().regex(/^#[0-9A-Fa-f]{6}$/),
  background_color: z.string().regex(/^#[0-9A-Fa-f]{6}$/),
  icons: z
    .array(
      z.object({
        src: z.string(),
        sizes: z.string().regex(/^\d+x\d+$/),
        type: z.literal('image/png'),
        purpose: z.enum(['any', 'maskable']),
      }),
    )
    .min(3),
})

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  expect(bytes.subarray(0, 8).equals(signature), 'PNG signature').toBe(true)
  expect(bytes.subarray(12, 16).toString('latin1'), 'first chunk').toBe('IHDR')
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
}

async function fetchManifest(request: APIRequestContext) {
  const response = await request.get('/manifest.webmanifest')
  expect(response.status()).toBe(200)
  expect(response.headers()['content-type']).toBe('application/manifest+json')
  return ManifestSchema.parse(await response.json())
}

test('the manifest is served, valid, linked from the page, and every icon is the PNG it claims', async ({
  page,
  request,
  baseURL,
}) => {
  const manifest = await fetchManifest(request)
  const origin = new URL(baseURL ?? '').origin
  const scope = new URL(manifest.scope, origin)
  const start = new URL(manifest.start_url, origin)
  expect(scope.origin).toBe(origin)
  expect(start.origin).toBe(origin)
  expect(start.pathname.startsWith(scope.pathname), 'start_url inside scope').toBe(true)

  for (const icon of manifest.icons) {
    const response = await request.get(icon.src)
    expect(response.status(), icon.src).toBe(200)
    expect(response.headers()['content-type'], icon.src).toBe('image/png')
    const { width, height } = pngSize(await response.body())
    expect(`${width}x${height}`, icon.src).toBe(icon.sizes)
  }
  const has = (sizes: string, purpose: 'any' | 'maskable') =>
    manifest.icons.some((icon) => icon.sizes === sizes && icon.purpose === purpose)
  expect(has('192x192', 'any') && has('512x512', 'any') && has('512x512', 'maskable')).toBe(true)

  await page.goto('/')
  const href = await page.locator('link[rel="manifest"]').getAttribute('href')
  expect(new URL(href ?? '', origin).pathname).toBe('/manifest.webmanifest')
  await expect(page.locator('meta[name="theme-color"]')).toHaveAttribute(
    'content',
    manifest.theme_color,
  )
  const touchIcon = await page.locator('link[rel="apple-touch-icon"]').getAttribute('href')
  const touch = await request.get(touchIcon ?? '')
  expect(touch.headers()['content-type']).toBe('image/png')
  expect(pngSize(await touch.body())).toEqual({ width: 180, height: 180 })
})

test('the service worker is served fresh, as JavaScript', async ({ request }) => {
  const response = await request.get('/sw.js')
  expect(response.status()).toBe(200)
  expect(response.headers()['content-type']).toBe('text/javascript; charset=utf-8')
  expect(response.headers()['cache-control']).toBe('no-cache')
  expect(await response.text()).toContain('installServiceWorker(self, {"version":')
})

const lookupTitle = (page: Page) => page.getByRole('heading', { level: 1, name: 'Find a customer' })
const offlineBanner = (page: Page) => page.getByRole('status', { name: 'Offline' })

test('a second load offline opens the shell, says it is offline and asks the API nothing; online again, the app works', async ({
  page,
  context,
}) => {
  await page.goto('/')
  await expect(lookupTitle(page)).toBeVisible()
  // Installed and active (the install keeps every shell file first).
  await expect
    .poll(() =>
      page.evaluate(async () => {
        const registration = await navigator.serviceWorker.ready
        return { scope: registration.scope, state: registration.active?.state }
      }),
    )
    .toEqual({ scope: new URL('/', page.url()).href, state: 'activated' })

  await page.reload()
  await expect(lookupTitle(page)).toBeVisible()
  expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null)).toMatch(
    /\/sw\.js$/,
  )

  // Every request the page or its worker sends to the API from here on.
  const apiRequests: string[] = []
  context.on('request', (request) => {
    const url = new URL(request.url())
    if (url.pathname === '/api' || url.pathname.startsWith('/api/'))
      apiRequests.push(`${request.method()} ${url.pathname}`)
  })

  await context.setOffline(true)
  await page.reload()
  await expect(page.getByRole('link', { name: 'Zupy POS' })).toBeVisible()
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible()
  await expect(offlineBanner(page)).toContainText('You are offline.')
  await expect(lookupTitle(page)).toBeVisible()
  await expect(page.getByRole('searchbox', { name: 'Search customer' })).toBeVisible()
  // Longer than the first retry delay (1 s): a failed-and-retried query would show up here.
  await page.waitForTimeout(1500)
  expect(apiRequests).toEqual([])

  await context.setOffline(false)
  await expect(offlineBanner(page)).toBeHidden()
  // The fixture signed this context in: the session check passes and the lookup works.
  await expect.poll(() => apiRequests).toContain('GET /api/pos/session')
  const field = page.getByRole('searchbox', { name: 'Search customer' })
  await field.fill(maria.cardNumber)
  await field.press('Enter')
  await expect(page.getByRole('heading', { level: 1, name: maria.fullName })).toBeVisible()
})

test.describe('without a cashier session', () => {
  test.use({ signedIn: false })

  test('offline first shows the shell, then the lock screen once the network returns', async ({
    page,
    context,
  }) => {
    await page.goto('/')
    await expect(page.getByRole('dialog', { name: 'Locked' })).toBeVisible()
    await page.evaluate(() => navigator.serviceWorker.ready)

    await context.setOffline(true)
    await page.reload()
    await expect(offlineBanner(page)).toBeVisible()
    await expect(lookupTitle(page)).toBeVisible()
    await expect(page.getByRole('dialog', { name: 'Locked' })).toBeHidden()

    await context.setOffline(false)
    await expect(page.getByRole('dialog', { name: 'Locked' })).toBeVisible()
  })
})
