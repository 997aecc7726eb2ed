import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CouponSchema } from '../contract/coupons'
import { listOf } from '../contract/envelope'
import { problemSlug } from '../contract/problem'
import { SEED } from '../sandbox/seed'
import type { BffClient } from './testing/http'
import { countStatuses, startStack, type TestStack } from './testing/stack'

/**
 * Money-protecting goals through the real BFF and the real sandbox (reliability.md G1, G2):
 * single-use coupons stay single-use under a 50-till race, and an unknown outcome is never
 * retried.
 */

/** Short, so the delay-past-the-deadline fault is quick to run. */
const FAULT_TIMEOUT_MS = 600
const MARIA = SEED.customers.maria
const TILLS = 50
const ROUNDS = 20

let stack: TestStack
let faultStack: TestStack
let tills: BffClient[]

beforeAll(async () => {
  // The race runs with the production deadline: on a busy machine 50 queued validates can take
  // longer than a test-sized one, and a timeout there would be a test artefact, not a finding.
  stack = await startStack({ timeoutMs: 10_000 })
  faultStack = await startStack({ timeoutMs: FAULT_TIMEOUT_MS })
  await stack.reset()
  await faultStack.reset()
  // Fifty tills, each with its own cashier session, as in a store's busiest minute.
  tills = await Promise.all(Array.from({ length: TILLS }, () => stack.signIn()))
}, 60_000)

afterAll(async () => {
  await stack.close()
  await faultStack.close()
})

const validatePath = (code: string) => `/api/v2/customers/${MARIA.id}/coupons/${code}/validate/`

describe('G1: single use under concurrency', () => {
  it(`${TILLS} tills validating one fresh coupon: 1 × 200 and ${TILLS - 1} × 409, ${ROUNDS} times`, async () => {
    const rounds: Record<number, number>[] = []
    for (let round = 0; round < ROUNDS; round++) {
      await stack.control('DELETE', '/requests')
      const coupon = await stack.freshCoupon(MARIA.id)
      const path = validatePath(coupon.coupon_code)
      const statuses = await Promise.all(
        tills.map(async (till) => (await till.call(path, { method: 'POST' })).status),
      )
      rounds.push(countStatuses(statuses))

      // Every request reached the sandbox (the BFF neither serialised nor dropped any)…
      const posts = (await stack.upstreamRequests()).filter((r) => r.method === 'POST')
      expect(posts).toHaveLength(TILLS)
      // …and the database holds exactly one use.
      const row = stack.sandbox.ctx.db.coupons.byId(coupon.id)
      expect(row).toMatchObject({ status: 'used', remaining_usages: 0, total_usages_allowed: 1 })
      expect(row?.usage_date).not.toBeNull()
    }
    expect(rounds).toEqual(Array.from({ length: ROUNDS }, () => ({ 200: 1, 409: TILLS - 1 })))
  }, 120_000)
})

describe('G2: an unknown outcome is never retried', () => {
  it.each([
    {
      name: 'commit-then-drop',
      fault: { kind: 'commit-then-drop' },
      status: 502,
      slug: 'upstream-error',
    },
    {
      name: 'commit-then-delay past the timeout',
      fault: { kind: 'commit-then-delay', ms: FAULT_TIMEOUT_MS + 1000 },
      status: 504,
      slug: 'upstream-timeout',
    },
  ])(
    '$name: our own $status, exactly one upstream POST, and the coupon did commit',
    async ({ fault, status, slug }) => {
      const till = await faultStack.signIn()
      const posts = async () =>
        (await faultStack.upstreamRequests()).filter((r) => r.method === 'POST')
      for (let run = 0; run < 5; run++) {
        await faultStack.control('DELETE', '/requests')
        const coupon = await faultStack.freshCoupon(MARIA.id)
        await faultStack.control('POST', '/faults', { method: 'POST', path: '/validate/', fault })
        const started = performance.now()
        const answer = await till.call(validatePath(coupon.coupon_code), { method: 'POST' })
        expect(performance.now() - started).toBeLessThan(FAULT_TIMEOUT_MS + 500)
        expect(answer.status).toBe(status)
        expect(answer.headers.get('content-type')).toBe('application/problem+json')
        expect(problemSlug((answer.json() as { type: string }).type)).toBe(slug)
        expect(await posts()).toHaveLength(1)

        // The upstream did commit: a read (safe to retry) is how the till learns it.
        const lookup = await till.call(`/api/v2/coupons/issued/?code=${coupon.coupon_code}`)
        expect(listOf(CouponSchema).parse(lookup.json()).items[0]?.status).toBe('used')
        // Still exactly one POST after the read.
        expect(await posts()).toHaveLength(1)
      }
    },
    30_000,
  )
})
