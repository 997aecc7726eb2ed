import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CustomerSchema } from '../../contract/customers'
import {
  OTP_SESSION_PATTERN,
  OtpRequestResponseSchema,
  OtpVerifyResponseSchema,
} from '../../contract/otp'
import { RESPONSE_SHAPES } from '../config'
import { MINUTE_MS, SECOND_MS } from '../ids'
import { SEED } from '../seed'
import {
  expectOne,
  expectProblem,
  liveOtpCode,
  makeTestSandbox,
  type TestSandbox,
} from '../testing'

const { maria, joao } = SEED.customers
const REQUEST = '/api/v2/auth/request-otp/'
const VERIFY = '/api/v2/auth/verify-otp/'

describe.each(RESPONSE_SHAPES)('OTP (%s shape)', (shape) => {
  let sb: TestSandbox
  beforeEach(() => {
    sb = makeTestSandbox({ shape })
  })
  afterEach(() => {
    sb.close()
  })

  const request = (identifier: unknown) => sb.call('POST', REQUEST, { body: { identifier } })
  const verify = (identifier: string, otp_code: string) =>
    sb.call('POST', VERIFY, { body: { identifier, otp_code } })

  it('request-otp sends a 6-digit code by WhatsApp for a phone and logs it', async () => {
    const sent = await expectOne(await request(maria.phone), OtpRequestResponseSchema)
    expect(sent).toEqual({ status: 'sent', channel: 'whatsapp', expires_in: 300 })
    const code = await liveOtpCode(sb, maria.phone)
    expect(code).toMatch(/^\d{6}$/)
    expect(sb.logs).toContain(`[sandbox] OTP for ${maria.phone} (whatsapp): ${code}`)
  })

  it('e-mail goes by e-mail; a CPF goes to that customer phone', async () => {
    expect(
      (await expectOne(await request('Maria.Santos@Example.com'), OtpRequestResponseSchema))
        .channel,
    ).toBe('email')
    const formattedCpf = maria.cpf.replace(/^(\d{3})(\d{3})(\d{3})(\d{2})$/, '$1.$2.$3-$4')
    expect((await expectOne(await request(formattedCpf), OtpRequestResponseSchema)).channel).toBe(
      'whatsapp',
    )
  })

  it('request-otp: missing or malformed identifier → 400 validation-error with errors[]', async () => {
    const missing = await expectProblem(
      await sb.call('POST', REQUEST, { body: {} }),
      400,
      'validation-error',
    )
    expect(missing.errors).toEqual([{ field: 'identifier', detail: 'Este campo é obrigatório.' }])
    await expectProblem(await sb.call('POST', REQUEST), 400, 'validation-error')
    await expectProblem(
      await sb.call('POST', REQUEST, { rawBody: '{"identifier":' }),
      400,
      'validation-error',
    )
    await expectProblem(await request('not an identifier'), 400, 'validation-error')
    await expectProblem(await request(12345), 400, 'validation-error')
    // A CPF nobody has cannot be reached.
    await expectProblem(await request('000.000.000-00'), 400, 'validation-error')
  })

  it('more than 5 requests per identifier in 10 minutes → 429 with Retry-After', async () => {
    for (let i = 0; i < 5; i++) expect((await request(maria.phone)).status).toBe(200)
    const limited = await request(maria.phone)
    await expectProblem(limited.clone(), 429, 'rate-limit-exceeded')
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    // Other identifiers are counted separately, and the window slides.
    expect((await request(joao.phone)).status).toBe(200)
    sb.clock.advance(10 * MINUTE_MS)
    expect((await request(maria.phone)).status).toBe(200)
  })

  it('verify-otp: success returns the session and the customer; the code is single-use', async () => {
    await request(maria.phone)
    const code = await liveOtpCode(sb, maria.phone)
    const verified = await expectOne(await verify(maria.phone, code), OtpVerifyResponseSchema)
    expect(verified).toMatchObject({
      customer_id: maria.id,
      is_new: false,
      full_name: 'Maria Santos',
      points_balance: 1250,
      tier: 'silver',
    })
    expect(verified.otp_session).toMatch(OTP_SESSION_PATTERN)
    await expectProblem(await verify(maria.phone, code), 404, 'not-found')
    const gone = await sb.call('GET', `/_sandbox/otp?identifier=${encodeURIComponent(maria.phone)}`)
    await expectProblem(gone, 404, 'not-found')
  })

  it('a new request replaces the previous code', async () => {
    await request(joao.phone)
    const first = await liveOtpCode(sb, joao.phone)
    let second = first
    // Codes are random; re-request until a different one comes out.
    for (let i = 0; i < 4 && second === first; i++) {
      await request(joao.phone)
      second = await liveOtpCode(sb, joao.phone)
    }
    expect(second).not.toBe(first)
    await expectProblem(await verify(joao.phone, first), 401, 'authentication-required')
    await expectOne(await verify(joao.phone, second), OtpVerifyResponseSchema)
  })

  it('verify-otp: missing fields → 400 validation-error listing each', async () => {
    const problem = await expectProblem(
      await sb.call('POST', VERIFY, { body: {} }),
      400,
      'validation-error',
    )
    expect(problem.errors?.map((e) => e.field).sort()).toEqual(['identifier', 'otp_code'])
    const noCode = await expectProblem(
      await sb.call('POST', VERIFY, { body: { identifier: maria.phone } }),
      400,
      'validation-error',
    )
    expect(noCode.errors?.map((e) => e.field)).toEqual(['otp_code'])
    await expectProblem(await verify(maria.phone, '12ab56'), 400, 'validation-error')
  })

  it('verify-otp without a requested code → 404 not-found', async () => {
    await expectProblem(await verify(joao.phone, '123456'), 404, 'not-found')
  })

  it('an expired code → 401 saying it expired', async () => {
    await request(maria.phone)
    const code = await liveOtpCode(sb, maria.phone)
    sb.clock.advance(300 * SECOND_MS)
    const problem = await expectProblem(
      await verify(maria.phone, code),
      401,
      'authentication-required',
    )
    expect(problem.detail).toMatch(/expir/i)
  })

  it('wrong codes → 401 four times, the 5th and later → 429 and the code is burned', async () => {
    await request(maria.phone)
    const code = await liveOtpCode(sb, maria.phone)
    const wrong = code === '000000' ? '111111' : '000000'
    for (let i = 0; i < 4; i++) {
      const problem = await expectProblem(
        await verify(maria.phone, wrong),
        401,
        'authentication-required',
      )
      expect(problem.title).toBe('Authentication Required')
    }
    await expectProblem(await verify(maria.phone, wrong), 429, 'rate-limit-exceeded')
    await expectProblem(await verify(maria.phone, code), 429, 'rate-limit-exceeded')
    // A fresh request starts over.
    await request(maria.phone)
    await expectOne(
      await verify(maria.phone, await liveOtpCode(sb, maria.phone)),
      OtpVerifyResponseSchema,
    )
  })

  it('an unknown identifier creates "Cliente Zupy" (is_new) and later finds it again', async () => {
    const phone = '+5548991112222'
    await request(phone)
    const created = await expectOne(
      await verify(phone, await liveOtpCode(sb, phone)),
      OtpVerifyResponseSchema,
    )
    expect(created).toMatchObject({
      is_new: true,
      full_name: 'Cliente Zupy',
      points_balance: 0,
      tier: 'default',
    })
    expect(created.customer_id).toMatch(/^[0-9a-z]{27}$/)
    const profile = await expectOne(
      await sb.call('GET', `/api/v2/customers/${created.customer_id}/`),
      CustomerSchema,
    )
    expect(profile).toMatchObject({ phone, is_phone_verified: true, points_balance: 0 })

    await request(phone)
    const again = await expectOne(
      await verify(phone, await liveOtpCode(sb, phone)),
      OtpVerifyResponseSchema,
    )
    expect(again).toMatchObject({ is_new: false, customer_id: created.customer_id })
  })

  it('an e-mail identifier matches case-insensitively', async () => {
    await request('JOAO.SILVA@example.com')
    const code = await liveOtpCode(sb, 'joao.silva@example.com')
    const verified = await expectOne(
      await verify('joao.silva@EXAMPLE.com', code),
      OtpVerifyResponseSchema,
    )
    expect(verified).toMatchObject({ customer_id: joao.id, is_new: false })
  })
})
