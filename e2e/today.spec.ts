import { readFile } from 'node:fs/promises'
import type { Page } from '@playwright/test'
import { SEED } from '../sandbox/seed'
import { expect, failedStatus, specLanguages, test } from './fixtures'

/**
 * Today (issue 13) against the real BFF and its journal: a redeem and two uses of one coupon made
 * in the app show up on the Today screen, in its CSV file and on its printed summary.
 *
 * The journal belongs to the worker's BFF, not to the sandbox, so a reset does not empty it and
 * earlier tests' entries are there too (the seeded coupons are validated by other specs): the
 * checks look for this test's own coupons, a fresh one for the two uses.
 */

const maria = SEED.customers.maria
const { cafe, sobremesa } = SEED.rewards
/** The BFF's store time zone when POS_TIME_ZONE is unset. */
const STORE_ZONE = 'America/Sao_Paulo'

const copy = {
  en: {
    locale: 'en-US',
    nav: 'Main',
    today: 'Today',
    redeem: 'Redeem',
    confirm: 'Confirm redeem',
    confirmTitle: (reward: string) => `Redeem ${reward}?`,
    redeemed: 'Redeemed',
    done: 'Done',
    use: 'Use coupon',
    validatedVerdict: 'Validated',
    entries: "The day's entries",
    kinds: { redeem: 'Redeem', validate: 'Coupon use' },
    outcomes: { validated: 'Validated', alreadyUsed: 'Already used', redeemed: 'Redeemed' },
    outcomeFilter: 'Outcome',
    all: 'All',
    exportCsv: 'Export CSV',
    separator: ',',
    header:
      'Date and time,Kind,Outcome,Coupon code,Reward,Reward id,Customer id,Points spent,Till,Cashier session,Entry,Settles entry,Request id',
    printSummary: 'Print summary',
    printArea: 'Day summary for printing',
    printTitle: 'Day summary',
    pointsSpent: 'Points spent',
  },
  'pt-BR': {
    locale: 'pt-BR',
    nav: 'Principal',
    today: 'Hoje',
    redeem: 'Resgatar',
    confirm: 'Confirmar resgate',
    confirmTitle: (reward: string) => `Resgatar ${reward}?`,
    redeemed: 'Resgatado',
    done: 'Concluir',
    use: 'Usar cupom',
    validatedVerdict: 'Validado',
    entries: 'Registros do dia',
    kinds: { redeem: 'Resgate', validate: 'Uso de cupom' },
    outcomes: { validated: 'Validado', alreadyUsed: 'Já utilizado', redeemed: 'Resgatado' },
    outcomeFilter: 'Resultado',
    all: 'Todos',
    exportCsv: 'Exportar CSV',
    separator: ';',
    header:
      'Data e hora;Tipo;Resultado;Cupom;Prêmio;ID do prêmio;ID do cliente;Pontos gastos;Caixa;Sessão do caixa;Registro;Confirma o registro;ID da requisição',
    printSummary: 'Imprimir resumo',
    printArea: 'Resumo do dia para impressão',
    printTitle: 'Resumo do dia',
    pointsSpent: 'Pontos gastos',
  },
} as const

type Copy = (typeof copy)[keyof typeof copy]

/** The second use of the coupon answers 409 (already used): an expected answer, not an error. */
test.use({ allowedConsoleErrors: failedStatus('4\\d\\d') })

/** An RFC 4180 reader: quoted fields, doubled quotes, CRLF row ends. */
function parseCsv(text: string, separator: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i += 1) {
    const char = text.charAt(i)
    if (quoted) {
      if (char === '"' && text.charAt(i + 1) === '"') {
        cell += '"'
        i += 1
      } else if (char === '"') quoted = false
      else cell += char
    } else if (char === '"') quoted = true
    else if (char === separator) {
      row.push(cell)
      cell = ''
    } else if (char === '\r' && text.charAt(i + 1) === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      i += 1
    } else cell += char
  }
  return rows
}

/** Today's date in the store's zone, `YYYY-MM-DD`. */
function storeToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: STORE_ZONE }).format(new Date())
}

/** Redeems the café for Maria in the app (trusted OTP policy: no OTP step); returns the code. */
async function redeemCafe(page: Page, t: Copy): Promise<string> {
  await page.goto(`/customers/${maria.id}`)
  await page
    .getByRole('article', { name: cafe.name })
    .getByRole('button', { name: t.redeem, exact: true })
    .click()
  await page
    .getByRole('dialog', { name: t.confirmTitle(cafe.name) })
    .getByRole('button', { name: t.confirm })
    .click()
  const result = page.getByRole('dialog', { name: t.redeemed, exact: true })
  await expect(result).toBeVisible()
  const code = /CZ-[0-9A-Z]{8}/.exec((await result.textContent()) ?? '')?.[0] ?? ''
  expect(code, 'the redeem shows its coupon code').not.toBe('')
  await result.getByRole('button', { name: t.done }).click()
  return code
}

for (const language of specLanguages) {
  const t = copy[language]

  test.describe(`Today (${language})`, () => {
    test.use({ locale: t.locale })

    test("a redeem and a coupon's two uses: on Today, filtered, in the CSV and on the printed summary", async ({
      page,
      sandbox,
      baseURL,
    }, testInfo) => {
      await sandbox.settings({ otp_policy: 'trusted' })
      // The print dialog would block a headed browser; the stub counts the calls instead.
      await page.addInitScript(() => {
        Object.assign(window, { __prints: 0 })
        window.print = () => {
          const w = window as unknown as { __prints: number }
          w.__prints += 1
        }
      })

      const redeemedCode = await redeemCafe(page, t)
      const { coupon_code: usedCode } = await sandbox.createCoupon({ reward_id: sobremesa.id })

      // Used once at this till, then a second time by "another till" through the BFF's API with
      // this page's session cookie: the second answer is 409, already used.
      await page.goto(`/coupons/${usedCode}`)
      await page.getByRole('button', { name: t.use }).click()
      await expect(
        page.getByRole('heading', { level: 2, name: t.validatedVerdict, exact: true }),
      ).toBeVisible()
      const again = await page.request.post(
        `/api/v2/customers/${maria.id}/coupons/${usedCode}/validate/`,
        { headers: { 'Content-Type': 'application/json', Origin: new URL(baseURL ?? '').origin } },
      )
      expect(again.status()).toBe(409)

      // Today, from the header.
      await page
        .getByRole('navigation', { name: t.nav })
        .getByRole('link', { name: t.today })
        .click()
      await expect(page.getByRole('heading', { level: 1, name: t.today })).toBeVisible()
      const table = page.getByRole('table', { name: t.entries })
      const rowsOf = (code: string) => table.getByRole('row').filter({ hasText: code })

      await expect(rowsOf(redeemedCode)).toHaveCount(1)
      await expect(rowsOf(redeemedCode).getByRole('cell')).toHaveText([
        /\d?\d:\d\d:\d\d/,
        t.kinds.redeem,
        t.outcomes.redeemed,
        redeemedCode,
        cafe.name,
        String(cafe.pointsRequired),
        /.+/,
      ])
      // Newest first: the refused second use above the first.
      const couponRows = rowsOf(usedCode)
      await expect(couponRows).toHaveCount(2)
      await expect(couponRows.nth(0).getByRole('cell').nth(2)).toHaveText(t.outcomes.alreadyUsed)
      await expect(couponRows.nth(1).getByRole('cell').nth(2)).toHaveText(t.outcomes.validated)
      await expect(couponRows.nth(0).getByRole('cell').nth(1)).toHaveText(t.kinds.validate)

      // Filter by outcome: only the refused use of the coupon is left.
      const filter = page.getByRole('combobox', { name: t.outcomeFilter })
      await filter.selectOption({ label: t.outcomes.alreadyUsed })
      await expect(couponRows).toHaveCount(1)
      await expect(rowsOf(redeemedCode)).toHaveCount(0)
      const entryRows = table.getByRole('row').filter({ has: page.getByRole('cell') })
      for (let i = 0; i < (await entryRows.count()); i += 1)
        await expect(entryRows.nth(i).getByRole('cell').nth(2)).toHaveText(t.outcomes.alreadyUsed)
      await filter.selectOption({ label: t.all })
      await expect(couponRows).toHaveCount(2)

      // As a counter tablet in kiosk mode shows it (in the report, for a look).
      await page.setViewportSize({ width: 820, height: 1180 })
      const screenFile = testInfo.outputPath('today-tablet.png')
      await page.screenshot({ path: screenFile, fullPage: true })
      await testInfo.attach('today-tablet', { path: screenFile, contentType: 'image/png' })

      // Export CSV: the file is read back and parsed.
      const downloading = page.waitForEvent('download')
      await page.getByRole('button', { name: t.exportCsv }).click()
      const download = await downloading
      expect(download.suggestedFilename()).toBe(`zupy-pos-${storeToday()}.csv`)
      const bytes = await readFile(await download.path())
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
      const csv = parseCsv(bytes.subarray(3).toString('utf8'), t.separator)
      expect(csv[0]?.join(t.separator)).toBe(t.header)
      expect(csv.every((row) => row.length === csv[0]?.length)).toBe(true)
      const csvRows = (code: string) => csv.slice(1).filter((row) => row[3] === code)
      expect(csvRows(redeemedCode)).toEqual([
        [
          expect.stringMatching(new RegExp(`^${storeToday()} \\d\\d:\\d\\d:\\d\\d$`)),
          t.kinds.redeem,
          t.outcomes.redeemed,
          redeemedCode,
          cafe.name,
          cafe.id,
          maria.id,
          String(cafe.pointsRequired),
          expect.any(String),
          expect.any(String),
          expect.stringMatching(/^\d+$/),
          '',
          expect.any(String),
        ],
      ])
      expect(csvRows(usedCode).map((row) => row[2])).toEqual([
        t.outcomes.alreadyUsed,
        t.outcomes.validated,
      ])

      // Print summary: at 80 mm (a 302 px wide page), only the summary shows.
      await page.getByRole('button', { name: t.printSummary }).click()
      await expect
        .poll(() => page.evaluate(() => (window as unknown as { __prints: number }).__prints))
        .toBe(1)
      await page.setViewportSize({ width: 302, height: 1200 })
      await page.emulateMedia({ media: 'print' })
      const paper = page.getByRole('region', { name: t.printArea })
      await expect(paper).toBeVisible()
      await expect(paper.getByRole('heading', { level: 1, name: t.printTitle })).toBeVisible()
      await expect(paper).toContainText(t.outcomes.validated)
      await expect(paper).toContainText(t.outcomes.alreadyUsed)
      await expect(paper).toContainText(t.outcomes.redeemed)
      await expect(paper).toContainText(cafe.name)
      await expect(paper).toContainText(t.pointsSpent)
      await expect(page.getByRole('banner')).toBeHidden()
      await expect(page.getByRole('main')).toBeHidden()
      await expect(page.getByRole('heading', { level: 1, name: t.today })).toBeHidden()
      // 72 mm printable is 272 CSS px: nothing of the summary runs past it.
      const box = await paper.boundingBox()
      expect(box?.width ?? Infinity).toBeLessThanOrEqual(273)
      const overflow = await paper.evaluate((area) => area.scrollWidth - area.clientWidth)
      expect(overflow).toBeLessThanOrEqual(0)
      const file = testInfo.outputPath('today-summary-80mm.png')
      await page.screenshot({ path: file, fullPage: true })
      await testInfo.attach('today-summary-80mm', { path: file, contentType: 'image/png' })
    })
  })
}
