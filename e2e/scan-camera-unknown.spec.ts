import { expect, test } from './fixtures'
import { FIRST_READ, installCameraChecks, useCamera, verdict } from './scan-camera'
import { CAMERA_FIXTURES } from './scan-fixtures'

// The camera sees a code no coupon has.
useCamera(CAMERA_FIXTURES.unknown)
installCameraChecks()
test('ends on Not found', async ({ page }) => {
  await page.goto('/scan')
  await expect(verdict(page, 'Not found')).toBeVisible(FIRST_READ)
})
