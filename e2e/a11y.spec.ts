import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { SEED } from '../sandbox/seed'
import { expect, failedStatus, test, specLanguages } from './fixtures'
import { SHAPE_INDEPENDENT } from '../playwright.config'

/**
 * An axe scan (WCAG 2.0/2.1 A and AA, 2.2 AA, best practices) of every screen and dialog a cashier
 * meets. Serious and critical findings fail the test; moderate and minor ones are printed so a
 * run shows them. Nothing is excluded: a finding is fixed where it comes from.
 */

const { maria } = SEED.customers
const { cafe } = SEED.rewards
const ACTIVE = SEED.coupons.mariaActive.code
const USED = SEED.coupons.mariaUsed.code

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']

const copy = {
  'pt-BR': {
    locale: 'pt-BR',
    lookupTitle: 'Encontrar cliente',
    results: /clientes? encontrad/i,
    tabs: 'Seções do cliente',
    couponsTab: 'Cupons',
    couponList: 'Cupons do cliente',
    redeem: 'Resgatar',
    confirmTitle: `Resgatar ${cafe.name}?`,
    confirm: 'Confirmar resgate',
    otpDialog: 'Verificação do cliente',
    codeSent: 'Código enviado',
    active: 'Ativo',
    used: 'Já utilizado',
    scanTitle: 'Ler cupom',
    couponCode: 'Código do cupom',
    settingsTitle: 'Ajustes',
    todayTitle: 'Hoje',
    todayEntries: 'Registros do dia',
    locked: 'Bloqueado',
    pin: 'PIN',
  },
  en: {
    locale: 'en-US',
    lookupTitle: 'Find a customer',
    results: /customers? found/i,
    tabs: 'Customer sections',
    couponsTab: 'Coupons',
    couponList: "The customer's coupons",
    redeem: 'Redeem',
    confirmTitle: `Redeem ${cafe.name}?`,
    confirm: 'Confirm redeem',
    otpDialog: 'Customer verification',
    codeSent: 'Code sent',
    active: 'Active',
    used: 'Already used',
    scanTitle: 'Scan a coupon',
    couponCode: 'Coupon code',
    settingsTitle: 'Settings',
    todayTitle: 'Today',
    todayEntries: "The day's entries",
    locked: 'Locked',
    pin: 'PIN',
  },
} as const

type Copy = (typeof copy)[keyof typeof copy]

/**
 * Scans the whole page as it is now. Serious/critical → the test fails with each rule, its help
 * and the offending elements; moderate/minor → one compact console line per rule.
 */
async function expectNoSeriousViolations(page: Page, state: string) {
  const started = Date.now()
  // Legacy mode runs axe in the page itself: the default finishes each run in a new blank page
  // (a renderer of its own, axe injected again), for cross-origin frames this app has none of.
  // Passes and inapplicable rules are not collected, only the violations this test reads.
  const results = await new AxeBuilder({ page })
    .options({ resultTypes: ['violations'] })
    .withTags(TAGS)
    .setLegacyMode()
    .analyze()
  const took = `${String(Date.now() - started)} ms`
  const serious = results.violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  )
  const minor = results.violations.filter((v) => !serious.includes(v))
  console.log(
    `[axe] ${state} (${took}): ` +
      (minor.length === 0
        ? 'no moderate or minor findings'
        : minor.map((v) => `${v.id} (${v.impact ?? '?'}) ×${String(v.nodes.length)}`).join(', ')),
  )
  const report = serious.map(
    (v) =>
      `${v.id} (${v.impact ?? '?'}): ${v.help}\n` +
      v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('\n'),
  )
  // Soft: one screen's findings do not hide the next screen's.
  expect.soft(report, `serious or critical axe violations on ${state}`).toEqual([])
}

async function heading(page: Page, name: string | RegExp, level = 1) {
  await expect(page.getByRole('heading', { level, name })).toBeVisible()
}

for (const language of specLanguages) {
  const t: Copy = copy[language]
  const scan = (page: Page, screen: string) =>
    expectNoSeriousViolations(page, `${screen}, ${language}`)

  test.describe(`axe (${language})`, { tag: SHAPE_INDEPENDENT }, () => {
    test.use({ locale: t.locale })

    test('lookup: empty, then with results for "Maria"', async ({ page }) => {
      await page.goto('/')
      await heading(page, t.lookupTitle)
      await scan(page, 'lookup (empty)')

      await page.goto('/?q=Maria')
      await heading(page, t.results, 2)
      await expect(page.getByRole('link', { name: new RegExp(maria.fullName) })).toBeVisible()
      await scan(page, 'lookup (results)')

      // Kiosk mode (a tablet on the counter) restyles the frame; the same rules apply.
      await page.goto('/?kiosk=1')
      await heading(page, t.lookupTitle)
      await scan(page, 'lookup (kiosk mode)')
    })

    test('customer: Rewards tab, the redeem dialog, the OTP step, the Coupons tab', async ({
      page,
      sandbox,
      consoleGuard,
    }) => {
      // "strict": the redeem asks for the customer's code first; Zupy's 403 otp-required says so.
      await sandbox.settings({ otp_policy: 'strict' })
      consoleGuard.allow(failedStatus('403'))
      await page.goto(`/customers/${maria.id}`)
      await heading(page, maria.fullName)
      const card = page.getByRole('article', { name: cafe.name })
      await expect(card).toBeVisible()
      await scan(page, 'customer (rewards)')

      await card.getByRole('button', { name: t.redeem, exact: true }).click()
      const confirm = page.getByRole('dialog', { name: t.confirmTitle })
      await expect(confirm).toBeVisible()
      await scan(page, 'redeem confirmation')

      await confirm.getByRole('button', { name: t.confirm }).click()
      const otp = page.getByRole('dialog', { name: t.otpDialog })
      await expect(otp).toContainText(t.codeSent)
      await scan(page, 'OTP step')
      await page.keyboard.press('Escape')
      await expect(otp).toBeHidden()
      await page.keyboard.press('Escape')
      await expect(confirm).toBeHidden()

      await page
        .getByRole('navigation', { name: t.tabs })
        .getByRole('link', { name: t.couponsTab })
        .click()
      await expect(page.getByRole('list', { name: t.couponList })).toBeVisible()
      await scan(page, 'customer (coupons)')
    })

    test('coupon verdicts: active and used', async ({ page }) => {
      await page.goto(`/coupons/${ACTIVE}`)
      await heading(page, t.active, 2)
      await scan(page, 'coupon verdict (active)')

      await page.goto(`/coupons/${USED}`)
      await heading(page, t.used, 2)
      await scan(page, 'coupon verdict (used)')
    })

    test('scan: the camera problem card, then a verdict and the history', async ({ page }) => {
      await page.goto('/scan')
      await heading(page, t.scanTitle)
      // No camera on this machine: the screen settles on its problem card.
      await expect(page.getByRole('alert')).toBeVisible({ timeout: 15_000 })
      await scan(page, 'scan (camera problem)')

      await page.getByRole('textbox', { name: t.couponCode }).fill(ACTIVE)
      await page.keyboard.press('Enter')
      await heading(page, t.active, 2)
      await scan(page, 'scan (verdict)')
    })

    test('settings', async ({ page }) => {
      await page.goto('/settings')
      await heading(page, t.settingsTitle)
      await expect(page.getByRole('main')).toBeVisible()
      await scan(page, 'settings')
    })

    test('today, with an entry', async ({ page, request, sandbox, baseURL }) => {
      await sandbox.settings({ otp_policy: 'trusted' })
      // A coupon of its own: the seeded ones stay as the worker's later specs expect them.
      const { coupon_code: code } = await sandbox.createCoupon()
      const use = await request.post(`/api/v2/customers/${maria.id}/coupons/${code}/validate/`, {
        headers: { 'Content-Type': 'application/json', Origin: new URL(baseURL ?? '').origin },
      })
      expect(use.status()).toBe(200)
      await page.goto('/journal')
      await heading(page, t.todayTitle)
      await expect(page.getByRole('table', { name: t.todayEntries })).toContainText(code)
      await scan(page, 'today')
    })

    test.describe('signed out', () => {
      test.use({ signedIn: false })

      test('lock screen', async ({ page }) => {
        await page.goto('/')
        await expect(page.getByRole('dialog', { name: t.locked })).toBeVisible()
        await expect(page.getByRole('textbox', { name: t.pin })).toBeFocused()
        await scan(page, 'lock screen')
      })
    })
  })
}
