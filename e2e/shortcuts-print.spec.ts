import type { Page } from '@playwright/test'
import { SEED } from '../sandbox/seed'
import { expect, test } from './fixtures'
import { lookupListening, wedgeScan } from './wedge-scan'

/*
 * Issue 13: the checkout keyboard's shortcuts, and coupons and slips printed alone at 80 mm.
 * In pt-BR, the stores' language.
 */
test.use({ locale: 'pt-BR' })

test.beforeEach(async ({ sandbox }) => {
  await sandbox.settings({ otp_policy: 'trusted' })
})

const { maria } = SEED.customers
const { cafe } = SEED.rewards
const SEEDED_ACTIVE = 'CZ-7K3M9P2Q'

const searchField = (page: Page) => page.getByRole('searchbox', { name: 'Buscar cliente' })
const shortcutsDialog = (page: Page) => page.getByRole('dialog', { name: 'Atalhos de teclado' })

/** The scan screen, once it listens (a lazy route). */
async function openScan(page: Page) {
  await page.goto('/scan')
  await expect(page.getByRole('heading', { level: 1, name: 'Ler cupom' })).toBeVisible()
}

test.describe('keyboard shortcuts', () => {
  test('F2 from the scan screen opens Search customer with the cursor in it', async ({ page }) => {
    await openScan(page)
    await page.keyboard.press('F2')
    await expect(page).toHaveURL('/')
    await expect(searchField(page)).toBeFocused()
  })

  test('/ with no field focused goes to Search customer; typed into a field, it is a slash', async ({
    page,
  }) => {
    await openScan(page)
    await expect(page.locator(':focus')).toHaveCount(0)
    await page.keyboard.press('/')
    await expect(page).toHaveURL('/')
    const field = searchField(page)
    await expect(field).toBeFocused()
    // The shortcut's own / is not typed into the field it focused.
    await expect(field).toHaveValue('')

    await field.pressSequentially('maria/santos?', { delay: 40 })
    await expect(field).toHaveValue('maria/santos?')
    await expect(page).toHaveURL('/')
    await expect(shortcutsDialog(page)).toHaveCount(0)
  })

  test('? lists the shortcuts; Esc closes the list, then goes back', async ({ page }) => {
    await page.goto('/')
    await expect(searchField(page)).toBeFocused()
    // Within the app, so there is a screen to go back to.
    await page.keyboard.press('F3')
    await expect(page.getByRole('heading', { level: 1, name: 'Ler cupom' })).toBeVisible()

    await page.keyboard.press('?')
    const dialog = shortcutsDialog(page)
    await expect(dialog).toBeVisible()
    for (const [key, action] of [
      ['F2', 'Buscar cliente (de qualquer tela)'],
      ['F3', 'Ler cupom'],
      ['F4', 'Hoje: o que este caixa fez no dia'],
      ['Esc', 'Fechar o diálogo aberto ou voltar'],
      ['?', 'Mostrar estes atalhos'],
    ]) {
      await expect(dialog.getByRole('definition').filter({ hasText: action })).toHaveCount(1)
      await expect(dialog.getByRole('term').filter({ hasText: key }).first()).toBeVisible()
    }

    await page.keyboard.press('Escape')
    await expect(dialog).toHaveCount(0)
    // Still on the scan screen: the Esc that closed the dialog did nothing else.
    await expect(page).toHaveURL('/scan')

    await page.keyboard.press('Escape')
    await expect(page).toHaveURL('/')
  })

  test('F3 opens the scan screen and F4 Today, from inside a field too', async ({ page }) => {
    await page.goto('/')
    await searchField(page).fill('maria')
    await page.keyboard.press('F3')
    await expect(page).toHaveURL('/scan')
    await page.keyboard.press('F4')
    await expect(page).toHaveURL('/journal')
  })

  test('a scanner burst holding ? on the lookup screen opens the coupon, not the shortcuts', async ({
    page,
  }) => {
    await page.goto('/')
    await expect(searchField(page)).toBeFocused()
    await lookupListening(page)
    // The cashier clicked away: the page itself takes the scan, the burst's ? included.
    await page.getByRole('heading', { level: 1 }).click()
    await expect(searchField(page)).not.toBeFocused()

    await wedgeScan(page, `${SEEDED_ACTIVE}?src=qr`)

    await expect(page).toHaveURL(`/coupons/${SEEDED_ACTIVE}`)
    await expect(page.getByRole('heading', { level: 2, name: 'Ativo', exact: true })).toBeVisible()
    await expect(shortcutsDialog(page)).toHaveCount(0)
  })

  test('a burst whose hyphen arrives as / is not Search customer, and ? works once it is over', async ({
    page,
  }) => {
    // A "Portuguese"-table scanner types CZ-9T5B3X7L as CZ/9T5B3X7L; this screen takes no scans.
    await page.goto(`/coupons/${SEEDED_ACTIVE}`)
    await expect(page.getByRole('heading', { level: 2, name: 'Ativo', exact: true })).toBeVisible()
    await wedgeScan(page, 'CZ/9T5B3X7L')

    // A person's ? once the keyboard has been quiet for QUIET_BEFORE_SHORTCUT_MS (300 ms) still
    // acts… The emulated scanner's stamps run up to ~100 ms ahead of the page's clock: wait more.
    await page.waitForTimeout(500)
    await page.keyboard.press('?')
    await expect(shortcutsDialog(page)).toBeVisible()
    // …and the burst's / took nobody to the lookup.
    await expect(page).toHaveURL(`/coupons/${SEEDED_ACTIVE}`)
    await expect(searchField(page)).toHaveCount(0)
  })
})

test.describe('printing at 80 mm', () => {
  // 80 mm at 96 px per inch; window.print() stubbed so the print area stays for the check.
  test.use({ viewport: { width: 302, height: 900 } })
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => {
      window.print = () => {
        document.body.dataset.printed = String(Number(document.body.dataset.printed ?? 0) + 1)
      }
    })
  })

  test('Print coupon after a redeem: the coupon alone on paper', async ({ page }, testInfo) => {
    await page.goto(`/customers/${maria.id}`)
    await page
      .getByRole('article', { name: cafe.name })
      .getByRole('button', { name: 'Resgatar', exact: true })
      .click()
    await page.getByRole('button', { name: 'Confirmar resgate' }).click()
    const result = page.getByRole('dialog', { name: 'Resgatado', exact: true })
    await expect(result).toBeVisible()
    const href = await result.getByRole('link', { name: 'Usar agora' }).getAttribute('href')
    const code = /\/coupons\/(CZ-[0-9A-Z]{8})$/.exec(href ?? '')?.[1] ?? ''
    expect(code).not.toBe('')

    await result.getByRole('button', { name: 'Imprimir cupom' }).click()
    await expect(page.locator('body')).toHaveAttribute('data-printed', '1')
    await page.emulateMedia({ media: 'print' })

    const paper = page.getByRole('region', { name: `Cupom ${code} para imprimir` })
    await expect(paper).toBeVisible()
    await expect(paper.getByRole('heading', { name: 'Cupom Zupy' })).toBeVisible()
    await expect(paper.getByText(code, { exact: true })).toBeVisible()
    await expect(paper.getByRole('img', { name: `QR code do cupom ${code}` })).toBeVisible()
    await expect(paper.getByText(cafe.name, { exact: true })).toBeVisible()
    await expect(paper.getByText(/^Válido até /)).toBeVisible()
    await expect(paper.getByText('Para Maria', { exact: true })).toBeVisible()
    await expect(paper).not.toContainText('Santos')
    // Nothing else prints: not the dialog, the header or the screen behind.
    await expect(result).toBeHidden()
    await expect(page.getByRole('banner')).toBeHidden()
    await expect(page.getByRole('main')).toBeHidden()
    await expectLegible(paper)

    await page.screenshot({ path: testInfo.outputPath('print-coupon-80mm.png'), fullPage: true })
  })

  test('Print slip after Validated: the slip alone on paper', async ({ page }, testInfo) => {
    await page.goto(`/coupons/${SEEDED_ACTIVE}`)
    await page.getByRole('button', { name: 'Usar cupom' }).click()
    const card = page.getByRole('region', { name: 'Validado', exact: true })
    await expect(card).toBeVisible()

    await card.getByRole('button', { name: 'Imprimir comprovante' }).click()
    await expect(page.locator('body')).toHaveAttribute('data-printed', '1')
    await page.emulateMedia({ media: 'print' })

    const paper = page.getByRole('region', {
      name: `Comprovante do cupom ${SEEDED_ACTIVE} para imprimir`,
    })
    await expect(paper).toBeVisible()
    await expect(paper.getByRole('heading', { name: 'Comprovante de uso' })).toBeVisible()
    await expect(paper.getByRole('definition').filter({ hasText: SEEDED_ACTIVE })).toBeVisible()
    await expect(paper.getByRole('term').filter({ hasText: 'Prêmio' })).toBeVisible()
    await expect(paper.getByRole('term').filter({ hasText: 'Usado em' })).toBeVisible()
    await expect(card).toBeHidden()
    await expect(page.getByRole('banner')).toBeHidden()
    await expectLegible(paper)

    await page.screenshot({ path: testInfo.outputPath('print-slip-80mm.png'), fullPage: true })
  })
})

/** 12 pt (16 px) or more, black on white, and within the 72 mm a receipt printer prints. */
async function expectLegible(paper: ReturnType<Page['getByRole']>) {
  const texts = await paper.evaluate((area) => {
    const styles = [...area.querySelectorAll('*')]
      .filter((element) => element.childNodes.length > 0 && element.textContent.trim())
      .map((element) => getComputedStyle(element))
    return {
      width: area.getBoundingClientRect().width,
      smallest: Math.min(...styles.map((style) => parseFloat(style.fontSize))),
      colours: [...new Set(styles.map((style) => style.color))],
    }
  })
  expect(texts.smallest).toBeGreaterThanOrEqual(16)
  expect(texts.colours).toEqual(['rgb(0, 0, 0)'])
  // 72 mm at 96 px per inch.
  expect(texts.width).toBeLessThanOrEqual(273)
}
