import { expect, test } from './fixtures'
import { FIRST_READ, installCameraChecks, useCamera, verdict } from './scan-camera'
import { CAMERA_FIXTURES } from './scan-fixtures'

// The camera sees an inverted QR (light on dark).
useCamera(CAMERA_FIXTURES.inverted)
installCameraChecks()
test('reaches the verdict', async ({ page, sandbox }) => {
  await sandbox.createCoupon({ coupon_code: CAMERA_FIXTURES.inverted.code })
  await page.goto('/scan')
  await expect(verdict(page, 'Active')).toBeVisible(FIRST_READ)
})
