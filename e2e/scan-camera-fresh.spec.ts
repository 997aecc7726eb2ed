import { expect, test } from './fixtures'
import {
  cameraToVerdictMs,
  FIRST_READ,
  installCameraChecks,
  liveTracks,
  result,
  useCamera,
  verdict,
  wasmRequests,
} from './scan-camera'
import { CAMERA_FIXTURES } from './scan-fixtures'

// The camera sees a fresh coupon in front of the camera.
useCamera(CAMERA_FIXTURES.fresh)
installCameraChecks()
test('decodes → Active → Use coupon → Validated; a second stream ends on Already used', async ({
  page,
  context,
  sandbox,
}) => {
  await sandbox.createCoupon({ coupon_code: CAMERA_FIXTURES.fresh.code })
  await page.goto('/scan')
  await expect(verdict(page, 'Active')).toBeVisible(FIRST_READ)
  await expect(result(page)).toContainText(CAMERA_FIXTURES.fresh.code.slice(0, 7))
  // Printed, not asserted: timings are benchmarks' business (npm run bench:web), not tests'.
  await cameraToVerdictMs(page)

  // ZXing-C++ from our own origin, not the fallback.
  await expect(page.getByText(/QR decoder: ZXing-C\+\+ 3\.1\.3/)).toBeVisible()
  expect(wasmRequests()).toEqual([expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/assets\//)])

  await result(page).getByRole('button', { name: 'Use coupon' }).click()
  await expect(verdict(page, 'Validated')).toBeVisible()
  const history = page.getByRole('region', { name: 'Scans this session' })
  await expect(history.getByRole('listitem').first()).toContainText(CAMERA_FIXTURES.fresh.code)
  await expect(history.getByRole('listitem').first()).toContainText('Validated')

  // A second stream (a new tab opens the camera again) with the same code.
  const second = await context.newPage()
  await second.goto('/scan')
  await expect(verdict(second, 'Already used')).toBeVisible(FIRST_READ)
  await second.close()
})

test('leaving the scan screen ends every camera track', async ({ page, sandbox }) => {
  await sandbox.createCoupon({ coupon_code: CAMERA_FIXTURES.fresh.code })
  await page.goto('/scan')
  await expect(verdict(page, 'Active')).toBeVisible(FIRST_READ)
  expect(await liveTracks(page)).toContain('live')

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Lookup' }).click()
  await expect(page).toHaveURL('/')
  await expect.poll(() => liveTracks(page)).not.toContain('live')
  expect((await liveTracks(page)).length).toBeGreaterThan(0)
})

test('leaving while the camera is still opening ends its track too', async ({ page }) => {
  // The fake camera can open within a few ms, before a check sees "Opening the camera…" (it did,
  // with four e2e workers): hold getUserMedia's answer, so that the cashier surely leaves after
  // the screen asked for the camera and before the camera answered.
  await page.addInitScript(() => {
    const open = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices)
    Object.assign(window, { __cameraAsked: 0 })
    navigator.mediaDevices.getUserMedia = async (constraints) => {
      Object.assign(window, { __cameraAsked: 1 })
      await new Promise((resolve) => setTimeout(resolve, 3000))
      return open(constraints)
    }
  })
  await page.goto('/scan')
  await expect(page.getByRole('status').filter({ hasText: 'Opening the camera…' })).toBeVisible()
  await expect
    .poll(() => page.evaluate(() => (window as { __cameraAsked?: number }).__cameraAsked))
    .toBe(1)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Lookup' }).click()
  await expect(page).toHaveURL('/')
  // The late getUserMedia resolves after the scan screen is gone: the track it opened must end.
  await expect
    .poll(async () => (await liveTracks(page)).join(','), { timeout: 10_000 })
    .toBe('ended')
})
