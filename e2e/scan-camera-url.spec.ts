import { expect, test } from './fixtures'
import { FIRST_READ, installCameraChecks, result, useCamera, verdict } from './scan-camera'
import { CAMERA_FIXTURES } from './scan-fixtures'

// The camera sees a link with the code in lower case.
useCamera(CAMERA_FIXTURES.url)
installCameraChecks()
test('reads the code out of the URL', async ({ page, sandbox }) => {
  await sandbox.createCoupon({ coupon_code: CAMERA_FIXTURES.url.code })
  await page.goto('/scan')
  await expect(verdict(page, 'Active')).toBeVisible(FIRST_READ)
  await expect(result(page)).toContainText(CAMERA_FIXTURES.url.code.slice(0, 7))
})
