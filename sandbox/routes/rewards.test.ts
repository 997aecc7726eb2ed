import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CouponSchema } from '../../contract/coupons'
import { PointsBalanceSchema } from '../../contract/customers'
import { RedeemResponseSchema, RewardSchema } from '../../contract/rewards'
import { RESPONSE_SHAPES } from '../config'
import { DAY_MS } from '../ids'
import { SEED } from '../seed'
import {
  expectOne,
  expectPage,
  expectProblem,
  makeTestSandbox,
  otpSessionFor,
  TEST_START,
  type TestSandbox,
} from '../testing'

const { maria, joao, ana, pedro } = SEED.customers
const R = SEED.rewards

describe.each(RESPONSE_SHAPES)('rewards catalogue (%s shape)', (shape) => {
  let sb: TestSandbox
  beforeEach(() => {
    sb = makeTestSandbox({ shape })
  })
  afterEach(() => {
    sb.close()
  })

  const list = async (query = '') =>
    expectPage(await sb.call('GET', `/api/v2/rewards/${query}`), RewardSchema)

  it('lists all nine rewards with their documented fields', async () => {
    const page = await list()
    expect(page.count).toBe(9)
    const chopp = page.items.find((r) => r.id === R.chopp.id)
    expect(chopp).toMatchObject({
      name: 'Chopp artesanal',
      points_required: 300,
      is_available: false,
    })
    const combo = page.items.find((r) => r.id === R.combo.id)
    expect(combo).toMatchObject({
      points_required: 2500,
      validity_days: 30,
      is_available: true,
      already_redeemed: false,
    })
    const brinde = page.items.find((r) => r.id === R.brinde.id)
    expect(brinde).toMatchObject({ points_required: 0, origin_type: 'marketing' })
    // Without customer_id nothing is "already redeemed".
    expect(page.items.every((r) => !r.already_redeemed)).toBe(true)
  })

  it('customer_id annotates already_redeemed from the customer coupons', async () => {
    const page = await list(`?customer_id=${maria.id}`)
    const redeemed = page.items.filter((r) => r.already_redeemed).map((r) => r.id)
    // Maria holds Sobremesa, Combo, Café (used) and Desconto (expired); her cancelled Pizza does not count.
    expect(redeemed.sort()).toEqual([R.sobremesa.id, R.combo.id, R.cafe.id, R.desconto.id].sort())
  })

  it('redeemable=true keeps available, affordable rewards under the per-customer limit', async () => {
    const maria1250 = (await list(`?customer_id=${maria.id}&redeemable=true`)).items.map(
      (r) => r.name,
    )
    expect(maria1250.sort()).toEqual(
      ['Café expresso', 'Sobremesa grátis', 'Desconto de 10%', 'Brinde de boas-vindas'].sort(),
    )
    const pedro0 = (await list(`?customer_id=${pedro.id}&redeemable=true`)).items.map((r) => r.name)
    expect(pedro0).toEqual(['Brinde de boas-vindas'])

    await sb.call('POST', `/api/v2/customers/${pedro.id}/rewards/${R.brinde.id}/redeem/`, {
      otpSession: await otpSessionFor(sb, pedro.phone),
    })
    expect((await list(`?customer_id=${pedro.id}&redeemable=true`)).items).toEqual([])
  })

  it('redeemable=true without customer_id → 422 on customer_id', async () => {
    const problem = await expectProblem(
      await sb.call('GET', '/api/v2/rewards/?redeemable=true'),
      422,
      'validation-error',
    )
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'customer_id' })])
  })

  it('rejects a non-boolean redeemable and an unknown customer_id', async () => {
    await expectProblem(
      await sb.call('GET', `/api/v2/rewards/?redeemable=maybe&customer_id=${maria.id}`),
      422,
      'validation-error',
    )
    const problem = await expectProblem(
      await sb.call('GET', '/api/v2/rewards/?customer_id=unknown'),
      422,
      'validation-error',
    )
    expect(problem.errors?.[0]?.field).toBe('customer_id')
  })

  it('paginates the catalogue', async () => {
    const first = await list('?page_size=5')
    expect(first.items).toHaveLength(5)
    expect(first.nextCursor).not.toBeNull()
    const second = await list(`?page_size=5&cursor=${first.nextCursor ?? ''}`)
    expect(second.items).toHaveLength(4)
    expect(second.nextCursor).toBeNull()
  })

  it('GET /rewards/{id}/ returns one RewardCatalog; unknown → 404', async () => {
    const reward = await expectOne(
      await sb.call('GET', `/api/v2/rewards/${R.jantar.id}/`),
      RewardSchema,
    )
    expect(reward).toMatchObject({
      id: R.jantar.id,
      name: 'Jantar com o chef',
      quantity_available: 1,
      quantity_redeemed: 0,
    })
    await expectProblem(await sb.call('GET', '/api/v2/rewards/nope/'), 404, 'not-found')
    const forMaria = await expectOne(
      await sb.call('GET', `/api/v2/rewards/${R.sobremesa.id}/?customer_id=${maria.id}`),
      RewardSchema,
    )
    expect(forMaria.already_redeemed).toBe(true)
  })
})

describe.each(RESPONSE_SHAPES)('redeem (%s shape)', (shape) => {
  let sb: TestSandbox
  beforeEach(() => {
    sb = makeTestSandbox({ shape, otpPolicy: 'trusted' })
  })
  afterEach(() => {
    sb.close()
  })

  const redeemPath = (customerId: string, rewardId: string) =>
    `/api/v2/customers/${customerId}/rewards/${rewardId}/redeem/`
  const redeem = (customerId: string, rewardId: string, body?: unknown) =>
    sb.call('POST', redeemPath(customerId, rewardId), body === undefined ? {} : { body })
  const balance = async (customerId: string) =>
    (
      await expectOne(
        await sb.call('GET', `/api/v2/customers/${customerId}/points/`),
        PointsBalanceSchema,
      )
    ).points_balance

  it('deducts points, creates an active coupon and answers RewardRedeemResponse', async () => {
    const result = await expectOne(await redeem(maria.id, R.desconto.id), RedeemResponseSchema)
    expect(result).toEqual({
      customer_id: maria.id,
      coupon_code: expect.stringMatching(/^CZ-[2-9A-HJKMNP-Z]{8}$/) as unknown,
      points_used: 800,
      z_tokens_used: '0.000000',
      new_balance: 450,
      new_z_balance: '0.000000',
      valid_until: new Date(TEST_START + 15 * DAY_MS).toISOString().replace('.000', ''),
      created_at: new Date(TEST_START).toISOString().replace('.000', ''),
    })
    expect(result).not.toHaveProperty('id')
    expect(await balance(maria.id)).toBe(450)

    const coupons = await expectPage(
      await sb.call('GET', `/api/v2/coupons/issued/?code=${result.coupon_code}`),
      CouponSchema,
    )
    expect(coupons.items).toEqual([
      expect.objectContaining({
        coupon_code: result.coupon_code,
        customer_id: maria.id,
        reward_id: R.desconto.id,
        status: 'active',
        points_spent: 800,
        remaining_usages: 1,
        total_usages_allowed: 1,
        usage_date: null,
        origin_type: 'loyalty_reward',
      }),
    ])
    const reward = await expectOne(
      await sb.call('GET', `/api/v2/rewards/${R.desconto.id}/`),
      RewardSchema,
    )
    expect(reward.quantity_redeemed).toBe(22)
  })

  it.each([[undefined], [{}], [{ use_z_tokens: false }], [{ use_z_tokens: true }]])(
    'accepts body %j (use_z_tokens is treated as false)',
    async (body) => {
      const result = await expectOne(await redeem(joao.id, R.cafe.id, body), RedeemResponseSchema)
      expect(result.points_used).toBe(100)
      expect(result.z_tokens_used).toBe('0.000000')
    },
  )

  it('multi-use rewards give coupons with the reward usages', async () => {
    const result = await expectOne(await redeem(joao.id, R.combo.id), RedeemResponseSchema)
    const [coupon] = (
      await expectPage(
        await sb.call('GET', `/api/v2/coupons/issued/?code=${result.coupon_code}`),
        CouponSchema,
      )
    ).items
    expect(coupon).toMatchObject({ remaining_usages: 3, total_usages_allowed: 3 })
  })

  it('repeating a redeem creates another coupon (no idempotency, as documented)', async () => {
    const a = await expectOne(await redeem(joao.id, R.cafe.id), RedeemResponseSchema)
    const b = await expectOne(await redeem(joao.id, R.cafe.id), RedeemResponseSchema)
    expect(a.coupon_code).not.toBe(b.coupon_code)
    expect(b.new_balance).toBe(4800)
  })

  it('404 for an unknown customer or reward', async () => {
    await expectProblem(await redeem('nobody', R.cafe.id), 404, 'not-found')
    await expectProblem(await redeem(maria.id, 'nothing'), 404, 'not-found')
  })

  it('422 when the reward is switched off', async () => {
    const problem = await expectProblem(await redeem(joao.id, R.chopp.id), 422, 'validation-error')
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'reward_id' })])
    expect(await balance(joao.id)).toBe(5000)
  })

  it('422 outside the reward start/end dates', async () => {
    sb.ctx.db.rewards.update(R.pizza.id, { start_date: TEST_START + DAY_MS })
    await expectProblem(await redeem(joao.id, R.pizza.id), 422, 'validation-error')
    sb.ctx.db.rewards.update(R.pizza.id, { start_date: null, end_date: TEST_START - DAY_MS })
    await expectProblem(await redeem(joao.id, R.pizza.id), 422, 'validation-error')
    sb.ctx.db.rewards.update(R.pizza.id, { end_date: TEST_START + DAY_MS })
    await expectOne(await redeem(joao.id, R.pizza.id), RedeemResponseSchema)
  })

  it('422 when stock runs out (Jantar com o chef has one)', async () => {
    await expectOne(await redeem(joao.id, R.jantar.id), RedeemResponseSchema)
    const problem = await expectProblem(
      await redeem(SEED.customers.lucas.id, R.jantar.id),
      422,
      'validation-error',
    )
    expect(problem.errors?.[0]?.detail).toMatch(/esgotado/)
    const reward = await expectOne(
      await sb.call('GET', `/api/v2/rewards/${R.jantar.id}/`),
      RewardSchema,
    )
    expect(reward.is_available).toBe(false)
  })

  it('a free (marketing) reward once per customer, with the documented errors[] detail', async () => {
    const first = await expectOne(await redeem(ana.id, R.brinde.id), RedeemResponseSchema)
    expect(first).toMatchObject({ points_used: 0, new_balance: 80 })
    const problem = await expectProblem(await redeem(ana.id, R.brinde.id), 422, 'validation-error')
    expect(problem.errors).toEqual([
      { field: 'reward_id', detail: 'Prêmio gratuito já resgatado por este cliente' },
    ])
    // Another customer may still claim it.
    await expectOne(await redeem(maria.id, R.brinde.id), RedeemResponseSchema)
  })

  it('422 insufficient-balance names the cost and the balance, and changes nothing', async () => {
    const problem = await expectProblem(
      await redeem(maria.id, R.pizza.id),
      422,
      'insufficient-balance',
    )
    expect(problem.title).toBe('Insufficient Balance')
    expect(problem.detail).toContain('1500')
    expect(problem.detail).toContain('1250')
    expect(await balance(maria.id)).toBe(1250)
  })

  it('400 for invalid JSON or a non-object body, 422 for a non-boolean use_z_tokens', async () => {
    const bad = await sb.call('POST', redeemPath(maria.id, R.cafe.id), {
      rawBody: '{"use_z_tokens":',
    })
    await expectProblem(bad, 400, 'validation-error')
    await expectProblem(await redeem(maria.id, R.cafe.id, [1]), 400, 'validation-error')
    await expectProblem(
      await redeem(maria.id, R.cafe.id, { use_z_tokens: 'yes' }),
      422,
      'validation-error',
    )
    expect(await balance(maria.id)).toBe(1250)
  })
})

describe('redeem under OTP policies', () => {
  let sb: TestSandbox
  afterEach(() => {
    sb.close()
  })
  const path = `/api/v2/customers/${maria.id}/rewards/${R.cafe.id}/redeem/`

  it.each(['strict', 'relaxed'] as const)(
    '%s: 403 otp-required without a session, 200 with one',
    async (policy) => {
      sb = makeTestSandbox({ otpPolicy: policy })
      const problem = await expectProblem(await sb.call('POST', path), 403, 'otp-required')
      expect(problem).toMatchObject({
        title: 'Permission Denied',
        detail: 'OTP verification required',
        instance: path,
      })
      await expectProblem(
        await sb.call('POST', path, { otpSession: 'zs_not-a-session' }),
        403,
        'otp-required',
      )
      const session = await otpSessionFor(sb, maria.phone)
      await expectOne(await sb.call('POST', path, { otpSession: session }), RedeemResponseSchema)
      // The session is reusable within its 30 minutes.
      await expectOne(await sb.call('POST', path, { otpSession: session }), RedeemResponseSchema)
    },
  )

  it('trusted: no session needed', async () => {
    sb = makeTestSandbox({ otpPolicy: 'trusted' })
    await expectOne(await sb.call('POST', path), RedeemResponseSchema)
  })

  it('a session is bound to its customer and lasts 30 minutes', async () => {
    sb = makeTestSandbox({ otpPolicy: 'relaxed' })
    const joaoSession = await otpSessionFor(sb, joao.phone)
    await expectProblem(
      await sb.call('POST', path, { otpSession: joaoSession }),
      403,
      'otp-required',
    )
    const session = await otpSessionFor(sb, maria.phone)
    sb.clock.advance(30 * 60 * 1000)
    await expectProblem(await sb.call('POST', path, { otpSession: session }), 403, 'otp-required')
  })

  it('404 comes before the OTP check; business rules come after it', async () => {
    sb = makeTestSandbox({ otpPolicy: 'strict' })
    await expectProblem(
      await sb.call('POST', `/api/v2/customers/nobody/rewards/${R.cafe.id}/redeem/`),
      404,
      'not-found',
    )
    await expectProblem(
      await sb.call('POST', `/api/v2/customers/${maria.id}/rewards/nothing/redeem/`),
      404,
      'not-found',
    )
    // Chopp is unavailable, but without OTP the answer is still otp-required.
    await expectProblem(
      await sb.call('POST', `/api/v2/customers/${maria.id}/rewards/${R.chopp.id}/redeem/`),
      403,
      'otp-required',
    )
  })
})
