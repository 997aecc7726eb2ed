import { expect, test } from './fixtures'

// A till whose browser refuses the camera: Chromium answers every permission prompt with "deny".
test.use({
  locale: 'en-US',
  cameraArgs: ['--use-fake-device-for-media-stream', '--deny-permission-prompts'],
})

test('a refused camera is explained, and the typed code still reaches the verdict', async ({
  page,
}) => {
  await page.goto('/scan')
  const alert = page.getByRole('alert').filter({ hasText: 'The camera is blocked' })
  await expect(alert).toBeVisible({ timeout: 15_000 })
  await expect(alert).toContainText('Allow for Camera')
  await expect(alert.getByRole('button', { name: 'Try again' })).toBeVisible()

  await page.getByRole('textbox', { name: 'Coupon code' }).fill('cz-7k3m9p2q')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 2, name: 'Active', exact: true })).toBeVisible()
})
