import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  CustomerListItemSchema,
  CustomerSchema,
  PointsBalanceSchema,
} from '../../contract/customers'
import { RESPONSE_SHAPES } from '../config'
import { SEED } from '../seed'
import { expectOne, expectPage, expectProblem, makeTestSandbox, type TestSandbox } from '../testing'

const { maria, joao, carla } = SEED.customers

describe.each(RESPONSE_SHAPES)('customers (%s shape)', (shape) => {
  let sb: TestSandbox
  beforeEach(() => {
    sb = makeTestSandbox({ shape })
  })
  afterEach(() => {
    sb.close()
  })

  const search = async (query: string) =>
    expectPage(await sb.call('GET', `/api/v2/customers/${query}`), CustomerListItemSchema)

  it('lists every seed customer in the configured shape', async () => {
    const page = await search('')
    expect(page.count).toBe(9)
    expect(page.items.map((c) => c.full_name)).toContain('Maria Santos')
    expect(Object.keys(page.raw).sort()).toEqual(
      shape === 'root' ? ['count', 'next', 'previous', 'results'] : ['data', 'meta'],
    )
    if (shape === 'envelope')
      expect(page.raw.meta).toEqual({ cursor: null, has_next: false, count: 9 })
  })

  it.each([
    '5511987654321',
    '11987654321',
    '+55 (11) 98765-4321',
    '(11) 98765-4321',
    '987654321',
    '%2B5511987654321',
  ])('finds Maria by phone %j (digits compared, contains)', async (phone) => {
    const page = await search(`?phone=${phone}`)
    expect(page.items.map((c) => c.id)).toEqual([maria.id])
  })

  it('a phone filter without digits matches nobody', async () => {
    expect((await search('?phone=abc')).items).toEqual([])
  })

  it('finds by e-mail, name and card, case-insensitively', async () => {
    expect((await search('?email=MARIA.SANTOS@')).items.map((c) => c.id)).toEqual([maria.id])
    expect((await search('?card_code=zp-joao')).items.map((c) => c.id)).toEqual([joao.id])
    const silvas = (await search('?name=silva')).items.map((c) => c.id).sort()
    expect(silvas).toEqual([joao.id, carla.id].sort())
  })

  it('search= covers name, e-mail, phone digits and card', async () => {
    const ids = async (q: string) =>
      (await search(`?search=${encodeURIComponent(q)}`)).items.map((c) => c.id)
    expect((await ids('silva')).sort()).toEqual([joao.id, carla.id].sort())
    expect(await ids('ZP-MARIA01')).toEqual([maria.id])
    expect(await ids('(21) 99876-5432')).toEqual([joao.id])
    expect(await ids('carla.silva@')).toEqual([carla.id])
  })

  it('filters by tier and RFM segment exactly, and combines filters', async () => {
    expect((await search('?tier=gold')).items.map((c) => c.id).sort()).toEqual(
      [joao.id, carla.id].sort(),
    )
    expect((await search('?tier=gold&name=carla')).items.map((c) => c.id)).toEqual([carla.id])
    expect((await search('?segment=at_risk')).items.map((c) => c.full_name)).toEqual([
      'Fernanda Lima',
    ])
  })

  it('answers 200 with an empty list when nothing matches', async () => {
    const page = await search('?name=ninguem')
    expect(page).toMatchObject({ items: [], count: 0, nextCursor: null })
  })

  it('list items are the summary; the profile is the full Customer', async () => {
    const [item] = (await search('?card_code=ZP-MARIA01')).items
    expect(item).toBeDefined()
    expect(item).not.toHaveProperty('cpf')
    expect(item?.points_balance).toBe(1250)

    const profile = await expectOne(
      await sb.call('GET', `/api/v2/customers/${maria.id}/`),
      CustomerSchema,
    )
    expect(profile).toMatchObject({
      id: maria.id,
      full_name: 'Maria Santos',
      phone: '+5511987654321',
      email: 'maria.santos@example.com',
      card_number: 'ZP-MARIA01',
      tier: 'silver',
      points_balance: 1250,
      cpf: maria.cpf,
      program_name: 'Clube Zupy Demo',
    })
    expect(profile.points_earned - profile.points_spent).toBe(1250)
    expect(profile.join_date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/)
  })

  it('points balance carries points_name "Pontos"', async () => {
    const points = await expectOne(
      await sb.call('GET', `/api/v2/customers/${joao.id}/points/`),
      PointsBalanceSchema,
    )
    expect(points).toMatchObject({
      customer_id: joao.id,
      points_balance: 5000,
      points_name: 'Pontos',
      tier: 'gold',
    })
  })

  it('unknown customer → 404 not-found on profile and points', async () => {
    const p1 = await expectProblem(
      await sb.call('GET', '/api/v2/customers/nope000000000000000000000000/'),
      404,
      'not-found',
    )
    expect(p1).toMatchObject({
      title: 'Not Found',
      instance: '/api/v2/customers/nope000000000000000000000000/',
    })
    await expectProblem(await sb.call('GET', '/api/v2/customers/nope/points/'), 404, 'not-found')
  })
})

describe('customer pagination', () => {
  let sb: TestSandbox
  afterEach(() => {
    sb.close()
  })

  it('root: next/previous are absolute links carrying cursor and page_size; pages cover all', async () => {
    sb = makeTestSandbox({ shape: 'root' })
    const seen: string[] = []
    let url: string | null = 'http://sandbox.test/api/v2/customers/?page_size=4'
    let pages = 0
    while (url) {
      const res = await sb.call('GET', url)
      const page = await expectPage(res, CustomerListItemSchema)
      seen.push(...page.items.map((c) => c.id))
      const next = page.raw.next as string | null
      if (next) {
        const link = new URL(next)
        expect(link.origin).toBe('http://sandbox.test')
        expect(link.searchParams.get('page_size')).toBe('4')
        expect(link.searchParams.get('cursor')).toBe(page.nextCursor)
      }
      if (pages > 0)
        expect(page.raw.previous).toMatch(/^http:\/\/sandbox\.test\/api\/v2\/customers\/\?/)
      else expect(page.raw.previous).toBeNull()
      url = next
      pages += 1
    }
    expect(pages).toBe(3)
    expect(new Set(seen).size).toBe(9)
  })

  it('envelope: meta.cursor / has_next walk the same pages', async () => {
    sb = makeTestSandbox({ shape: 'envelope' })
    const first = await expectPage(
      await sb.call('GET', '/api/v2/customers/?page_size=5'),
      CustomerListItemSchema,
    )
    expect(first.raw.meta).toMatchObject({ has_next: true, count: 9 })
    expect(first.items).toHaveLength(5)
    const second = await expectPage(
      await sb.call('GET', `/api/v2/customers/?page_size=5&cursor=${first.nextCursor ?? ''}`),
      CustomerListItemSchema,
    )
    expect(second.items).toHaveLength(4)
    expect(second.raw.meta).toMatchObject({ cursor: null, has_next: false })
    expect(new Set([...first.items, ...second.items].map((c) => c.id)).size).toBe(9)
  })

  it('filters keep applying across pages', async () => {
    sb = makeTestSandbox()
    const first = await expectPage(
      await sb.call('GET', '/api/v2/customers/?name=silva&page_size=1'),
      CustomerListItemSchema,
    )
    const next = new URL(first.raw.next as string)
    expect(next.searchParams.get('name')).toBe('silva')
    const second = await expectPage(await sb.call('GET', next.toString()), CustomerListItemSchema)
    expect(second.raw.next).toBeNull()
    expect([...first.items, ...second.items].map((c) => c.full_name).sort()).toEqual([
      'Carla Silva',
      'João Silva',
    ])
  })

  it('page_size defaults to 20 and is clamped to 100', async () => {
    sb = makeTestSandbox()
    const base = sb.ctx.db.customers.byId(maria.id)
    if (!base) throw new Error('seed missing')
    for (let i = 0; i < 111; i++) {
      sb.ctx.db.customers.insert({
        ...base,
        id: `extra${String(i).padStart(22, '0')}`,
        card_number: `ZP-X${i}`,
        phone: null,
      })
    }
    const byDefault = await expectPage(
      await sb.call('GET', '/api/v2/customers/'),
      CustomerListItemSchema,
    )
    expect(byDefault.items).toHaveLength(20)
    expect(byDefault.count).toBe(120)
    const clamped = await expectPage(
      await sb.call('GET', '/api/v2/customers/?page_size=500'),
      CustomerListItemSchema,
    )
    expect(clamped.items).toHaveLength(100)
    expect(new URL(clamped.raw.next as string).searchParams.get('page_size')).toBe('100')
  })

  it.each([
    ['cursor=%%%', 'cursor'],
    ['cursor=bm90LWpzb24', 'cursor'],
    [`cursor=${Buffer.from(JSON.stringify({ o: -1 })).toString('base64url')}`, 'cursor'],
    ['page_size=0', 'page_size'],
    ['page_size=abc', 'page_size'],
    ['page_size=-3', 'page_size'],
  ])('bad %s → 422 validation-error on %s', async (query, field) => {
    sb = makeTestSandbox()
    const problem = await expectProblem(
      await sb.call('GET', `/api/v2/customers/?${query}`),
      422,
      'validation-error',
    )
    expect(problem.title).toBe('Validation Error')
    expect(problem.errors?.map((e) => e.field)).toEqual([field])
  })
})
