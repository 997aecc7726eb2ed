import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  JournalEntrySchema,
  JournalSummarySchema,
  type JournalEntry,
  type JournalSummary,
} from '../../../contract/journal'
import { server } from '../../testing/msw-server'
import { buildPosConfig } from '../../testing/pos-fixtures'
import { renderApp } from '../../testing/render-with-providers'

/**
 * 22:30 in São Paulo on Saturday 5 December 2026, already the 6th in UTC: "today" is the store's
 * day, not the device's UTC one.
 */
const NOW = '2026-12-06T01:30:00Z'
const STORE_ZONE = 'America/Sao_Paulo'
const DAY_BOUNDS = { from: '2026-12-05T03:00:00.000Z', to: '2026-12-06T03:00:00.000Z' }

let nextId = 1
function buildEntry(overrides: Partial<JournalEntry> = {}): JournalEntry {
  const id = nextId++
  return JournalEntrySchema.parse({
    id,
    at: '2026-12-05T13:00:00.000Z',
    kind: 'validate',
    outcome: 'validated',
    coupon_code: 'CZ-7K3M9P2Q',
    reward_id: 'rw-cafe',
    reward_name: 'Café expresso',
    customer_id: 'cus-maria',
    points_spent: null,
    session: 'a1b2c3',
    till: 'Caixa 1',
    settles: null,
    request_id: `req-${id}`,
    ...overrides,
  })
}

function buildSummary(overrides: Partial<JournalSummary> = {}): JournalSummary {
  return JournalSummarySchema.parse({
    date: '2026-12-05',
    time_zone: STORE_ZONE,
    ...DAY_BOUNDS,
    counts: { redeem: { redeemed: 1 }, validate: { validated: 1, 'already-used': 1 } },
    rewards: [
      {
        reward_id: 'rw-cafe',
        reward_name: 'Café expresso',
        redeemed: 1,
        validated: 1,
        points_spent: 1250,
      },
    ],
    points_spent: 1250,
    ...overrides,
  })
}

// Newest first, as the BFF answers.
const DAY_ENTRIES = [
  buildEntry({ at: '2026-12-05T17:45:10.000Z', outcome: 'already-used', till: 'Caixa 2' }),
  buildEntry({ at: '2026-12-05T17:44:00.000Z', outcome: 'validated' }),
  buildEntry({
    at: '2026-12-05T12:05:00.000Z',
    kind: 'redeem',
    outcome: 'redeemed',
    coupon_code: 'CZ-4H8N2W6R',
    points_spent: 1250,
  }),
]

/**
 * The journal API of a BFF holding `entries` (newest first): the summary for any date, the list
 * filtered by outcome, `pageSize` at a time with an opaque cursor. Records every list query.
 */
function journalApi({
  entries = DAY_ENTRIES,
  summary = (date: string) => buildSummary({ date }),
  pageSize = 50,
}: {
  entries?: JournalEntry[]
  summary?: (date: string) => JournalSummary
  pageSize?: number
} = {}) {
  const listQueries: URLSearchParams[] = []
  const summaryDates: string[] = []
  server.use(
    http.get('/api/pos/config', () =>
      HttpResponse.json(buildPosConfig({ till: 'Caixa 1', time_zone: STORE_ZONE })),
    ),
    http.get('/api/pos/journal/summary', ({ request }) => {
      const date = new URL(request.url).searchParams.get('date') ?? ''
      summaryDates.push(date)
      return HttpResponse.json(summary(date))
    }),
    http.get('/api/pos/journal', ({ request }) => {
      const params = new URL(request.url).searchParams
      listQueries.push(params)
      const outcome = params.get('outcome')
      const matching = entries.filter(
        (entry) =>
          entry.at >= (params.get('from') ?? '') &&
          entry.at < (params.get('to') ?? '') &&
          (outcome === null || entry.outcome === outcome),
      )
      const start = Number(params.get('cursor') ?? 0)
      const size = Math.min(pageSize, Number(params.get('limit') ?? pageSize))
      const end = start + size
      return HttpResponse.json({
        results: matching.slice(start, end),
        next: end < matching.length ? String(end) : null,
      })
    }),
  )
  return { listQueries, summaryDates }
}

async function openToday(url = '/journal', language: 'en' | 'pt-BR' = 'en') {
  const rendered = renderApp(url, { language })
  await screen.findByRole('heading', { level: 1, name: language === 'en' ? 'Today' : 'Hoje' })
  return rendered
}

const entriesTable = () => screen.findByRole('table', { name: "The day's entries" })
const bodyRows = (table: HTMLElement) => within(table).getAllByRole('row').slice(1)
const cells = (row: HTMLElement) =>
  within(row)
    .getAllByRole('cell')
    .map((c) => c.textContent)

beforeEach(() => {
  // Only Date: timers stay real, so user events and MSW run as usual.
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(NOW)
})

afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

describe('Today (/journal)', () => {
  it("lists the store day's entries newest first, in the store's time, with readable outcomes", async () => {
    const api = journalApi()
    await openToday()

    const rows = bodyRows(await entriesTable())
    expect(rows.map(cells)).toEqual([
      ['2:45:10 PM', 'Coupon use', 'Already used', 'CZ-7K3M9P2Q', 'Café expresso', '—', 'Caixa 2'],
      ['2:44:00 PM', 'Coupon use', 'Validated', 'CZ-7K3M9P2Q', 'Café expresso', '—', 'Caixa 1'],
      ['9:05:00 AM', 'Redeem', 'Redeemed', 'CZ-4H8N2W6R', 'Café expresso', '1,250', 'Caixa 1'],
    ])
    // The store's date (the 5th), not UTC's (already the 6th); the list within the BFF's bounds.
    expect(api.summaryDates).toEqual(['2026-12-05'])
    expect(api.listQueries[0]?.get('from')).toBe(DAY_BOUNDS.from)
    expect(api.listQueries[0]?.get('to')).toBe(DAY_BOUNDS.to)
    expect(api.listQueries[0]?.has('outcome')).toBe(false)
    expect(screen.getByLabelText('Day')).toHaveValue('2026-12-05')
  })

  it('shows counts per outcome, totals per reward and the points spent from the summary', async () => {
    journalApi()
    await openToday()
    const summary = await screen.findByRole('region', { name: 'Day summary' })

    const lists = within(summary)
      .getAllByRole('term')
      .map((term) => [term.textContent, term.nextElementSibling?.textContent])
    expect(lists).toEqual([
      ['Redeemed', '1'],
      ['Validated', '1'],
      ['Already used', '1'],
    ])
    const rewards = within(summary).getByRole('table', { name: 'By reward' })
    expect(
      within(rewards)
        .getAllByRole('row')
        .slice(1)
        .map((row) => [
          within(row).getByRole('rowheader').textContent,
          ...within(row)
            .getAllByRole('cell')
            .map((c) => c.textContent),
        ]),
    ).toEqual([['Café expresso', '1', '1', '1,250']])
    expect(
      within(summary).getByText('Points spent', { selector: 'span' }).nextSibling,
    ).toHaveTextContent('1,250')
  })

  it('says why the summary or the entries did not load, and Retry loads them', async () => {
    journalApi()
    let failures = 0
    // Once each: the summary, then (after its retry) the entries; MSW then falls to journalApi's.
    const failOnce = (path: string) =>
      http.get(
        path,
        () => {
          failures += 1
          return new HttpResponse(null, { status: 503 })
        },
        { once: true },
      )
    server.use(failOnce('/api/pos/journal/summary'), failOnce('/api/pos/journal'))
    const { user } = await openToday()

    const summaryError = await screen.findByRole('alert')
    expect(summaryError).toHaveTextContent('Zupy is not responding')
    expect(screen.queryByRole('region', { name: 'Day summary' })).toBeNull()
    await user.click(within(summaryError).getByRole('button', { name: 'Retry' }))
    expect(await screen.findByRole('region', { name: 'Day summary' })).toBeVisible()

    const entriesError = await screen.findByRole('alert')
    expect(entriesError).toHaveTextContent('Zupy is not responding')
    await user.click(within(entriesError).getByRole('button', { name: 'Retry' }))
    expect(bodyRows(await entriesTable())).toHaveLength(3)
    expect(failures).toBe(2)
  })

  it('filters by outcome through the API, and says when nothing matches', async () => {
    const api = journalApi()
    const { user } = await openToday()
    await entriesTable()

    await user.selectOptions(screen.getByRole('combobox', { name: 'Outcome' }), 'Already used')
    await waitFor(async () => {
      expect(bodyRows(await entriesTable())).toHaveLength(1)
    })
    expect(cells(bodyRows(await entriesTable())[0] as HTMLElement)[2]).toBe('Already used')
    expect(api.listQueries.at(-1)?.get('outcome')).toBe('already-used')

    await user.selectOptions(screen.getByRole('combobox', { name: 'Outcome' }), 'Expired')
    expect(await screen.findByText('No entries with this outcome on this day.')).toBeVisible()

    await user.selectOptions(screen.getByRole('combobox', { name: 'Outcome' }), 'All')
    await waitFor(async () => {
      expect(bodyRows(await entriesTable())).toHaveLength(3)
    })
  })

  it('another day from the picker: its date as the heading, its summary, an empty state', async () => {
    const api = journalApi({
      summary: (date) =>
        date === '2026-12-01'
          ? buildSummary({
              date,
              from: '2026-12-01T03:00:00.000Z',
              to: '2026-12-02T03:00:00.000Z',
              counts: { redeem: {}, validate: {} },
              rewards: [],
              points_spent: 0,
            })
          : buildSummary({ date }),
    })
    await openToday()
    const picker = screen.getByLabelText('Day')
    expect(picker).toHaveAttribute('max', '2026-12-05')

    // What the browser's date control fires when a day is picked.
    fireEvent.change(picker, { target: { value: '2026-12-01' } })
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Tuesday, December 1, 2026' }),
    ).toBeVisible()
    expect(await screen.findByText('No entries on this day.')).toBeVisible()
    expect(screen.getByText('Nothing on this day.')).toBeVisible()
    expect(api.summaryDates).toContain('2026-12-01')
    expect(api.listQueries.at(-1)?.get('from')).toBe('2026-12-01T03:00:00.000Z')
  })

  it('a ?date= that is no calendar date (an edited or old link) shows today', async () => {
    const api = journalApi()
    for (const date of ['2026-13-01', '2026-02-30', 'yesterday']) {
      const { unmount } = await openToday(`/journal?date=${date}`)
      expect(await entriesTable()).toBeVisible()
      expect(screen.getByLabelText('Day')).toHaveValue('2026-12-05')
      unmount()
    }
    expect(new Set(api.summaryDates)).toEqual(new Set(['2026-12-05']))
  })

  it('"Load more" follows the cursor until there is no next page', async () => {
    const many = Array.from({ length: 5 }, (_, i) =>
      buildEntry({ at: `2026-12-05T1${String(9 - i)}:00:00.000Z`, coupon_code: `CZ-0000000${i}` }),
    )
    const api = journalApi({ entries: many, pageSize: 2 })
    const { user } = await openToday()
    expect(bodyRows(await entriesTable())).toHaveLength(2)

    await user.click(screen.getByRole('button', { name: 'Load more' }))
    await waitFor(async () => {
      expect(bodyRows(await entriesTable())).toHaveLength(4)
    })
    await user.click(screen.getByRole('button', { name: 'Load more' }))
    await waitFor(async () => {
      expect(bodyRows(await entriesTable())).toHaveLength(5)
    })
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument()
    expect(bodyRows(await entriesTable()).map((row) => cells(row)[3])).toEqual(
      many.map((entry) => entry.coupon_code),
    )
    expect(api.listQueries.map((q) => q.get('cursor'))).toEqual([null, '2', '4'])
  })

  it('"Export CSV" downloads every entry of the day in the UI language (pt-BR: ";")', async () => {
    const tricky = buildEntry({
      at: '2026-12-05T10:00:00.000Z',
      reward_name: 'Combo; "grande"\nsuco',
      outcome: 'not-found',
    })
    const entries = [...DAY_ENTRIES, tricky]
    const api = journalApi({ entries, pageSize: 2 })
    const files: { name: string; blob: Blob }[] = []
    let blob: Blob | undefined
    vi.spyOn(URL, 'createObjectURL').mockImplementation((object) => {
      blob = object as Blob
      return 'blob:journal'
    })
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined)
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      if (blob) files.push({ name: this.download, blob })
    })

    const { user } = await openToday('/journal?outcome=validated', 'pt-BR')
    await screen.findByRole('table', { name: 'Registros do dia' })
    await user.click(screen.getByRole('button', { name: 'Exportar CSV' }))

    await waitFor(() => {
      expect(files).toHaveLength(1)
    })
    const [file] = files
    expect(file?.name).toBe('zupy-pos-2026-12-05.csv')
    expect(file?.blob.type).toBe('text/csv;charset=utf-8')
    const bytes = new Uint8Array(await (file as { blob: Blob }).blob.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder().decode(bytes.slice(3))
    const lines = text.split('\r\n')
    expect(lines[0]).toBe(
      'Data e hora;Tipo;Resultado;Cupom;Prêmio;ID do prêmio;ID do cliente;Pontos gastos;Caixa;Sessão do caixa;Registro;Confirma o registro;ID da requisição',
    )
    // Whole day, whatever the screen's filter; every page, newest first.
    expect(lines[1]).toMatch(/^2026-12-05 14:45:10;Uso de cupom;Já utilizado;CZ-7K3M9P2Q;/)
    expect(lines[3]).toMatch(/^2026-12-05 09:05:00;Resgate;Resgatado;CZ-4H8N2W6R;.*;1250;Caixa 1;/)
    expect(text).toContain(
      `2026-12-05 07:00:00;Uso de cupom;Não encontrado;CZ-7K3M9P2Q;"Combo; ""grande""\nsuco";`,
    )
    expect(text.endsWith('\r\n')).toBe(true)
    const exportQueries = api.listQueries.filter((q) => !q.has('outcome'))
    expect(exportQueries.map((q) => q.get('cursor'))).toEqual([null, '2'])
  })

  it('"Print summary" prints the day, the till, the counts and the totals, then goes away', async () => {
    journalApi()
    const print = vi.fn()
    vi.stubGlobal('print', print)
    const { user } = await openToday()
    await entriesTable()

    await user.click(screen.getByRole('button', { name: 'Print summary' }))
    const paper = await screen.findByRole('region', { name: 'Day summary for printing' })
    expect(print).toHaveBeenCalledTimes(1)
    // Printed alone: beside the app root, not inside it.
    expect(paper.parentElement).toBe(document.body)
    expect(paper).toHaveTextContent('Saturday, December 5, 2026')
    expect(paper).toHaveTextContent('Till: Caixa 1')
    expect(paper).toHaveTextContent('RedeemsRedeemed1')
    expect(paper).toHaveTextContent('Coupon usesValidated1Already used1')
    expect(paper).toHaveTextContent('Café expressoRedeemed1Validated1Points spent1,250')

    act(() => {
      window.dispatchEvent(new Event('afterprint'))
    })
    expect(screen.queryByRole('region', { name: 'Day summary for printing' })).toBeNull()
  })

  it('is "Hoje" in the header and on the screen in pt-BR, reached from the navigation', async () => {
    journalApi()
    const { user, router } = renderApp('/', { language: 'pt-BR' })
    const nav = await screen.findByRole('navigation', { name: 'Principal' })
    await user.click(within(nav).getByRole('link', { name: 'Hoje' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Hoje' })).toBeVisible()
    expect(router.state.location.pathname).toBe('/journal')
    expect(within(nav).getByRole('link', { name: 'Hoje' })).toHaveAttribute('aria-current', 'page')
    const table = await screen.findByRole('table', { name: 'Registros do dia' })
    expect(cells(bodyRows(table)[0] as HTMLElement).slice(0, 3)).toEqual([
      '14:45:10',
      'Uso de cupom',
      'Já utilizado',
    ])
  })
})
