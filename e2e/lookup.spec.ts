import type { Page } from '@playwright/test'
import { SEED } from '../sandbox/seed'
import { expect, test, type SandboxControl, specLanguages } from './fixtures'

/** Customer lookup against the real BFF and sandbox: every way a cashier finds Maria. */

const { maria, joao, carla } = SEED.customers

const copy = {
  en: {
    locale: 'en-US',
    title: 'Find a customer',
    search: 'Search customer',
    results: (n: number) => `${n} customers found`,
    none: (query: string) => `No customer found for “${query}”.`,
    balance: 'Balance',
    mariaPoints: '1,250 points',
  },
  'pt-BR': {
    locale: 'pt-BR',
    title: 'Encontrar cliente',
    search: 'Buscar cliente',
    results: (n: number) => `${n} clientes encontrados`,
    none: (query: string) => `Nenhum cliente encontrado para “${query}”.`,
    balance: 'Saldo',
    mariaPoints: '1.250 pontos',
  },
} as const

/** The query strings of the customer searches Zupy (the sandbox) received. */
async function customerSearches(sandbox: SandboxControl) {
  const requests = await sandbox.requests()
  return requests
    .filter((r) => r.method === 'GET' && r.path === '/api/v2/customers/')
    .map((r) => r.query)
}

for (const language of specLanguages) {
  const t = copy[language]

  test.describe(`customer lookup (${language})`, () => {
    test.use({ locale: t.locale })

    const search = async (page: Page, query: string) => {
      await page.goto('/')
      await expect(page.getByRole('heading', { level: 1, name: t.title })).toBeVisible()
      const field = page.getByRole('searchbox', { name: t.search })
      await field.fill(query)
      await field.press('Enter')
    }

    for (const [query, filter, value] of [
      ['(11) 98765-4321', 'phone', '11987654321'],
      ['11987654321', 'phone', '11987654321'],
      ['+55 11 98765-4321', 'phone', '11987654321'],
      [maria.email, 'email', maria.email],
      [maria.cardNumber.toLowerCase(), 'card_code', maria.cardNumber],
    ] as const) {
      test(`finds Maria Santos by ${query}`, async ({ page, sandbox }) => {
        await search(page, query)
        await expect(page).toHaveURL(`/customers/${maria.id}`)
        await expect(page.getByRole('heading', { level: 1, name: maria.fullName })).toBeVisible()
        await expect(page.getByRole('status', { name: t.balance })).toHaveText(t.mariaPoints)
        await expect(page.getByText('(11) •••••-4321')).toBeVisible()
        expect(await customerSearches(sandbox)).toContainEqual({ [filter]: value, page_size: '20' })
      })
    }

    test('"silva" lists João and Carla; Back from one restores the search', async ({
      page,
      sandbox,
    }) => {
      await search(page, 'silva')
      const results = page.getByRole('region', { name: t.results(2) })
      await expect(results.getByRole('link')).toHaveCount(2)
      await expect(results.getByRole('link', { name: new RegExp(joao.fullName) })).toBeVisible()
      await expect(results.getByRole('link', { name: new RegExp(carla.fullName) })).toBeVisible()
      await expect(page).toHaveURL('/?q=silva')
      expect(await customerSearches(sandbox)).toEqual([{ name: 'silva', page_size: '20' }])

      await results.getByRole('link', { name: new RegExp(carla.fullName) }).click()
      await expect(page.getByRole('heading', { level: 1, name: carla.fullName })).toBeVisible()
      await page.goBack()
      await expect(page.getByRole('searchbox', { name: t.search })).toHaveValue('silva')
      await expect(page.getByRole('region', { name: t.results(2) })).toBeVisible()
    })

    test('an unknown query says nobody was found and keeps the query', async ({
      page,
      sandbox,
    }) => {
      await search(page, 'Zacarias Inexistente')
      await expect(page.getByText(t.none('Zacarias Inexistente'))).toBeVisible()
      await expect(page.getByRole('searchbox', { name: t.search })).toHaveValue(
        'Zacarias Inexistente',
      )
      await expect(page).toHaveURL(/\/\?q=Zacarias/)
      expect(await customerSearches(sandbox)).toEqual([
        { name: 'Zacarias Inexistente', page_size: '20' },
      ])
    })
  })
}
