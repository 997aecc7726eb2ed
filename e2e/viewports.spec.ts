import type { Locator, Page, TestInfo } from '@playwright/test'
import { SEED } from '../sandbox/seed'
import { expect, test } from './fixtures'
import { SHAPE_INDEPENDENT } from '../playwright.config'

/**
 * The main screens at a phone, a tablet both ways round and a desktop: a full-page screenshot of
 * each (attached to the report), no horizontal scrolling, no visible element sticking out of the
 * viewport sideways, and the screen's heading and primary action on screen.
 */

const { maria } = SEED.customers
const { cafe } = SEED.rewards
const ACTIVE = SEED.coupons.mariaActive.code

// The tablets are the ones left on the counter: they run in kiosk mode.
const VIEWPORTS = [
  { name: 'phone-390x844', width: 390, height: 844, touch: true, kiosk: false },
  { name: 'tablet-820x1180', width: 820, height: 1180, touch: true, kiosk: true },
  { name: 'tablet-1180x820', width: 1180, height: 820, touch: true, kiosk: true },
  { name: 'desktop-1440x900', width: 1440, height: 900, touch: false, kiosk: false },
] as const

// pt-BR, the default language, has the longer words: the harder case for a narrow screen.
const t = {
  lookupTitle: 'Encontrar cliente',
  search: 'Buscar cliente',
  searchSubmit: 'Buscar',
  results: '1 cliente encontrado',
  redeem: 'Resgatar',
  tabs: 'Seções do cliente',
  couponsTab: 'Cupons',
  useCouponLink: `Usar cupom ${ACTIVE}`,
  couponTitle: 'Cupom',
  active: 'Ativo',
  use: 'Usar cupom',
  nav: 'Principal',
  navScan: 'Ler cupom',
  navSettings: 'Ajustes',
  navToday: 'Hoje',
  todayTitle: 'Hoje',
  exportCsv: 'Exportar CSV',
  scanTitle: 'Ler cupom',
  couponCode: 'Código do cupom',
  lookUp: 'Consultar',
  settingsTitle: 'Ajustes',
  language: 'Idioma',
  lock: 'Bloquear',
  locked: 'Bloqueado',
  unlock: 'Desbloquear',
}

interface Overflow {
  scrollWidth: number
  clientWidth: number
  offenders: string[]
  /** Words split over two lines ("Engli|sh"): text squeezed into a box too narrow for it. */
  brokenWords: string[]
}

/**
 * The document's widths, every visible element whose box leaves the viewport sideways, and every
 * word the page breaks in the middle (`overflow-wrap: break-word` keeps such text inside its box,
 * so it never shows as overflow, but it is cut all the same).
 */
async function horizontalOverflow(page: Page): Promise<Overflow> {
  return page.evaluate(() => {
    const root = document.documentElement
    const width = root.clientWidth
    const describe = (el: Element) => {
      const role = el.getAttribute('role') ?? el.tagName.toLowerCase()
      const name =
        el.getAttribute('aria-label') ??
        el.getAttribute('alt') ??
        el.textContent.replace(/\s+/g, ' ').trim().slice(0, 50)
      const box = el.getBoundingClientRect()
      return `${role} "${name}" [${String(Math.round(box.left))}..${String(Math.round(box.right))}]`
    }
    // Screen-reader-only text (a 1 px clipped box, like the skip link) is not on screen.
    const clippedAway = (el: Element) => {
      for (let node: Element | null = el; node; node = node.parentElement) {
        const style = getComputedStyle(node)
        if (style.clipPath === 'inset(50%)') return true
        const box = node.getBoundingClientRect()
        if (style.overflow === 'hidden' && box.width <= 1 && box.height <= 1) return true
      }
      return false
    }
    const offenders: string[] = []
    for (const el of document.body.querySelectorAll('*')) {
      const box = el.getBoundingClientRect()
      if (box.width === 0 || box.height === 0) continue
      if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue
      if (clippedAway(el)) continue
      // Half a pixel of rounding is not overflow.
      if (box.left < -0.5 || box.right > width + 0.5) offenders.push(describe(el))
    }
    const brokenWords: string[] = []
    const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let node = texts.nextNode(); node; node = texts.nextNode()) {
      const parent = node.parentElement
      if (!parent?.checkVisibility({ visibilityProperty: true }) || clippedAway(parent)) continue
      const text = node.textContent ?? ''
      // Words of letters only: a long code or address may wrap where it must.
      for (const match of text.matchAll(/\p{L}{2,20}/gu)) {
        const range = document.createRange()
        range.setStart(node, match.index)
        range.setEnd(node, match.index + match[0].length)
        const lines = new Set(Array.from(range.getClientRects(), (rect) => Math.round(rect.top)))
        if (lines.size > 1) brokenWords.push(`"${match[0]}" in ${describe(parent)}`)
      }
    }
    return { scrollWidth: root.scrollWidth, clientWidth: width, offenders, brokenWords }
  })
}

/** The box of `locator` lies within the viewport's width. */
async function expectWithinWidth(page: Page, locator: Locator, what: string) {
  await expect(locator, `${what} is visible`).toBeVisible()
  const box = await locator.boundingBox()
  const width = page.viewportSize()?.width ?? 0
  expect(box, `${what} has a box`).not.toBeNull()
  if (box) {
    expect(box.x, `${what} starts inside the viewport`).toBeGreaterThanOrEqual(0)
    expect(box.x + box.width, `${what} ends inside the viewport`).toBeLessThanOrEqual(width + 0.5)
  }
}

/**
 * The checks for one screen: screenshot into the test's output and the report, no horizontal
 * scroll, no element out of bounds, heading and primary action visible and inside.
 */
async function checkScreen(
  page: Page,
  testInfo: TestInfo,
  screen: string,
  { heading, action }: { heading: Locator; action: Locator },
) {
  await expectWithinWidth(page, heading, `${screen}: main heading`)
  await expectWithinWidth(page, action, `${screen}: primary action`)
  // Fonts and lazy chunks settled: what the screenshot shows is what was measured.
  await page.evaluate(() => document.fonts.ready)
  const file = testInfo.outputPath(`${screen}.png`)
  await page.screenshot({ path: file, fullPage: true })
  await testInfo.attach(screen, { path: file, contentType: 'image/png' })

  const overflow = await horizontalOverflow(page)
  expect
    .soft(
      overflow.scrollWidth,
      `${screen}: no horizontal scrolling (clientWidth ${String(overflow.clientWidth)})`,
    )
    .toBeLessThanOrEqual(overflow.clientWidth)
  expect.soft(overflow.offenders, `${screen}: elements out of the viewport sideways`).toEqual([])
  expect.soft(overflow.brokenWords, `${screen}: words broken across lines`).toEqual([])
}

for (const viewport of VIEWPORTS) {
  test.describe(`layout at ${viewport.name}`, { tag: SHAPE_INDEPENDENT }, () => {
    test.use({
      locale: 'pt-BR',
      viewport: { width: viewport.width, height: viewport.height },
      hasTouch: viewport.touch,
      isMobile: viewport.touch,
      // 1 keeps the screenshots small; layout does not depend on it.
      deviceScaleFactor: 1,
    })

    test('main screens fit: lookup, customer, coupon, scan, settings, today, lock', async ({
      page,
    }, testInfo) => {
      await page.goto(viewport.kiosk ? '/?kiosk=1&q=Maria' : '/?q=Maria')
      await expect(page.getByRole('heading', { level: 2, name: t.results })).toBeVisible()
      await checkScreen(page, testInfo, 'lookup', {
        heading: page.getByRole('heading', { level: 1, name: t.lookupTitle }),
        action: page.getByRole('button', { name: t.searchSubmit, exact: true }),
      })

      await page.getByRole('link', { name: new RegExp(maria.fullName) }).click()
      const name = page.getByRole('heading', { level: 1, name: maria.fullName })
      const redeem = page
        .getByRole('article', { name: cafe.name })
        .getByRole('button', { name: t.redeem, exact: true })
      await checkScreen(page, testInfo, 'customer-rewards', { heading: name, action: redeem })

      await page
        .getByRole('navigation', { name: t.tabs })
        .getByRole('link', { name: t.couponsTab })
        .click()
      await checkScreen(page, testInfo, 'customer-coupons', {
        heading: name,
        action: page.getByRole('link', { name: t.useCouponLink }),
      })

      // From here on the way a cashier moves: links, the header's navigation, its Lock button.
      await page.getByRole('link', { name: t.useCouponLink }).click()
      await expect(
        page.getByRole('heading', { level: 2, name: t.active, exact: true }),
      ).toBeVisible()
      await checkScreen(page, testInfo, 'coupon-verdict', {
        heading: page.getByRole('heading', { level: 1, name: t.couponTitle }),
        action: page.getByRole('button', { name: t.use }),
      })

      const nav = page.getByRole('navigation', { name: t.nav })
      await nav.getByRole('link', { name: t.navScan }).click()
      // No camera on this machine: the screen settles on its problem card.
      await expect(page.getByRole('alert')).toBeVisible({ timeout: 15_000 })
      await checkScreen(page, testInfo, 'scan', {
        heading: page.getByRole('heading', { level: 1, name: t.scanTitle }),
        action: page.getByRole('button', { name: t.lookUp }),
      })

      await nav.getByRole('link', { name: t.navSettings }).click()
      await checkScreen(page, testInfo, 'settings', {
        heading: page.getByRole('heading', { level: 1, name: t.settingsTitle }),
        action: page.getByRole('combobox', { name: t.language }),
      })

      await nav.getByRole('link', { name: t.navToday }).click()
      await checkScreen(page, testInfo, 'today', {
        heading: page.getByRole('heading', { level: 1, name: t.todayTitle }),
        action: page.getByRole('button', { name: t.exportCsv }),
      })

      await page.getByRole('button', { name: t.lock }).click()
      const lock = page.getByRole('dialog', { name: t.locked })
      await checkScreen(page, testInfo, 'lock-screen', {
        heading: lock.getByRole('heading', { name: t.locked }),
        action: lock.getByRole('button', { name: t.unlock }),
      })
    })
  })
}
