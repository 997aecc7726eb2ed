import type { Locator, Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { wedgeScan } from './wedge-scan'

/*
 * Settings: everything is stored on the device, so a reload keeps it. The browser has two fake
 * cameras (Chromium's generated test pattern, no QR in it) so there is a preferred camera to pick,
 * and no fake permission UI: the camera permission starts unasked, as on a new till, and the test
 * grants it as a cashier would.
 */
test.use({
  locale: 'en-US',
  cameraArgs: ['--use-fake-device-for-media-stream=device-count=2'],
})

test.beforeEach(async ({ sandbox }) => {
  // Validate without the OTP step: this spec is about the settings, the OTP has its own.
  await sandbox.settings({ otp_policy: 'trusted' })
})

/** The header's navigation: "Main", "Principal" in pt-BR. */
const nav = (page: Page, name = 'Main') => page.getByRole('navigation', { name })

/** The value next to a label in the diagnostics list. */
const diagnostic = (panel: Locator, label: string) => panel.locator(`dt:text-is("${label}") + dd`)

test('language, "Use on scan" and "Sounds" are changed from the keyboard and kept after a reload', async ({
  page,
}) => {
  await page.goto('/settings')
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()
  await page
    .getByRole('combobox', { name: 'Language' })
    .selectOption({ label: 'Português (Brasil)' })
  await expect(page.getByRole('heading', { level: 1, name: 'Ajustes' })).toBeVisible()

  const scanning = page.getByRole('region', { name: 'Leitura de cupons' })
  const useOnScan = scanning.getByRole('switch', { name: 'Usar ao ler' })
  const sounds = scanning.getByRole('switch', { name: 'Sons' })
  await expect(useOnScan).not.toBeChecked()
  await expect(sounds).toBeChecked()

  // Keyboard only: Tab reaches each switch with a visible focus ring, Space flips it.
  await page.getByRole('combobox', { name: 'Idioma' }).focus()
  for (
    let tabs = 0;
    tabs < 10 && !(await useOnScan.evaluate((el) => el === document.activeElement));
    tabs++
  ) {
    await page.keyboard.press('Tab')
  }
  await expect(useOnScan).toBeFocused()
  expect(await useOnScan.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none')
  await page.keyboard.press('Space')
  await page.keyboard.press('Tab')
  await expect(sounds).toBeFocused()
  await page.keyboard.press('Space')
  await expect(useOnScan).toBeChecked()
  await expect(sounds).not.toBeChecked()

  await page.reload()
  await expect(page.getByRole('heading', { level: 1, name: 'Ajustes' })).toBeVisible()
  await expect(page.getByRole('combobox', { name: 'Idioma' })).toHaveValue('pt-BR')
  await expect(useOnScan).toBeChecked()
  await expect(sounds).not.toBeChecked()

  // The scan screen says what is on and links back here.
  await nav(page, 'Principal').getByRole('link', { name: 'Ler cupom' }).click()
  await expect(page.getByText('Usar ao ler: ligado')).toBeVisible()
  await expect(page.getByText(/Sons: desligados/)).toBeVisible()
  await page.getByRole('link', { name: 'Alterar em Ajustes' }).click()
  await expect(page).toHaveURL('/settings')
})

test('"Use on scan" on: a fresh coupon read by the barcode scanner is used with no tap; a typed one still asks', async ({
  page,
  sandbox,
}) => {
  const scanned = await sandbox.createCoupon()
  const typed = await sandbox.createCoupon()
  await page.goto('/settings')
  await page.getByRole('switch', { name: 'Use on scan' }).click()
  await expect(page.getByRole('switch', { name: 'Use on scan' })).toBeChecked()

  await nav(page).getByRole('link', { name: 'Scan' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Scan a coupon' })).toBeVisible()
  await expect(page.getByText('Use on scan: on')).toBeVisible()
  const result = page.getByRole('region', { name: 'Scan result' })
  const field = page.getByRole('textbox', { name: 'Coupon code' })

  // The scanner "types" the code into the field, keys 3 ms apart, and presses Enter.
  await field.focus()
  await sandbox.clearRequests()
  await wedgeScan(page, scanned.coupon_code)
  await expect(
    result.getByRole('heading', { level: 2, name: 'Validated', exact: true }),
  ).toBeVisible()
  const validates = (await sandbox.requests()).filter((r) => r.method === 'POST')
  expect(validates.map((r) => r.path)).toEqual([
    expect.stringContaining(`/coupons/${scanned.coupon_code}/validate/`),
  ])

  // A person typing is not a scanner: the verdict waits for the tap (a typo must not spend).
  await page.getByRole('button', { name: 'Scan next' }).click()
  await field.pressSequentially(typed.coupon_code, { delay: 60 })
  await field.press('Enter')
  await expect(result.getByRole('heading', { level: 2, name: 'Active', exact: true })).toBeVisible()
  await expect(result.getByRole('button', { name: 'Use coupon' })).toBeVisible()
})

test('diagnostics: sandbox mode, Zupy reachable with its latency, shared state, clock, version, camera permission live, decoder; the preferred camera opens on the scan screen', async ({
  page,
  context,
  request,
}) => {
  const { version } = (await (await request.get('/api/pos/config')).json()) as { version: string }
  await page.goto('/settings')
  const panel = page.getByRole('region', { name: 'Diagnostics' })
  await expect(diagnostic(panel, 'Mode')).toHaveText('sandbox')
  await expect(diagnostic(panel, 'Zupy API')).toHaveText(/^✓ Reachable \(\d+ ms\)$/)
  // One BFF without REDIS_URL: sign-outs and counters live in its memory.
  await expect(diagnostic(panel, 'Shared state')).toHaveText('This server only (one instance)')
  await expect(diagnostic(panel, 'Clock')).toHaveText(/Right \(matches the till server\)/)
  await expect(diagnostic(panel, 'App version')).toHaveText(version)
  await expect(diagnostic(panel, 'Camera permission')).toHaveText(/^Not asked yet/)
  await expect(diagnostic(panel, 'QR decoder')).toHaveText('not loaded yet')

  // Before the permission only the default is offered, with the button that asks for it.
  const preferred = page.getByRole('combobox', { name: 'Preferred camera' })
  await expect(preferred.getByRole('option')).toHaveText(['Rear camera (default)'])
  await expect(page.getByRole('button', { name: 'Allow the camera' })).toBeVisible()

  // Allowed in the browser (site settings): the row follows without a reload.
  await context.grantPermissions(['camera'])
  await expect(diagnostic(panel, 'Camera permission')).toHaveText('✓ Allowed')
  await expect(preferred.getByRole('option')).toHaveText([
    'Rear camera (default)',
    /fake_device_0/,
    /fake_device_1/,
  ])
  await expect(page.getByRole('button', { name: 'Allow the camera' })).toBeHidden()
  const second = (await preferred.getByRole('option').nth(2).textContent()) ?? ''
  await preferred.selectOption({ label: second })

  // The scan screen opens that camera (its own picker shows which one is live).
  await nav(page).getByRole('link', { name: 'Scan' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Point at the QR code' })).toBeVisible({
    timeout: 15_000,
  })
  const picker = page.getByRole('combobox', { name: 'Camera', exact: true })
  await expect(picker.locator('option:checked')).toHaveText(second)

  await nav(page).getByRole('link', { name: 'Settings' }).click()
  await expect(preferred.locator('option:checked')).toHaveText(second)
  await expect(diagnostic(panel, 'QR decoder')).toHaveText('ZXing-C++ 3.1.3 (WebAssembly)')
  await panel.getByRole('button', { name: 'Check again' }).click()
  await expect(panel.getByRole('button', { name: 'Check again' })).toBeEnabled()
  await expect(diagnostic(panel, 'Zupy API')).toHaveText(/^✓ Reachable \(\d+ ms\)$/)
})
