import type { Page } from '@playwright/test'
import { SEED } from '../sandbox/seed'
import {
  expect,
  failedStatus,
  test,
  type SandboxControl,
  specLanguages,
  UPSTREAM_TIMEOUT_MS,
} from './fixtures'

/**
 * Chromium logs every non-2xx fetch as "Failed to load resource". The 4xx answers here (403
 * otp-required, 409 already used) are expected answers, so those lines are tolerated; a test that
 * forces a 5xx says so with `consoleGuard.allow`. Anything else on the console fails the test.
 */
test.use({ allowedConsoleErrors: failedStatus('4\\d\\d') })

const C = SEED.coupons
/** Whether the decoder's .wasm has finished downloading (a string: tsx wraps functions). */
const SCAN_PREFETCHED =
  "performance.getEntriesByType('resource').some((entry) => entry.name.endsWith('.wasm'))"
const maria = SEED.customers.maria

const copy = {
  en: {
    locale: 'en-US',
    active: 'Active',
    validated: 'Validated',
    confirmed: 'Validated (confirmed)',
    used: 'Already used',
    use: 'Use coupon',
    useAgain: 'Use again',
    usesLeft: (left: number, total: number) => `${left} of ${total}`,
    otpDialog: 'Customer verification',
    otpCode: 'Verification code',
    codeSent: 'Code sent',
    verify: 'Verify',
    offline: 'Offline',
  },
  'pt-BR': {
    locale: 'pt-BR',
    active: 'Ativo',
    validated: 'Validado',
    confirmed: 'Validado (confirmado)',
    used: 'Já utilizado',
    use: 'Usar cupom',
    useAgain: 'Usar de novo',
    usesLeft: (left: number, total: number) => `${left} de ${total}`,
    otpDialog: 'Verificação do cliente',
    otpCode: 'Código de verificação',
    codeSent: 'Código enviado',
    verify: 'Verificar',
    offline: 'Sem conexão',
  },
} as const

const verdict = (page: Page, name: string) =>
  page.getByRole('heading', { level: 2, name, exact: true })

async function validatePosts(sandbox: SandboxControl) {
  const requests = await sandbox.requests()
  return requests.filter((r) => r.method === 'POST' && r.path.endsWith('/validate/'))
}

/** Every verdict heading the page ever showed, so a test can prove one never appeared. */
async function recordVerdicts(page: Page) {
  await page.addInitScript(() => {
    const seen: string[] = []
    Object.assign(window, { __verdicts: seen })
    new MutationObserver(() => {
      for (const heading of document.querySelectorAll('h2')) {
        const text = heading.textContent
        if (!seen.includes(text)) seen.push(text)
      }
    }).observe(document, { subtree: true, childList: true, characterData: true })
  })
  return () => page.evaluate(() => (window as unknown as { __verdicts: string[] }).__verdicts)
}

for (const language of specLanguages) {
  const t = copy[language]

  test.describe(`validate (${language})`, () => {
    test.use({ locale: t.locale })

    test('a multi-use coupon counts down on each use, then ends on Already used', async ({
      page,
      sandbox,
    }) => {
      await sandbox.settings({ otp_policy: 'trusted' })
      await page.goto(`/coupons/${C.mariaMultiUse.code}`)
      await expect(page.getByRole('region', { name: t.active })).toContainText(t.usesLeft(2, 3))

      await page.getByRole('button', { name: t.use }).click()
      await expect(page.getByRole('region', { name: t.validated })).toContainText(t.usesLeft(1, 3))

      await page.getByRole('button', { name: t.useAgain }).click()
      await expect(page.getByRole('region', { name: t.validated })).toContainText(t.usesLeft(0, 3))
      await expect(page.getByRole('button', { name: t.useAgain })).toHaveCount(0)
      expect(await validatePosts(sandbox)).toHaveLength(2)

      await page.reload()
      await expect(verdict(page, t.used)).toBeVisible()
    })

    test('a coupon used elsewhere meanwhile answers 409 and shows Already used, no error', async ({
      page,
      request,
      sandbox,
      baseURL,
    }) => {
      await sandbox.settings({ otp_policy: 'trusted' })
      await page.goto(`/coupons/${C.mariaActive.code}`)
      await expect(verdict(page, t.active)).toBeVisible()

      // Another till uses it first.
      // Another till uses it first (a same-origin JSON POST, as the BFF's CSRF check wants).
      const other = await request.post(
        `/api/v2/customers/${maria.id}/coupons/${C.mariaActive.code}/validate/`,
        { headers: { 'Content-Type': 'application/json', Origin: new URL(baseURL ?? '').origin } },
      )
      expect(other.status()).toBe(200)

      await page.getByRole('button', { name: t.use }).click()
      await expect(verdict(page, t.used)).toBeVisible()
      await expect(page.getByRole('alert')).toHaveCount(0)
    })

    test('under relaxed, Use opens the OTP step; after the code, Validated', async ({
      page,
      sandbox,
    }) => {
      await page.goto(`/coupons/${C.mariaActive.code}`)
      await page.getByRole('button', { name: t.use }).click()

      const dialog = page.getByRole('dialog', { name: t.otpDialog })
      await expect(dialog).toBeVisible()
      // The code exists once the dialog says where it went.
      await expect(dialog).toContainText(t.codeSent)
      const code = await sandbox.otpCode(maria.phone)
      await dialog.getByRole('textbox', { name: t.otpCode }).fill(code)
      await dialog.getByRole('button', { name: t.verify, exact: true }).click()

      await expect(dialog).toBeHidden()
      await expect(verdict(page, t.validated)).toBeVisible()
      const posts = await validatePosts(sandbox)
      expect(posts).toHaveLength(2)
    })

    test('commit then drop: ends on Validated (confirmed), never Already used, one POST', async ({
      page,
      sandbox,
      consoleGuard,
    }) => {
      consoleGuard.allow(failedStatus('502'))
      await sandbox.settings({ otp_policy: 'trusted' })
      await sandbox.addFault({
        method: 'POST',
        path: '/validate/',
        fault: { kind: 'commit-then-drop' },
      })
      const verdicts = await recordVerdicts(page)
      await page.goto(`/coupons/${C.mariaActive.code}`)
      await page.getByRole('button', { name: t.use }).click()

      await expect(verdict(page, t.confirmed)).toBeVisible()
      expect(await verdicts()).not.toContain(t.used)
      expect(await verdicts()).not.toContain(t.validated)
      expect(await validatePosts(sandbox)).toHaveLength(1)
    })

    // One language is enough for a case that waits out the BFF's deadline.
    if (language === specLanguages[0]) {
      test('commit, then no answer before the BFF deadline: ends on Validated (confirmed), one POST', async ({
        page,
        sandbox,
        consoleGuard,
      }) => {
        test.setTimeout(45_000)
        consoleGuard.allow(failedStatus('504'))
        await sandbox.settings({ otp_policy: 'trusted' })
        // The sandbox commits, then answers only after the BFF's upstream deadline has passed.
        await sandbox.addFault({
          method: 'POST',
          path: '/validate/',
          fault: { kind: 'commit-then-delay', ms: UPSTREAM_TIMEOUT_MS + 2000 },
        })
        const verdicts = await recordVerdicts(page)
        await page.goto(`/coupons/${C.mariaActive.code}`)
        await page.getByRole('button', { name: t.use }).click()

        await expect(verdict(page, t.confirmed)).toBeVisible({ timeout: 20_000 })
        expect(await verdicts()).not.toContain(t.used)
        expect(await verdicts()).not.toContain(t.validated)
        expect(await validatePosts(sandbox)).toHaveLength(1)
      })
    }

    test('offline: the banner shows, Use is disabled, and nothing is sent after reconnecting', async ({
      page,
      context,
      sandbox,
    }) => {
      await sandbox.settings({ otp_policy: 'trusted' })
      await page.goto(`/coupons/${C.mariaActive.code}`)
      const use = page.getByRole('button', { name: t.use })
      await expect(use).toBeEnabled()
      // The idle prefetch of the scan screen (its chunks and the 1 MB decoder) ends first: going
      // offline in the middle of it fails the download, a console error this test is not about.
      await expect.poll(() => page.evaluate(SCAN_PREFETCHED), { timeout: 15_000 }).toBe(true)

      await context.setOffline(true)
      await expect(page.getByRole('status', { name: t.offline })).toBeVisible({ timeout: 1000 })
      await expect(use).toBeDisabled()
      await use.click({ force: true })

      await context.setOffline(false)
      await expect(page.getByRole('status', { name: t.offline })).toBeHidden()
      await expect(use).toBeEnabled()
      // Give a paused request every chance to fire before counting.
      await page.waitForTimeout(500)
      expect(await validatePosts(sandbox)).toHaveLength(0)
      await expect(verdict(page, t.active)).toBeVisible()
    })
  })
}
