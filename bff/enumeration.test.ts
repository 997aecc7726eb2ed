import { randomInt } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { problemSlug } from '../contract/problem'
import { SEED } from '../sandbox/seed'
import { UNKNOWN_CODE_LIMIT, UNKNOWN_CODE_WINDOW_MS } from './enumeration-guard'
import type { BffClient } from './testing/http'
import { countStatuses, startStack, type TestStack } from './testing/stack'

/**
 * Anti-enumeration against the real sandbox (reliability.md G8, OWASP OAT-002): per session, more
 * than ten unknown codes a minute pause code lookups and validates with 429, with no upstream call,
 * and a burst of parallel guesses cannot overshoot the budget.
 */

const MARIA = SEED.customers.maria
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'
const clock = { ms: Date.parse('2026-03-25T08:00:00Z') }

let stack: TestStack

beforeAll(async () => {
  stack = await startStack({ now: () => clock.ms })
})

afterAll(async () => {
  await stack.close()
})

beforeEach(async () => {
  await stack.reset()
})

/** A well-formed code that no coupon has (the seed's codes are fixed; this one is random). */
function unknownCode(): string {
  return `CZ-${Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('')}`
}

const lookup = (client: BffClient, code = unknownCode()) =>
  client.call(`/api/v2/coupons/issued/?code=${code}`)
const validate = (client: BffClient, code = unknownCode()) =>
  client.call(`/api/v2/customers/${MARIA.id}/coupons/${code}/validate/`, { method: 'POST' })
const probes = async () =>
  (await stack.upstreamRequests()).filter(
    (r) => r.path.endsWith('/validate/') || r.query.code !== undefined,
  )

function expectPaused(answer: Awaited<ReturnType<typeof lookup>>) {
  expect(answer.status).toBe(429)
  expect(problemSlug((answer.json() as { type: string }).type)).toBe('rate-limit-exceeded')
  expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0)
}

describe('G8: the unknown-code limiter', () => {
  it('sequential: ten unknown codes pass, then lookups and validates pause without upstream calls', async () => {
    const client = await stack.signIn()
    // Known codes never count: the seeded coupon, looked up twenty times.
    for (let i = 0; i < 20; i++) expect((await lookup(client, 'CZ-7K3M9P2Q')).status).toBe(200)
    for (let i = 0; i < UNKNOWN_CODE_LIMIT / 2; i++) {
      const answer = await lookup(client)
      expect(answer.status).toBe(200)
      expect(answer.json()).toMatchObject({ results: [] })
      expect((await validate(client)).status).toBe(404)
    }
    await stack.control('DELETE', '/requests')

    const coupon = await stack.freshCoupon(MARIA.id)
    expectPaused(await lookup(client))
    expectPaused(await lookup(client, coupon.coupon_code))
    const paused = await validate(client, coupon.coupon_code)
    expectPaused(paused)
    expect(paused.headers.get('retry-after')).toBe('60')
    expect(await probes()).toEqual([])
    // Everything else still works, and other sessions are not affected.
    expect((await client.call('/api/v2/rewards/')).status).toBe(200)
    const other = await stack.signIn()
    expect((await lookup(other, coupon.coupon_code)).status).toBe(200)

    // 59 s later still paused, with the time left; at 60 s the window has passed.
    clock.ms += UNKNOWN_CODE_WINDOW_MS - 1000
    const later = await lookup(client)
    expect(later.headers.get('retry-after')).toBe('1')
    clock.ms += 1000
    expect((await validate(client, coupon.coupon_code)).status).toBe(200)

    const warnings = stack.logs
      .records()
      .filter((r) => r.msg === 'coupon code lookups blocked: too many unknown codes (OAT-002)')
    expect(warnings).toEqual([
      expect.objectContaining({
        level: 'warn',
        session_hash: expect.stringMatching(/^[\w-]{16}$/) as unknown,
      }),
    ])
  })

  it.each([
    ['lookups', lookup],
    ['validates', validate],
  ] as const)(
    '50 parallel unknown %s: at most ten reach upstream, the rest get 429',
    async (_name, probe) => {
      const client = await stack.signIn()
      const answers = await Promise.all(Array.from({ length: 50 }, () => probe(client)))
      const counts = countStatuses(answers.map((a) => a.status))
      const upstream = await probes()
      expect(upstream.length).toBeLessThanOrEqual(UNKNOWN_CODE_LIMIT)
      expect(upstream).toHaveLength(UNKNOWN_CODE_LIMIT)
      expect(counts[429]).toBe(50 - UNKNOWN_CODE_LIMIT)
      for (const answer of answers.filter((a) => a.status === 429)) expectPaused(answer)
    },
  )

  it('50 parallel validates of one real coupon from one session all reach upstream: 1 × 200, 49 × 409', async () => {
    const client = await stack.signIn()
    const coupon = await stack.freshCoupon(MARIA.id)
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => validate(client, coupon.coupon_code)),
    )
    expect(countStatuses(answers.map((a) => a.status))).toEqual({ 200: 1, 409: 49 })
    expect(await probes()).toHaveLength(50)
  })
})
