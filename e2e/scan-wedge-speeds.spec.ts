import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { logPace, scannerTypes, type ScannerPace } from './scanner-keys'
import { lookupListening } from './wedge-scan'

/*
 * Wedge scanners at the speeds they come in (USB 0-5 ms a key, Bluetooth 20-40 ms, the first key
 * sometimes well ahead of the rest), as real key events in real time, on the scan screen with the
 * camera running and on the lookup with no field focused. The camera is Chromium's fake device
 * (its test pattern, no code in it): it decodes frames the whole time the keys arrive.
 */
test.use({
  locale: 'en-US',
  permissions: ['camera'],
  cameraArgs: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'],
})

test.beforeEach(async ({ sandbox }) => {
  await sandbox.settings({ otp_policy: 'trusted' })
})

const COUPON = 'CZ-7K3M9P2Q'

const PACES: (ScannerPace & { label: string })[] = [
  { label: 'USB, 0 ms a key', msPerKey: 0 },
  { label: '20 ms a key', msPerKey: 20 },
  { label: '40 ms a key', msPerKey: 40 },
  { label: '20 ms a key, first key 150 ms early', msPerKey: 20, pauseAfterFirstMs: 150 },
  { label: '40 ms a key, first key 200 ms early', msPerKey: 40, pauseAfterFirstMs: 200 },
]

const verdict = (page: Page, name: string) =>
  page
    .getByRole('region', { name: 'Scan result' })
    .getByRole('heading', { level: 2, name, exact: true })

test('on the scan screen, with the camera running, a scanner reads at every speed', async ({
  page,
  sandbox,
}) => {
  // The camera's start and five verdicts on a loaded 2-core box.
  test.setTimeout(90_000)
  // A code of its own for each pace: the same code again within 3 s is a repeat, not a scan.
  const codes = await Promise.all(PACES.map(async () => (await sandbox.createCoupon()).coupon_code))
  await page.goto('/scan')
  await expect(page.getByRole('status').filter({ hasText: 'Point at the QR code' })).toBeVisible({
    timeout: 15_000,
  })
  const field = page.getByRole('textbox', { name: 'Coupon code' })
  const history = page.getByRole('region', { name: 'Scans this session' }).getByRole('listitem')

  for (const [index, pace] of PACES.entries()) {
    const code = codes[index] ?? ''
    await expect(field).not.toBeFocused()
    logPace(`scan screen, ${pace.label}`, await scannerTypes(page, code, pace))
    await expect(verdict(page, 'Active'), pace.label).toBeVisible()
    await expect(history, pace.label).toHaveCount(index + 1)
    await expect(history.first(), pace.label).toContainText(code)
    await expect(history.first(), pace.label).toContainText('Scanner')
    await page.getByRole('button', { name: 'Scan next' }).click()
    await expect(verdict(page, 'Active')).toHaveCount(0)
  }
})

test('on the lookup with no field focused, a coupon opens its verdict at every speed', async ({
  page,
}) => {
  const search = page.getByRole('searchbox', { name: 'Search customer' })
  for (const pace of PACES) {
    await page.goto('/')
    await expect(search).toBeFocused()
    await lookupListening(page)
    await search.blur()
    logPace(`lookup, ${pace.label}`, await scannerTypes(page, COUPON, pace))
    await expect(page, pace.label).toHaveURL(`/coupons/${COUPON}`)
    await expect(
      page.getByRole('heading', { level: 2, name: 'Active', exact: true }),
      pace.label,
    ).toBeVisible()
  }
})

test('on the lookup with no field focused, a card scanned slowly with a pause finds Maria', async ({
  page,
}) => {
  const search = page.getByRole('searchbox', { name: 'Search customer' })
  await page.goto('/')
  await expect(search).toBeFocused()
  await lookupListening(page)
  await search.blur()
  const pace = { msPerKey: 40, pauseAfterFirstMs: 200 }
  logPace(
    'lookup, card, 40 ms a key, first key 200 ms early',
    await scannerTypes(page, 'ZP-MARIA01', pace),
  )
  await expect(page).toHaveURL('/?q=ZP-MARIA01')
  await expect(page.getByRole('main')).toContainText('Maria Santos')
})

test('a person typing a card into the focused search field is typing: the search opens Maria', async ({
  page,
}) => {
  await page.goto('/')
  const search = page.getByRole('searchbox', { name: 'Search customer' })
  await expect(search).toBeFocused()
  // Real keys at a quick typist's pace: every one stays in the field as typed.
  await page.keyboard.type('zp-maria01', { delay: 90 })
  await expect(search).toHaveValue('zp-maria01')
  await expect(page).toHaveURL('/')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1, name: /Maria Santos/ })).toBeVisible()
})
