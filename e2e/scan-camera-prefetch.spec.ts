import { expect, test } from './fixtures'
import { FIRST_READ, installCameraChecks, useCamera, verdict } from './scan-camera'
import { CAMERA_FIXTURES } from './scan-fixtures'

// Issue 11: the scan screen answers fast because its code is fetched before the cashier asks.
useCamera(CAMERA_FIXTURES.fresh)
installCameraChecks()
test('idle on the lookup, the scanner and its decoder arrive before "Scan"; then the screen reads the coupon', async ({
  page,
  sandbox,
}) => {
  await sandbox.createCoupon({ coupon_code: CAMERA_FIXTURES.fresh.code })
  const scannerChunk = page.waitForResponse((r) =>
    /\/assets\/scanner-engine-[\w-]+\.js$/.test(r.url()),
  )
  const decoder = page.waitForResponse((r) => r.url().endsWith('.wasm'))
  await page.goto('/')
  await expect(page.getByRole('searchbox', { name: 'Search customer' })).toBeVisible()
  // Nothing clicked yet: the browser fetches them on its own once the lookup is idle.
  expect((await scannerChunk).ok()).toBe(true)
  expect((await decoder).ok()).toBe(true)

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Scan' }).click()
  await expect(verdict(page, 'Active')).toBeVisible(FIRST_READ)
  await expect(page.getByText(/QR decoder: ZXing-C\+\+ 3\.1\.3/)).toBeVisible()
})
