import type { Page } from '@playwright/test'
import { SEED } from '../sandbox/seed'
import {
  expect,
  failedStatus,
  SANDBOX_PIN,
  test,
  type SandboxControl,
  specLanguages,
} from './fixtures'
import { SHAPE_INDEPENDENT } from '../playwright.config'

/*
 * Kiosk mode on a counter tablet, with Playwright's clock: `clock.install()` before the page
 * loads, then `runFor` to pass the idle timeout (60 s by default) and the 10 s countdown in a
 * moment. Time otherwise flows as usual, so requests and rendering behave as on a real till.
 */

const maria = SEED.customers.maria
const IDLE_MS = 60_000
const COUNTDOWN_MS = 10_000

const copy = {
  en: {
    locale: 'en-US',
    lookupTitle: 'Find a customer',
    search: 'Search customer',
    stillThere: 'Still there?',
    keepWorking: 'Keep working',
    exit: 'Exit kiosk mode',
  },
  'pt-BR': {
    locale: 'pt-BR',
    lookupTitle: 'Encontrar cliente',
    search: 'Buscar cliente',
    stillThere: 'Ainda está aí?',
    keepWorking: 'Continuar',
    exit: 'Sair do modo quiosque',
  },
} as const
type Copy = (typeof copy)[keyof typeof copy]

/** How often the sandbox was asked for Maria's profile and for a customer search. */
async function mariaReads(sandbox: SandboxControl) {
  const requests = (await sandbox.requests()).filter((r) => r.method === 'GET')
  return {
    profile: requests.filter((r) => r.path === `/api/v2/customers/${maria.id}/`).length,
    searches: requests.filter((r) => r.path === '/api/v2/customers/').length,
  }
}

const fullscreenTag = (page: Page) =>
  page.evaluate(() => document.fullscreenElement?.tagName ?? null)

/** Kiosk mode from the address, then Maria by phone, as a cashier finds her. */
async function openMariaInKiosk(page: Page, t: Copy) {
  await page.clock.install()
  await page.goto('/?kiosk=1')
  await expect(page).toHaveURL('/')
  await expect(page.getByRole('heading', { level: 1, name: t.lookupTitle })).toBeVisible()
  await expect(page.getByRole('button', { name: t.exit })).toBeVisible()
  const field = page.getByRole('searchbox', { name: t.search })
  await field.fill(maria.phone)
  await field.press('Enter')
  await expect(page).toHaveURL(`/customers/${maria.id}`)
  await expect(page.getByRole('heading', { level: 1, name: maria.fullName })).toBeVisible()
}

for (const language of specLanguages) {
  const t = copy[language]

  test.describe(`kiosk idle reset (${language})`, () => {
    test.use({ locale: t.locale })

    test('idle past the timeout and the countdown: the lookup shows and Maria is forgotten', async ({
      page,
      sandbox,
    }) => {
      await openMariaInKiosk(page, t)
      const before = await mariaReads(sandbox)
      expect(before.profile).toBeGreaterThan(0)

      // The clock also flows in real time (a busy CI box is slow), so the checks leave a margin
      // for the test's own pace.
      await page.clock.runFor(IDLE_MS - 30_000)
      await expect(page.getByRole('alertdialog')).toHaveCount(0)
      await page.clock.runFor(30_000)
      const countdown = page.getByRole('alertdialog', { name: t.stillThere })
      await expect(countdown).toBeVisible()
      await expect(countdown.getByRole('timer')).toHaveText(/^([1-9]|10) s$/)

      await page.clock.runFor(COUNTDOWN_MS)
      await expect(countdown).toHaveCount(0)
      await expect(page.getByRole('heading', { level: 1, name: t.lookupTitle })).toBeVisible()
      await expect(page).toHaveURL('/')
      await expect(page.getByText(maria.fullName)).toHaveCount(0)
      await expect(page.getByRole('searchbox', { name: t.search })).toHaveValue('')
      // Nothing was fetched to start over.
      expect(await mariaReads(sandbox)).toEqual(before)

      // Back leads to her search, which the app has to ask Zupy for again: nothing was cached.
      await page.goBack()
      await expect(page.getByRole('link', { name: new RegExp(maria.fullName) })).toBeVisible()
      const after = await mariaReads(sandbox)
      expect(after.searches).toBe(before.searches + 1)
      // Her page too.
      await page.getByRole('link', { name: new RegExp(maria.fullName) }).click()
      await expect(page.getByRole('heading', { level: 1, name: maria.fullName })).toBeVisible()
      expect((await mariaReads(sandbox)).profile).toBe(before.profile + 1)
    })

    test('a touch during the countdown keeps the customer on screen', async ({ page, sandbox }) => {
      await openMariaInKiosk(page, t)
      const before = await mariaReads(sandbox)
      await page.clock.runFor(IDLE_MS)
      const countdown = page.getByRole('alertdialog', { name: t.stillThere })
      await expect(countdown).toBeVisible()
      await page.clock.runFor(2000)
      await expect(countdown).toBeVisible()

      // A tap anywhere (here on the dimmed page around the dialog).
      await page.mouse.click(20, 300)
      await expect(countdown).toHaveCount(0)
      await page.clock.runFor(COUNTDOWN_MS)
      await expect(page.getByRole('heading', { level: 1, name: maria.fullName })).toBeVisible()
      await expect(page).toHaveURL(`/customers/${maria.id}`)
      expect(await mariaReads(sandbox)).toEqual(before)

      // The next countdown comes a whole idle time after the tap; "Keep working" cancels it too.
      await page.clock.runFor(IDLE_MS - COUNTDOWN_MS)
      await countdown.getByRole('button', { name: t.keepWorking }).click()
      await expect(countdown).toHaveCount(0)
      await page.clock.runFor(COUNTDOWN_MS)
      await expect(page.getByRole('heading', { level: 1, name: maria.fullName })).toBeVisible()
    })
  })
}

test.describe('kiosk mode', () => {
  test.use({ locale: 'en-US' })

  test('?kiosk=1 is remembered on the device across a reload, and ?kiosk=0 does not leave', async ({
    page,
  }) => {
    await page.goto('/scan?kiosk=1')
    await expect(page).toHaveURL('/scan')
    const exit = page.getByRole('button', { name: 'Exit kiosk mode' })
    await expect(exit).toBeVisible()
    await expect(page.locator('html')).toHaveAttribute('data-kiosk', '')
    // Fullscreen waits for a user gesture: the first tap.
    expect(await fullscreenTag(page)).toBeNull()
    await page.getByRole('heading', { level: 1, name: 'Scan a coupon' }).click()
    await expect.poll(() => fullscreenTag(page)).toBe('HTML')

    await page.reload()
    await expect(page.getByRole('heading', { level: 1, name: 'Scan a coupon' })).toBeVisible()
    await expect(exit).toBeVisible()

    await page.goto('/?kiosk=0')
    await expect(page).toHaveURL('/')
    await expect(page.getByRole('heading', { level: 1, name: 'Find a customer' })).toBeVisible()
    await expect(exit).toBeVisible()
  })

  test.describe('leaving', () => {
    // The wrong PIN is answered 401, which Chromium logs.
    test.use({ allowedConsoleErrors: failedStatus('401') })

    test('asks for the cashier PIN: Cancel and a wrong PIN stay, the right PIN leaves', async ({
      page,
    }) => {
      await page.goto('/?kiosk=1')
      const exit = page.getByRole('button', { name: 'Exit kiosk mode' })
      const dialog = page.getByRole('dialog', { name: 'Exit kiosk mode' })
      const typePin = async (pin: string) => {
        const pad = dialog.getByRole('group', { name: 'PIN keypad' })
        for (const digit of pin) await pad.getByRole('button', { name: digit, exact: true }).click()
        await dialog.getByRole('button', { name: 'Exit kiosk mode' }).click()
      }

      await exit.click()
      await expect(dialog).toBeVisible()
      await dialog.getByRole('button', { name: 'Cancel' }).click()
      await expect(dialog).toHaveCount(0)
      await expect(exit).toBeVisible()

      await exit.click()
      await expect.poll(() => fullscreenTag(page)).toBe('HTML')
      await typePin('9999')
      await expect(dialog.getByRole('alert')).toContainText('Wrong PIN')
      await expect(dialog).toBeVisible()
      await expect(page.locator('html')).toHaveAttribute('data-kiosk', '')

      await typePin(SANDBOX_PIN)
      await expect(dialog).toHaveCount(0)
      await expect(exit).toHaveCount(0)
      await expect(page.locator('html')).not.toHaveAttribute('data-kiosk')
      await expect.poll(() => fullscreenTag(page)).toBeNull()
      await page.reload()
      await expect(page.getByRole('heading', { level: 1, name: 'Find a customer' })).toBeVisible()
      await expect(exit).toHaveCount(0)
    })
  })

  test('scan screen: a verdict that needs no tap gives way to the next scan by itself', async ({
    page,
  }) => {
    await page.clock.install()
    await page.goto('/scan?kiosk=1')
    await expect(page.getByRole('heading', { level: 1, name: 'Scan a coupon' })).toBeVisible()
    const result = page.getByRole('region', { name: 'Scan result' })
    const field = page.getByRole('textbox', { name: 'Coupon code' })
    await field.fill(SEED.coupons.mariaUsed.code)
    await field.press('Enter')

    const verdict = result.getByRole('heading', { name: 'Already used', exact: true })
    await expect(verdict).toBeVisible()
    // The clock also flows in real time: the hint may already have ticked once.
    await expect(result.getByRole('timer')).toHaveText(/^Next scan in [34] s$/)
    await page.clock.runFor(2000)
    await expect(verdict).toBeVisible()
    await page.clock.runFor(2000)
    await expect(verdict).toHaveCount(0)
    await expect(result.getByText('No coupon read yet')).toBeVisible()

    // An active coupon waits for its "Use coupon" tap, however long that takes.
    await field.fill(SEED.coupons.mariaActive.code)
    await field.press('Enter')
    await expect(result.getByRole('heading', { name: 'Active', exact: true })).toBeVisible()
    await expect(result.getByRole('timer')).toHaveCount(0)
    await page.clock.runFor(10_000)
    await expect(result.getByRole('button', { name: 'Use coupon' })).toBeVisible()
  })

  test(
    'touch targets are at least 48 px on every screen',
    { tag: SHAPE_INDEPENDENT },
    async ({ page }) => {
      await page.goto('/?kiosk=1')
      // The app remembers kiosk mode after its first render; the next goto must not beat it.
      await expect(page.getByRole('button', { name: 'Exit kiosk mode' })).toBeVisible()
      const screens: { url: string; heading: string; then?: () => Promise<void> }[] = [
        { url: '/', heading: 'Find a customer' },
        { url: `/customers/${maria.id}`, heading: maria.fullName },
        { url: `/customers/${maria.id}/coupons`, heading: maria.fullName },
        {
          url: '/scan',
          heading: 'Scan a coupon',
          // A verdict, "Scan next" and the history's small "Clear" button.
          then: async () => {
            const field = page.getByRole('textbox', { name: 'Coupon code' })
            await field.fill(SEED.coupons.mariaUsed.code)
            await field.press('Enter')
            await expect(page.getByRole('button', { name: 'Clear' })).toBeVisible()
          },
        },
        { url: '/journal', heading: 'Today' },
        { url: '/settings', heading: 'Settings' },
        {
          url: '/settings',
          heading: 'Settings',
          then: async () => {
            await page.getByRole('button', { name: 'Exit kiosk mode' }).click()
            await expect(page.getByRole('dialog', { name: 'Exit kiosk mode' })).toBeVisible()
          },
        },
      ]
      for (const { url, heading, then } of screens) {
        await page.goto(url)
        await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible()
        // Let lists and lazy parts settle.
        await page.waitForLoadState('networkidle')
        await then?.()
        const small = await page.evaluate(() => {
          const controls = document.querySelectorAll<HTMLElement>(
            'button, a[href], select, input:not([type="hidden"]), [role="button"], [role="switch"], [role="tab"]',
          )
          const out: string[] = []
          for (const control of controls) {
            // A checkbox or radio is tapped through its label.
            const target =
              control instanceof HTMLInputElement &&
              (control.type === 'checkbox' || control.type === 'radio')
                ? (control.closest('label') ?? control)
                : control
            const box = target.getBoundingClientRect()
            if (box.width === 0 && box.height === 0) continue // not rendered
            if (getComputedStyle(target).display === 'inline') continue // a link in a sentence
            if (target.closest('.sr-only') || target.classList.contains('sr-only')) continue
            if (box.width < 47.5 || box.height < 47.5) {
              const name =
                target.getAttribute('aria-label') ?? target.textContent.trim().slice(0, 40)
              out.push(`${target.tagName.toLowerCase()} "${name}" ${box.width}×${box.height}`)
            }
          }
          return out
        })
        expect(small, `small touch targets on ${url}`).toEqual([])
      }
    },
  )
})
