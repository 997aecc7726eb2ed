import type { Page } from '@playwright/test'
import { expect, signIn, test } from './fixtures'
import { lookupListening, wedgeScan } from './wedge-scan'

/*
 * A barcode scanner that "types like a keyboard": a burst of keys a few ms apart, then Enter. No
 * camera here: the typed and scanner paths must work without one.
 */
test.use({ locale: 'en-US' })

test.beforeEach(async ({ sandbox }) => {
  await sandbox.settings({ otp_policy: 'trusted' })
})

const SEEDED_ACTIVE = 'CZ-7K3M9P2Q'

/** The scan screen, once it listens (it is a lazy route: keys sent before it loads go nowhere). */
async function openScan(page: Page) {
  await page.goto('/scan')
  await expect(page.getByRole('heading', { level: 1, name: 'Scan a coupon' })).toBeVisible()
}

const result = (page: Page) => page.getByRole('region', { name: 'Scan result' })
const verdict = (page: Page, name: string) =>
  page.getByRole('heading', { level: 2, name, exact: true })

test('a wedge scan with no field focused reaches the verdict on the scan screen', async ({
  page,
}) => {
  await openScan(page)
  await expect(page.locator(':focus')).toHaveCount(0)

  await wedgeScan(page, 'cz-7k3m9p2q')
  await expect(result(page).getByRole('heading', { name: 'Active', exact: true })).toBeVisible()
  await expect(page).toHaveURL('/scan')

  // Use it, then scan the next coupon with the scanner straight away.
  await result(page).getByRole('button', { name: 'Use coupon' }).click()
  await expect(verdict(page, 'Validated')).toBeVisible()
  await wedgeScan(page, 'CZ-9T5B3X7L')
  await expect(verdict(page, 'Already used')).toBeVisible()

  const history = page.getByRole('region', { name: 'Scans this session' }).getByRole('listitem')
  await expect(history).toHaveCount(2)
  await expect(history.nth(0)).toContainText('CZ-9T5B3X7L')
  await expect(history.nth(0)).toContainText('Already used')
  await expect(history.nth(1)).toContainText(SEEDED_ACTIVE)
  await expect(history.nth(1)).toContainText('Validated')
})

test('the same scan twice within 3 s counts once; Scan next then reads again', async ({ page }) => {
  await openScan(page)
  await wedgeScan(page, SEEDED_ACTIVE)
  await expect(verdict(page, 'Active')).toBeVisible()
  await wedgeScan(page, SEEDED_ACTIVE)
  const history = page.getByRole('region', { name: 'Scans this session' }).getByRole('listitem')
  await expect(history).toHaveCount(1)

  await page.getByRole('button', { name: 'Scan next' }).click()
  await expect(verdict(page, 'Active')).toHaveCount(0)
  await wedgeScan(page, 'CZ-2F6J8D4V')
  await expect(verdict(page, 'Expired')).toBeVisible()
  await expect(history).toHaveCount(2)
})

test('the typed code field takes any case, spaces, no hyphen; a slow typist is not a scanner', async ({
  page,
}) => {
  await page.goto('/scan')
  const field = page.getByRole('textbox', { name: 'Coupon code' })
  await field.pressSequentially(' cz 7k3m 9p2q ', { delay: 80 })
  await field.press('Enter')
  await expect(verdict(page, 'Active')).toBeVisible()
  const history = page.getByRole('region', { name: 'Scans this session' }).getByRole('listitem')
  await expect(history.first()).toContainText('Typed')
  await expect(field).toHaveValue('')
})

test('in pt-BR the field is "Código do cupom"', async ({ browser, baseURL, consoleGuard }) => {
  const context = await browser.newContext({ locale: 'pt-BR', baseURL })
  consoleGuard.watch(context, 'pt-BR till')
  await signIn(context.request, baseURL ?? '')
  const page = await context.newPage()
  await page.goto('/scan')
  await page.getByRole('textbox', { name: 'Código do cupom' }).fill('CZ7K3M9P2Q')
  await page.keyboard.press('Enter')
  await expect(verdict(page, 'Ativo')).toBeVisible()
  await context.close()
})

test('on the lookup screen a coupon scan opens its verdict, a card scan searches', async ({
  page,
}) => {
  await page.goto('/')
  const search = page.getByRole('searchbox', { name: 'Search customer' })
  await expect(search).toBeFocused()
  await lookupListening(page)

  // Into the focused search field, as a scanner at this screen would type.
  await wedgeScan(page, SEEDED_ACTIVE)
  await expect(page).toHaveURL(`/coupons/${SEEDED_ACTIVE}`)
  await expect(verdict(page, 'Active')).toBeVisible()

  // With nothing focused, a card goes to the lookup with its code.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Lookup' }).click()
  await expect(search).toBeFocused()
  await search.blur()
  await wedgeScan(page, 'zp-maria01')
  await expect(page).toHaveURL('/?q=ZP-MARIA01')
  await expect(page.getByRole('main')).toContainText('Maria Santos')
})

test('a card scanned on the scan screen goes to the customer lookup', async ({ page }) => {
  await openScan(page)
  await wedgeScan(page, 'ZP-MARIA01')
  await expect(page).toHaveURL('/?q=ZP-MARIA01')
  await expect(page.getByRole('main')).toContainText('Maria Santos')
})
