import type { Page } from '@playwright/test'
import { SEED } from '../sandbox/seed'
import { expect, failedStatus, test, type SandboxControl, specLanguages } from './fixtures'

/**
 * Rewards and redeem against the real BFF and sandbox. The stacks run the `relaxed` OTP policy,
 * so a redeem goes through the OTP step unless a test says otherwise.
 */

const { maria, ana } = SEED.customers
const { cafe, sobremesa } = SEED.rewards

const copy = {
  en: {
    locale: 'en-US',
    balance: 'Balance',
    redeem: 'Redeem',
    confirm: 'Confirm redeem',
    confirmTitle: (reward: string) => `Redeem ${reward}?`,
    redeemed: 'Redeemed',
    confirmed: 'Redeemed (confirmed)',
    qr: (code: string) => `QR code of coupon ${code}`,
    useNow: 'Use now',
    done: 'Done',
    otpDialog: 'Customer verification',
    otpCode: 'Verification code',
    sentTo: 'Code sent by WhatsApp to (11) •••••-4321',
    verify: 'Verify',
    verified: /Verified · \d+:\d\d left/,
    points: (n: string) => `${n} points`,
    needs: 'Needs 20 more points',
    affordableOnly: 'Only what they can afford',
    tabs: 'Customer sections',
    coupons: 'Coupons',
  },
  'pt-BR': {
    locale: 'pt-BR',
    balance: 'Saldo',
    redeem: 'Resgatar',
    confirm: 'Confirmar resgate',
    confirmTitle: (reward: string) => `Resgatar ${reward}?`,
    redeemed: 'Resgatado',
    confirmed: 'Resgatado (confirmado)',
    qr: (code: string) => `QR code do cupom ${code}`,
    useNow: 'Usar agora',
    done: 'Concluir',
    otpDialog: 'Verificação do cliente',
    otpCode: 'Código de verificação',
    sentTo: 'Código enviado por WhatsApp para (11) •••••-4321',
    verify: 'Verificar',
    verified: /Verificado · faltam \d+:\d\d/,
    points: (n: string) => `${n} pontos`,
    needs: 'Faltam 20 pontos',
    affordableOnly: 'Só o que o cliente pode resgatar',
    tabs: 'Seções do cliente',
    coupons: 'Cupons',
  },
} as const

type Copy = (typeof copy)[keyof typeof copy]

/**
 * Chromium logs every non-2xx fetch as "Failed to load resource". The 403 otp-required before the
 * OTP step is an expected answer; a test that forces a 5xx says so with `consoleGuard.allow`. Anything
 * else on the console fails the test.
 */
test.use({ allowedConsoleErrors: failedStatus('4\\d\\d') })

const redeemPosts = async (sandbox: SandboxControl) =>
  (await sandbox.requests()).filter((r) => r.method === 'POST' && r.path.endsWith('/redeem/'))

async function openRedeem(page: Page, t: Copy, reward: string) {
  await page
    .getByRole('article', { name: reward })
    .getByRole('button', { name: t.redeem, exact: true })
    .click()
  const dialog = page.getByRole('dialog', { name: t.confirmTitle(reward) })
  await expect(dialog).toBeVisible()
  return dialog
}

for (const language of specLanguages) {
  const t = copy[language]
  const balanceText = (n: number) => t.points(new Intl.NumberFormat(language).format(n))

  test.describe(`rewards and redeem (${language})`, () => {
    test.use({ locale: t.locale })

    test('Maria redeems an affordable reward through the OTP step; her balance drops', async ({
      page,
      sandbox,
    }) => {
      await page.goto(`/customers/${maria.id}`)
      const balance = page.getByRole('status', { name: t.balance })
      await expect(balance).toHaveText(balanceText(maria.pointsBalance))

      const confirm = await openRedeem(page, t, cafe.name)
      await expect(confirm).toContainText(
        `${new Intl.NumberFormat(language).format(maria.pointsBalance)} → ${balanceText(
          maria.pointsBalance - cafe.pointsRequired,
        )}`,
      )
      await confirm.getByRole('button', { name: t.confirm }).click()

      // relaxed: Zupy answers 403 otp-required; the OTP step opens and sends the code.
      const otp = page.getByRole('dialog', { name: t.otpDialog })
      await expect(otp).toBeVisible()
      await expect(otp.getByText(t.sentTo)).toBeVisible()
      const code = await sandbox.otpCode(maria.phone)
      await otp.getByRole('textbox', { name: t.otpCode }).fill(code)
      await otp.getByRole('button', { name: t.verify, exact: true }).click()

      const result = page.getByRole('dialog', { name: t.redeemed, exact: true })
      await expect(result).toBeVisible()
      const href = await result.getByRole('link', { name: t.useNow }).getAttribute('href')
      const couponCode = /\/coupons\/(CZ-[0-9A-Z]{8})$/.exec(href ?? '')?.[1] ?? ''
      expect(couponCode, `Use now links to the new coupon (${href ?? 'no href'})`).not.toBe('')
      await expect(result).toContainText(couponCode)
      await expect(result.getByRole('img', { name: t.qr(couponCode) })).toBeVisible()

      // The header behind the dialog already shows the new balance and the OTP session timer.
      await result.getByRole('button', { name: t.done }).click()
      await expect(balance).toHaveText(balanceText(maria.pointsBalance - cafe.pointsRequired))
      await expect(page.getByRole('timer')).toHaveText(t.verified)

      // One redeem without a session, exactly one more with it.
      const posts = await redeemPosts(sandbox)
      expect(posts).toHaveLength(2)

      // The coupon is in her list.
      await page
        .getByRole('navigation', { name: t.tabs })
        .getByRole('link', { name: t.coupons })
        .click()
      await expect(page.getByRole('listitem').filter({ hasText: couponCode })).toHaveCount(1)
    })

    test('Ana (80 points) sees how many points a reward needs, and no Redeem button', async ({
      page,
      sandbox,
    }) => {
      await page.goto(`/customers/${ana.id}`)
      await expect(page.getByRole('status', { name: t.balance })).toHaveText(
        balanceText(ana.pointsBalance),
      )
      const card = page.getByRole('article', { name: cafe.name })
      await expect(card).toContainText(t.needs)
      await expect(card.getByRole('button')).toHaveCount(0)

      // "Only what they can afford" asks Zupy, which leaves out what she cannot pay for.
      await page.getByRole('switch', { name: t.affordableOnly }).check()
      await expect(page.getByRole('article', { name: cafe.name })).toHaveCount(0)
      const rewardReads = (await sandbox.requests()).filter(
        (r) => r.method === 'GET' && r.path === '/api/v2/rewards/',
      )
      expect(rewardReads.at(-1)?.query).toMatchObject({ customer_id: ana.id, redeemable: 'true' })
      expect(await redeemPosts(sandbox)).toHaveLength(0)
    })

    test('a redeem whose answer is lost ends on "Redeemed (confirmed)", sent once', async ({
      page,
      sandbox,
      consoleGuard,
    }) => {
      // The BFF turns the dropped connection into its own 502 upstream-error: expected here.
      consoleGuard.allow(failedStatus('502'))
      await sandbox.settings({ otp_policy: 'trusted' })
      await sandbox.addFault({
        method: 'POST',
        path: '/redeem/',
        count: 1,
        fault: { kind: 'commit-then-drop' },
      })
      await page.goto(`/customers/${maria.id}`)
      const confirm = await openRedeem(page, t, sobremesa.name)
      await confirm.getByRole('button', { name: t.confirm }).click()

      const result = page.getByRole('dialog', { name: t.confirmed })
      await expect(result).toBeVisible()
      await expect(result.getByRole('link', { name: t.useNow })).toHaveAttribute(
        'href',
        /\/coupons\/CZ-[0-9A-Z]{8}$/,
      )
      await result.getByRole('button', { name: t.done }).click()
      await expect(page.getByRole('status', { name: t.balance })).toHaveText(
        balanceText(maria.pointsBalance - sobremesa.pointsRequired),
      )
      expect(await redeemPosts(sandbox)).toHaveLength(1)
    })
  })
}
