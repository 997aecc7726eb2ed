import { expect, test } from './fixtures'
import { FIRST_READ, installCameraChecks, useCamera, verdict } from './scan-camera'
import { CAMERA_FIXTURES } from './scan-fixtures'

// The camera sees a low-contrast QR (150 on 200).
useCamera(CAMERA_FIXTURES.lowContrast)
installCameraChecks()
test('reaches the verdict', async ({ page, sandbox }) => {
  await sandbox.createCoupon({ coupon_code: CAMERA_FIXTURES.lowContrast.code })
  await page.goto('/scan')
  await expect(verdict(page, 'Active')).toBeVisible(FIRST_READ)
})
