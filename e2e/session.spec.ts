import type { Locator, Page } from '@playwright/test'
import { expect, failedStatus, test } from './fixtures'

/**
 * The cashier lock screen in a real Chromium against the real BFF (issue 5, reliability.md G10):
 * a context without a session opens on it, the pad unlocks, Lock returns to it and signs out on
 * the server, and the client idle timer brings it back (Playwright's clock). The five-wrong-PINs
 * lockout runs against a private BFF: see session-lockout.spec.ts.
 */

/**
 * Chromium logs every non-2xx fetch as "Failed to load resource"; a wrong PIN is an expected 401.
 * Anything else on the console fails the test.
 */
test.use({ allowedConsoleErrors: failedStatus('401') })

const en = {
  locale: 'en-US',
  dialog: 'Locked',
  keypad: 'PIN keypad',
  unlock: 'Unlock',
  lock: 'Lock',
  hint: 'Sandbox PIN: 1234',
  lookup: 'Find a customer',
  settings: 'Settings',
}

async function typeOnPad(dialog: Locator, pin: string, keypad = en.keypad) {
  const pad = dialog.getByRole('group', { name: keypad })
  for (const digit of pin) await pad.getByRole('button', { name: digit, exact: true }).click()
}

/** What the server says about this browser's session (the status route never slides it). */
function sessionStatus(page: Page) {
  return page.evaluate(async () => {
    const response = await fetch('/api/pos/session')
    return (await response.json()) as { authenticated: boolean; idle_timeout_s: number }
  })
}

test.describe('without a session', () => {
  test.use({ signedIn: false, locale: en.locale })

  test('the app opens on the lock screen; 1234 on the pad unlocks; Lock locks and signs out', async ({
    page,
  }) => {
    await page.goto('/settings')
    const dialog = page.getByRole('dialog', { name: en.dialog })
    await expect(dialog).toBeVisible()
    await expect(dialog.getByRole('heading', { name: en.dialog })).toBeVisible()
    const field = dialog.getByLabel('PIN', { exact: true })
    await expect(field).toBeFocused()
    await expect(field).toHaveAttribute('type', 'password')
    await expect(field).toHaveAttribute('inputmode', 'numeric')
    await expect(dialog.getByText(en.hint)).toBeVisible()
    // The screen underneath is neither visible nor reachable.
    const title = page.getByRole('heading', { level: 1, name: en.settings })
    await expect(title).toBeHidden()
    await page.keyboard.press('Escape')
    await expect(dialog).toBeVisible()

    // Every key is a real touch target.
    for (const key of await dialog
      .getByRole('group', { name: en.keypad })
      .getByRole('button')
      .all()) {
      const box = await key.boundingBox()
      expect(box?.height).toBeGreaterThanOrEqual(48)
      expect(box?.width).toBeGreaterThanOrEqual(48)
    }

    await typeOnPad(dialog, '1234')
    await expect(field).toHaveValue('1234')
    await dialog.getByRole('button', { name: en.unlock }).click()
    await expect(dialog).toBeHidden()
    await expect(title).toBeVisible()
    await expect(page).toHaveURL('/settings')
    expect((await sessionStatus(page)).authenticated).toBe(true)

    await page.getByRole('banner').getByRole('button', { name: en.lock }).click()
    await expect(dialog).toBeVisible()
    await expect(title).toBeHidden()
    await expect.poll(async () => (await sessionStatus(page)).authenticated).toBe(false)
    const api = await page.evaluate(async () => (await fetch('/api/v2/rewards/')).status)
    expect(api).toBe(401)

    // And back in with the hardware keyboard.
    await expect(field).toBeFocused()
    await page.keyboard.type('1234')
    await page.keyboard.press('Enter')
    await expect(dialog).toBeHidden()
    await expect(title).toBeVisible()
  })

  test('a wrong PIN says how many attempts are left; the right one then unlocks', async ({
    page,
  }) => {
    await page.goto('/')
    const dialog = page.getByRole('dialog', { name: en.dialog })
    await typeOnPad(dialog, '0000')
    await dialog.getByRole('button', { name: en.unlock }).click()
    await expect(dialog.getByRole('alert')).toHaveText('Wrong PIN. 4 attempts left.')
    await expect(dialog.getByLabel('PIN', { exact: true })).toHaveValue('')

    // The right PIN also resets the server's count, so later specs start from five.
    await typeOnPad(dialog, '1234')
    await dialog.getByRole('button', { name: en.unlock }).click()
    await expect(dialog).toBeHidden()
    await expect(page.getByRole('heading', { level: 1, name: en.lookup })).toBeVisible()
  })

  test.describe('in Portuguese', () => {
    test.use({ locale: 'pt-BR' })

    test('Bloqueado, Desbloquear, Bloquear', async ({ page }) => {
      await page.goto('/')
      const dialog = page.getByRole('dialog', { name: 'Bloqueado' })
      await expect(dialog.getByText('PIN do sandbox: 1234')).toBeVisible()
      await typeOnPad(dialog, '1234', 'Teclado do PIN')
      await dialog.getByRole('button', { name: 'Desbloquear' }).click()
      await expect(dialog).toBeHidden()
      await page.getByRole('banner').getByRole('button', { name: 'Bloquear' }).click()
      await expect(dialog).toBeVisible()
    })
  })
})

test.describe('signed in', () => {
  test.use({ locale: en.locale })

  test('the lock screen comes back after idle_timeout_s without activity (page clock)', async ({
    page,
  }) => {
    await page.clock.install()
    const status = page.waitForResponse(
      (r) => r.url().endsWith('/api/pos/session') && r.request().method() === 'GET',
    )
    await page.goto('/settings')
    await status
    const title = page.getByRole('heading', { level: 1, name: en.settings })
    await expect(title).toBeVisible()
    const dialog = page.getByRole('dialog', { name: en.dialog })
    await expect(dialog).toBeHidden()
    const { idle_timeout_s: idleTimeoutS, authenticated } = await sessionStatus(page)
    expect(authenticated).toBe(true)

    await page.clock.fastForward((idleTimeoutS - 30) * 1000)
    await expect(dialog).toBeHidden()
    await page.clock.fastForward(31_000)
    await expect(dialog).toBeVisible()
    await expect(dialog).toContainText('Locked after a while without activity')
    await expect(title).toBeHidden()

    await typeOnPad(dialog, '1234')
    await dialog.getByRole('button', { name: en.unlock }).click()
    await expect(dialog).toBeHidden()
    await expect(title).toBeVisible()
  })
})
