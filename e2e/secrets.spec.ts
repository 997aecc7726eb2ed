import { DEFAULT_SANDBOX_API_KEY } from '../sandbox/config'
import { expect, failedStatus, test } from './fixtures'

/**
 * The store's API key must never reach the browser (reliability.md G5): not in any response the
 * app receives. The built bundle and its source maps are scanned in scripts/dist-scan.test.ts, the
 * BFF's logs in its own tests.
 */
const KEY_SHAPE = /zupy_pk_[A-Za-z0-9]{32}/
const keyForms = [DEFAULT_SANDBOX_API_KEY, Buffer.from(DEFAULT_SANDBOX_API_KEY).toString('base64')]

test('no response the browser receives carries the key', async ({ page, consoleGuard }) => {
  // `/api/v2/nope/` below is an expected 404.
  consoleGuard.allow(failedStatus('404'))
  const seen: string[] = []
  const leaks: string[] = []
  page.on('response', async (response) => {
    const headers = JSON.stringify(await response.allHeaders())
    const body = await response.text().catch(() => '')
    seen.push(response.url())
    if (
      [headers, body].some((text) => KEY_SHAPE.test(text) || keyForms.some((f) => text.includes(f)))
    )
      leaks.push(response.url())
  })
  await page.goto('/')
  await page.goto('/settings')
  // The app's API calls, including error answers, through the same origin.
  for (const path of [
    '/api/v2/rewards/',
    '/api/v2/customers/?phone=11987654321',
    '/api/v2/nope/',
    '/api/pos/config',
  ]) {
    const body = await page.evaluate(async (p) => (await fetch(p)).text(), path)
    expect(KEY_SHAPE.test(body)).toBe(false)
  }
  await expect
    .poll(() => seen.filter((url) => url.includes('/api/')).length)
    .toBeGreaterThanOrEqual(5)
  expect(leaks).toEqual([])
})
