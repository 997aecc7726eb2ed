import type { Page } from '@playwright/test'
import { listOf } from '../contract/envelope'
import { RewardSchema } from '../contract/rewards'
import { expect, test } from './fixtures'

// A Brazilian till: the browser says pt-BR, so that is the language the app starts in.
test.use({ locale: 'pt-BR' })

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name })
const nav = (page: Page) => page.getByRole('navigation', { name: 'Principal' })

test('loads at / and shows the sandbox banner', async ({ page }) => {
  await page.goto('/')
  await expect(heading(page, 'Encontrar cliente')).toBeVisible()
  await expect(page.getByRole('status', { name: 'Modo sandbox' })).toHaveText(
    'Sandbox: dados de demonstração, nenhum ponto real é gasto',
  )
  await expect(nav(page).getByRole('link', { name: 'Buscar' })).toHaveAttribute(
    'aria-current',
    'page',
  )
})

test('navigates to Scan and Settings through the nav', async ({ page }) => {
  await page.goto('/')
  await expect(heading(page, 'Encontrar cliente')).toBeVisible()

  await nav(page).getByRole('link', { name: 'Ler cupom' }).click()
  await expect(page).toHaveURL('/scan')
  await expect(heading(page, 'Ler cupom')).toBeVisible()

  await nav(page).getByRole('link', { name: 'Ajustes' }).click()
  await expect(page).toHaveURL('/settings')
  await expect(heading(page, 'Ajustes')).toBeVisible()
  // The banner is part of the frame, so it stays on every screen.
  await expect(page.getByRole('status', { name: 'Modo sandbox' })).toBeVisible()

  await nav(page).getByRole('link', { name: 'Buscar' }).click()
  await expect(page).toHaveURL('/')
})

test('deep links to /settings and to an unknown path', async ({ page }) => {
  await page.goto('/settings')
  await expect(heading(page, 'Ajustes')).toBeVisible()

  await page.goto('/no/such/page')
  await expect(heading(page, 'Página não encontrada')).toBeVisible()
  await expect(nav(page)).toBeVisible()
  await page.getByRole('link', { name: 'Ir para a busca de clientes' }).click()
  await expect(heading(page, 'Encontrar cliente')).toBeVisible()
})

test('switches the UI to English and back, and the choice survives a reload', async ({ page }) => {
  await page.goto('/settings')
  await page.getByRole('combobox', { name: 'Idioma' }).selectOption({ label: 'English' })
  await expect(heading(page, 'Settings')).toBeVisible()
  await expect(page.getByRole('status', { name: 'Sandbox mode' })).toHaveText(
    'Sandbox: demo data, no real points are spent',
  )

  await page.reload()
  await expect(heading(page, 'Settings')).toBeVisible()
  await expect(page.getByRole('combobox', { name: 'Language' })).toHaveValue('en')
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible()

  // Back to Portuguese with the header toggle, which is labelled in the language it switches to.
  await page.getByRole('button', { name: 'Português' }).click()
  await expect(heading(page, 'Ajustes')).toBeVisible()
  await page.reload()
  await expect(heading(page, 'Ajustes')).toBeVisible()
  await expect(page.getByRole('combobox', { name: 'Idioma' })).toHaveValue('pt-BR')
})

test('Settings diagnostics show sandbox mode and a reachable upstream', async ({ page }) => {
  await page.goto('/settings')
  const diagnostics = page.getByRole('region', { name: 'Diagnóstico' })
  await expect(diagnostics).toContainText('sandbox')
  await expect(diagnostics).toContainText(/Acessível \(\d+ ms\)/)
  await expect(diagnostics).toContainText(/\d+\.\d+\.\d+/)
})

test('the BFF serves the seeded catalog; the sandbox refuses a call without a key', async ({
  request,
  sandbox,
}) => {
  const viaBff = await request.get('/api/v2/rewards/')
  expect(viaBff.status()).toBe(200)
  const page = listOf(RewardSchema).parse(await viaBff.json())
  expect(page.items.length).toBeGreaterThanOrEqual(8)

  const direct = await request.get(`${sandbox.url}/api/v2/rewards/`)
  expect(direct.status()).toBe(401)
})
