import type { Page } from '@playwright/test'
import { SEED } from '../sandbox/seed'
import { expect, failedStatus, SMOKE, test, type SandboxControl } from './fixtures'

/**
 * The whole shift in one customer, under the `relaxed` OTP policy the e2e stacks run: find Maria,
 * redeem an affordable reward through the OTP step, see the new coupon among her Active ones, use
 * it (Validated), and use it again from a second till (Already used).
 */

const maria = SEED.customers.maria

const copy = {
  en: {
    locale: 'en-US',
    search: 'Search customer',
    redeem: 'Redeem',
    confirmRedeem: 'Confirm redeem',
    redeemed: 'Redeemed',
    useNow: 'Use now',
    done: 'Done',
    tabs: 'Customer sections',
    couponsTab: 'Coupons',
    couponList: "The customer's coupons",
    activeFilter: 'Active',
    useCouponLink: 'Use coupon',
    active: 'Active',
    use: 'Use coupon',
    validated: 'Validated',
    used: 'Already used',
    otpDialog: 'Customer verification',
    otpCode: 'Verification code',
    codeSent: 'Code sent',
    verify: 'Verify',
  },
  'pt-BR': {
    locale: 'pt-BR',
    search: 'Buscar cliente',
    redeem: 'Resgatar',
    confirmRedeem: 'Confirmar resgate',
    redeemed: 'Resgatado',
    useNow: 'Usar agora',
    done: 'Concluir',
    tabs: 'Seções do cliente',
    couponsTab: 'Cupons',
    couponList: 'Cupons do cliente',
    activeFilter: 'Ativos',
    useCouponLink: 'Usar cupom',
    active: 'Ativo',
    use: 'Usar cupom',
    validated: 'Validado',
    used: 'Já utilizado',
    otpDialog: 'Verificação do cliente',
    otpCode: 'Código de verificação',
    codeSent: 'Código enviado',
    verify: 'Verificar',
  },
} as const

type Copy = (typeof copy)[keyof typeof copy]

// The 403 (otp-required) and 409 (already used) answers are expected. The flow runs with the
// app-shell service worker, as at a till (e2e/fixtures.ts hides it from most specs).
test.use({ allowedConsoleErrors: failedStatus('4\\d\\d'), serviceWorker: true })

/** Completes the OTP step that an action opened, with the code the sandbox sent Maria. */
async function passOtp(page: Page, sandbox: SandboxControl, t: Copy) {
  const dialog = page.getByRole('dialog', { name: t.otpDialog })
  await expect(dialog).toBeVisible()
  await expect(dialog).toContainText(t.codeSent)
  const code = await sandbox.otpCode(maria.phone)
  await dialog.getByRole('textbox', { name: t.otpCode }).fill(code)
  await dialog.getByRole('button', { name: t.verify, exact: true }).click()
  await expect(dialog).toBeHidden()
}

for (const language of ['en', 'pt-BR'] as const) {
  const t = copy[language]

  test.describe(`cashier flow (${language})`, () => {
    test.use({ locale: t.locale })

    // pt-BR is the smoke the envelope project runs; English runs here, as the English smoke.
    const tag = language === 'pt-BR' ? { tag: SMOKE } : {}
    test(
      'find Maria, redeem with OTP, see the coupon in Active, use it, use it again',
      tag,
      async ({ page, context, sandbox }) => {
        // Find Maria by phone; one result goes straight to her.
        await page.goto('/')
        await page.getByRole('searchbox', { name: t.search }).fill('(11) 98765-4321')
        await page.keyboard.press('Enter')
        await expect(page).toHaveURL(new RegExp(`/customers/${maria.id}`))
        await expect(page.getByRole('heading', { level: 1, name: maria.fullName })).toBeVisible()

        // Redeem an affordable reward; relaxed policy → the OTP step, then the new coupon.
        const cafe = page.getByRole('article', { name: 'Café expresso' })
        await cafe.getByRole('button', { name: t.redeem }).click()
        await page.getByRole('button', { name: t.confirmRedeem }).click()
        await passOtp(page, sandbox, t)
        const result = page.getByRole('dialog', { name: t.redeemed })
        await expect(result).toBeVisible()
        const href = await result.getByRole('link', { name: t.useNow }).getAttribute('href')
        const code = /\/coupons\/(CZ-[0-9A-Z]{8})$/.exec(href ?? '')?.[1]
        expect(code, `Use now links to the new coupon (${href ?? 'no href'})`).toBeDefined()
        const couponCode = code ?? ''
        await result.getByRole('button', { name: t.done }).click()

        // The new coupon is among her Active coupons.
        await page
          .getByRole('navigation', { name: t.tabs })
          .getByRole('link', { name: t.couponsTab })
          .click()
        await expect(page.getByRole('radio', { name: t.activeFilter })).toBeChecked()
        const list = page.getByRole('list', { name: t.couponList })
        await expect(list.getByRole('listitem').filter({ hasText: couponCode })).toBeVisible()

        // A second till opens the same coupon now, while it is still active.
        const till2 = await context.newPage()
        await till2.goto(`/coupons/${couponCode}`)
        await expect(
          till2.getByRole('heading', { level: 2, name: t.active, exact: true }),
        ).toBeVisible()

        // Use it: Maria's OTP session from the redeem is still live, so no second code.
        await list.getByRole('link', { name: `${t.useCouponLink} ${couponCode}` }).click()
        await expect(page).toHaveURL(`/coupons/${couponCode}`)
        await expect(
          page.getByRole('heading', { level: 2, name: t.active, exact: true }),
        ).toBeVisible()
        await page.getByRole('button', { name: t.use }).click()
        await expect(
          page.getByRole('heading', { level: 2, name: t.validated, exact: true }),
        ).toBeVisible()

        // Use it again from the second till: Zupy answers 409, the screen says Already used.
        await till2.getByRole('button', { name: t.use }).click()
        await passOtp(till2, sandbox, t)
        await expect(
          till2.getByRole('heading', { level: 2, name: t.used, exact: true }),
        ).toBeVisible()
        await expect(till2.getByRole('alert')).toHaveCount(0)

        // And the first till, looking again, agrees.
        await page.reload()
        await expect(
          page.getByRole('heading', { level: 2, name: t.used, exact: true }),
        ).toBeVisible()

        const validates = (await sandbox.requests()).filter(
          (r) => r.method === 'POST' && r.path.endsWith('/validate/'),
        )
        // Till 1 once (with the session), till 2 twice (403 otp-required, then 409).
        expect(validates).toHaveLength(3)
      },
    )
  })
}
