import type { Page } from '@playwright/test'
import { SEED } from '../sandbox/seed'
import { expect, test, specLanguages } from './fixtures'

// Taking `sandbox` resets it, so no earlier spec's redeems or uses leak into these lists.
test.beforeEach(({ sandbox: _reset }) => {})

const C = SEED.coupons
const maria = SEED.customers.maria

const copy = {
  en: {
    locale: 'en-US',
    active: 'Active',
    used: 'Already used',
    expired: 'Expired',
    cancelled: 'Cancelled',
    notFound: 'Not found',
    notACode: 'Not a coupon code',
    use: 'Use coupon',
    filters: {
      active: 'Active',
      used: 'Used',
      expired: 'Expired',
      cancelled: 'Cancelled',
      all: 'All',
    },
    list: "The customer's coupons",
    filterLabel: 'Show coupons',
    view: 'View coupon',
  },
  'pt-BR': {
    locale: 'pt-BR',
    active: 'Ativo',
    used: 'Já utilizado',
    expired: 'Expirado',
    cancelled: 'Cancelado',
    notFound: 'Não encontrado',
    notACode: 'Não é um código de cupom',
    use: 'Usar cupom',
    filters: {
      active: 'Ativos',
      used: 'Usados',
      expired: 'Expirados',
      cancelled: 'Cancelados',
      all: 'Todos',
    },
    list: 'Cupons do cliente',
    filterLabel: 'Mostrar cupons',
    view: 'Ver cupom',
  },
} as const

const verdict = (page: Page, name: string) =>
  page.getByRole('heading', { level: 2, name, exact: true })

for (const language of specLanguages) {
  const t = copy[language]

  test.describe(`coupon verdicts (${language})`, () => {
    test.use({ locale: t.locale })

    test('seeded coupons show Expired, Cancelled, Already used and an unknown code Not found', async ({
      page,
    }) => {
      await page.goto(`/coupons/${C.mariaExpired.code}`)
      const expired = page.getByRole('region', { name: t.expired })
      await expect(expired).toContainText(C.mariaExpired.code)
      await expect(expired).toContainText('Desconto de 10%')
      await expect(page.getByRole('button', { name: t.use })).toHaveCount(0)

      await page.goto(`/coupons/${C.mariaCancelled.code}`)
      await expect(verdict(page, t.cancelled)).toBeVisible()
      await expect(page.getByRole('button', { name: t.use })).toHaveCount(0)

      await page.goto(`/coupons/${C.mariaUsed.code}`)
      await expect(verdict(page, t.used)).toBeVisible()
      await expect(page.getByRole('region', { name: t.used })).toContainText('Café expresso')

      await page.goto('/coupons/CZ-ZZZZZZZZ')
      await expect(verdict(page, t.notFound)).toBeVisible()
      await expect(page.getByRole('region', { name: t.notFound })).toContainText('CZ-ZZZZZZZZ')

      await page.goto('/coupons/hello')
      await expect(verdict(page, t.notACode)).toBeVisible()
    })

    test('a lower-case code in the URL finds the active coupon, with a link to its customer', async ({
      page,
    }) => {
      await page.goto(`/coupons/${C.mariaActive.code.toLowerCase()}`)
      const card = page.getByRole('region', { name: t.active })
      await expect(card).toContainText(C.mariaActive.code)
      await expect(card).toContainText('Sobremesa grátis')
      await expect(page.getByRole('button', { name: t.use })).toBeEnabled()

      await card.getByRole('link', { name: maria.fullName }).click()
      await expect(page).toHaveURL(`/customers/${maria.id}`)
    })

    test("the customer's Coupons tab filters by status and links to each coupon", async ({
      page,
    }) => {
      await page.goto(`/customers/${maria.id}/coupons`)
      const filters = page.getByRole('group', { name: t.filterLabel })
      const items = page.getByRole('list', { name: t.list }).getByRole('listitem')
      await expect(filters.getByRole('radio', { name: t.filters.active })).toBeChecked()
      await expect(items).toHaveCount(2)
      await expect(items.filter({ hasText: C.mariaActive.code })).toBeVisible()
      await expect(items.filter({ hasText: C.mariaMultiUse.code })).toContainText(
        language === 'en' ? '2 of 3' : '2 de 3',
      )

      await filters.getByRole('radio', { name: t.filters.used }).check()
      await expect(page).toHaveURL(/status=used/)
      await expect(items.filter({ hasText: C.mariaUsed.code })).toBeVisible()
      await expect(items).toHaveCount(1)

      await filters.getByRole('radio', { name: t.filters.expired }).check()
      await expect(items.filter({ hasText: C.mariaExpired.code })).toBeVisible()
      await expect(items).toHaveCount(1)

      await filters.getByRole('radio', { name: t.filters.cancelled }).check()
      await expect(items.filter({ hasText: C.mariaCancelled.code })).toBeVisible()
      await expect(items).toHaveCount(1)

      await filters.getByRole('radio', { name: t.filters.all }).check()
      await expect(items).toHaveCount(5)

      await page.getByRole('link', { name: `${t.view} ${C.mariaUsed.code}` }).click()
      await expect(page).toHaveURL(`/coupons/${C.mariaUsed.code}`)
      await expect(verdict(page, t.used)).toBeVisible()

      // Back returns to the same filter.
      await page.goBack()
      await expect(page.getByRole('radio', { name: t.filters.all })).toBeChecked()
    })
  })
}
