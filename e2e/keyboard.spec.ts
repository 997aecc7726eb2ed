import type { Locator, Page } from '@playwright/test'
import { SEED } from '../sandbox/seed'
import { expect, SANDBOX_PIN, test, specLanguages } from './fixtures'
import { SHAPE_INDEPENDENT } from '../playwright.config'

/**
 * A cashier without a mouse: the whole flow with Tab, Shift+Tab, Enter, Space and Escape only.
 * Every stop on the way must show where the focus is, the redeem dialog must take the focus,
 * keep it and give it back, and the results must reach a screen reader through live regions.
 */

const { joao } = SEED.customers
// The last card of the catalog: the way back up to the tabs passes under the sticky header.
const { brinde } = SEED.rewards
const joaoActive = SEED.coupons.joaoExpiringToday.code

const copy = {
  'pt-BR': {
    locale: 'pt-BR',
    viewport: { width: 1280, height: 720 },
    search: 'Buscar cliente',
    results: '2 clientes encontrados',
    redeem: 'Resgatar',
    confirmTitle: `Resgatar ${brinde.name}?`,
    tabs: 'Seções do cliente',
    couponsTab: 'Cupons',
    couponList: 'Cupons do cliente',
    useCouponLink: `Usar cupom ${joaoActive}`,
    use: 'Usar cupom',
    active: 'Ativo',
    validated: 'Validado',
  },
  en: {
    locale: 'en-US',
    // A phone-sized screen with a keyboard (a tablet's): the sticky customer header is in play.
    viewport: { width: 390, height: 844 },
    search: 'Search customer',
    results: '2 customers found',
    redeem: 'Redeem',
    confirmTitle: `Redeem ${brinde.name}?`,
    tabs: 'Customer sections',
    couponsTab: 'Coupons',
    couponList: "The customer's coupons",
    useCouponLink: `Use coupon ${joaoActive}`,
    use: 'Use coupon',
    active: 'Active',
    validated: 'Validated',
  },
} as const

interface FocusInfo {
  /** Tag, role and text of the focused element, for failure messages. */
  what: string
  /** An outline or box-shadow ring on the element (or on what draws it for a hidden input). */
  indicator: string | null
  /** What covers the middle of the focused element (a sticky header), if anything. */
  coveredBy: string | null
}

/**
 * What has the focus and how it shows. A visually hidden control (the coupon filter's radios)
 * draws its ring on the label next to it, so that counts too. The ring must differ from the
 * background it sits on, or it is there but not visible (a purple ring on the purple header),
 * and nothing may sit on top of the element (WCAG 2.4.11).
 */
async function focusInfo(page: Page): Promise<FocusInfo> {
  return page.evaluate(() => {
    const describe = (el: Element) => {
      const role = el.getAttribute('role')
      const text = el.textContent.replace(/\s+/g, ' ').trim().slice(0, 40)
      return `<${el.tagName.toLowerCase()}${role ? ` role=${role}` : ''}> "${text}"`
    }
    const focused = document.activeElement
    if (!focused || focused === document.body)
      return { what: 'nothing (body)', indicator: null, coveredBy: null }
    const backgroundOf = (el: Element | null): string => {
      for (let node = el; node; node = node.parentElement) {
        const bg = getComputedStyle(node).backgroundColor
        if (bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent') return bg
      }
      return 'rgb(255, 255, 255)'
    }
    const ringOf = (el: Element): string | null => {
      const style = getComputedStyle(el)
      if (Number(style.opacity) === 0) return null
      if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) {
        if (style.outlineColor !== backgroundOf(el.parentElement))
          return `outline ${style.outlineWidth} ${style.outlineStyle} ${style.outlineColor}`
      }
      if (style.boxShadow !== 'none') return `box-shadow ${style.boxShadow}`
      return null
    }
    const hidden = Number(getComputedStyle(focused).opacity) === 0
    const drawnBy = hidden
      ? [focused.nextElementSibling, focused.parentElement].find(
          (el): el is Element => el !== null && ringOf(el) !== null,
        )
      : focused
    const indicator = drawnBy ? ringOf(drawnBy) : null
    const shown = drawnBy ?? focused
    const box = shown.getBoundingClientRect()
    const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2)
    const covered = top !== null && !shown.contains(top) && !focused.contains(top)
    return {
      what: describe(focused),
      indicator,
      coveredBy: covered ? describe(top) : null,
    }
  })
}

/**
 * The focused element shows a ring. Polled briefly: buttons fade their colours (and so the ring's)
 * in over 150 ms, and halfway the ring can still be the colour of what is behind it.
 */
async function expectVisibleFocus(page: Page, step: string): Promise<FocusInfo> {
  let info: FocusInfo = { what: 'not checked', indicator: null, coveredBy: null }
  await expect
    .poll(
      async () => {
        info = await focusInfo(page)
        if (info.coveredBy !== null) return `${info.what} is covered by ${info.coveredBy}`
        return info.indicator ?? `no ring on ${info.what}`
      },
      { message: `${step}: visible focus indicator`, timeout: 1_000, intervals: [50] },
    )
    .toMatch(/^(outline|box-shadow) /)
  return info
}

/**
 * Presses `key` (Tab or Shift+Tab) until `target` has the focus, checking the focus indicator
 * at every stop on the way; fails after `max` presses.
 */
async function moveFocusTo(page: Page, target: Locator, key = 'Tab', max = 40) {
  const stops: string[] = []
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key)
    const info = await expectVisibleFocus(
      page,
      `${key} stop ${String(i + 1)} after ${stops.join(' → ')}`,
    )
    stops.push(info.what)
    if (await target.evaluate((el) => el === document.activeElement)) return
  }
  throw new Error(`${key} ×${String(max)} never reached the target; stops: ${stops.join(' → ')}`)
}

for (const language of specLanguages) {
  const t = copy[language]

  test.describe(`keyboard only (${language})`, { tag: SHAPE_INDEPENDENT }, () => {
    test.use({ locale: t.locale, viewport: t.viewport })

    test('lookup → customer → redeem dialog → coupons → verdict, with visible focus', async ({
      page,
      sandbox,
    }) => {
      // The coupon at the end is used without the OTP step: this test is about the keyboard.
      await sandbox.settings({ otp_policy: 'trusted' })
      await page.goto('/')

      // The search field has the focus on arrival.
      const search = page.getByRole('searchbox', { name: t.search })
      await expect(search).toBeFocused()
      await expectVisibleFocus(page, 'search field')
      await page.keyboard.type('silva')
      await page.keyboard.press('Enter')

      // Two results, announced through the polite live region around them.
      const results = page.locator('[aria-live]').filter({ hasText: t.results })
      await expect(results).toHaveCount(1)
      await expect(results).toHaveAttribute('aria-live', 'polite')
      const joaoLink = page.getByRole('link', { name: new RegExp(joao.fullName) })
      await moveFocusTo(page, joaoLink)
      await page.keyboard.press('Enter')
      await expect(page.getByRole('heading', { level: 1, name: joao.fullName })).toBeVisible()

      // Rewards tab: Tab to Redeem on the last reward.
      const redeem = page
        .getByRole('article', { name: brinde.name })
        .getByRole('button', { name: t.redeem, exact: true })
      await moveFocusTo(page, redeem)
      await page.keyboard.press('Enter')

      // The dialog takes the focus and keeps it, both ways round.
      const dialog = page.getByRole('dialog', { name: t.confirmTitle })
      await expect(dialog).toBeVisible()
      const focusInDialog = () => dialog.evaluate((el) => el.contains(document.activeElement))
      expect(await focusInDialog(), 'focus moves into the dialog').toBe(true)
      await expectVisibleFocus(page, 'dialog, first stop')
      for (const key of ['Tab', 'Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
        await page.keyboard.press(key)
        expect(await focusInDialog(), `after ${key} the focus is still in the dialog`).toBe(true)
        await expectVisibleFocus(page, `dialog after ${key}`)
      }
      // Escape closes it and the focus returns to the button that opened it.
      await page.keyboard.press('Escape')
      await expect(dialog).toBeHidden()
      await expect(redeem).toBeFocused()
      await expectVisibleFocus(page, 'Redeem after the dialog')

      // Back up past every card (under the sticky customer header) to the Coupons tab.
      const couponsTab = page
        .getByRole('navigation', { name: t.tabs })
        .getByRole('link', { name: t.couponsTab })
      await moveFocusTo(page, couponsTab, 'Shift+Tab')
      await page.keyboard.press('Enter')
      const list = page.getByRole('list', { name: t.couponList })
      await expect(list).toBeVisible()

      // The coupon's verdict, said by a live region as it arrives; its Use button takes Space.
      await moveFocusTo(page, list.getByRole('link', { name: t.useCouponLink }))
      await page.keyboard.press('Enter')
      await expect(page).toHaveURL(`/coupons/${joaoActive}`)
      await expect(
        page.getByRole('heading', { level: 2, name: t.active, exact: true }),
      ).toBeVisible()
      const announced = (verdict: string) =>
        page.locator('[aria-live], [role=status], [role=alert]').filter({
          hasText: `${joaoActive}: ${verdict}`,
        })
      await expect(announced(t.active)).toHaveCount(1)
      const use = page.getByRole('button', { name: t.use })
      await moveFocusTo(page, use)
      await page.keyboard.press('Space')
      const validated = page.getByRole('heading', { level: 2, name: t.validated, exact: true })
      await expect(validated).toBeVisible()
      await expect(announced(t.validated)).toHaveCount(1)
      // The Use button went with the old verdict; the focus lands on the new one, not the body.
      await expect(validated).toBeFocused()
      await expectVisibleFocus(page, 'the new verdict')
    })
  })
}

test.describe('keyboard only: the lock screen', { tag: SHAPE_INDEPENDENT }, () => {
  test.use({ locale: 'pt-BR', signedIn: false })

  test('Tab and Shift+Tab stay on the lock screen; the PIN typed and Enter unlock', async ({
    page,
  }) => {
    await page.goto('/')
    const lock = page.getByRole('dialog', { name: 'Bloqueado' })
    const pin = lock.getByRole('textbox', { name: 'PIN' })
    await expect(pin).toBeFocused()
    // Past the keypad and the Unlock button, round to the field again, and back.
    for (const key of [...Array<string>(16).fill('Tab'), 'Shift+Tab', 'Shift+Tab']) {
      await page.keyboard.press(key)
      expect(
        await lock.evaluate((el) => el.contains(document.activeElement)),
        `after ${key} the focus is still on the lock screen`,
      ).toBe(true)
      await expectVisibleFocus(page, `lock screen after ${key}`)
    }
    await moveFocusTo(page, pin)
    await page.keyboard.type(SANDBOX_PIN)
    await page.keyboard.press('Enter')
    await expect(lock).toBeHidden()
  })
})
