import { afterEach, describe, expect, it } from 'vitest'
import * as z from 'zod/mini'
import { answerStatuses, endpointTarget, type EndpointDef } from '../contract/endpoint'
import {
  couponEndpoints,
  customerEndpoints,
  ENDPOINTS,
  otpEndpoints,
  rewardEndpoints,
  type EndpointName,
} from '../contract/endpoints'
import { ProblemSchema, problemSlug } from '../contract/problem'
import { RESPONSE_SHAPES } from './config'
import { SEED } from './seed'
import { makeTestSandbox, type TestSandbox } from './testing'

const maria = SEED.customers.maria

/** One valid call per registry entry, from the seed (SEED.md); keyed by name, so none is missed. */
const VALID_CALLS: Record<EndpointName, { target: string; body?: unknown }> = {
  'customers.search': {
    target: endpointTarget(customerEndpoints.search, {}, { phone: maria.phone, page_size: 20 }),
  },
  'customers.get': { target: endpointTarget(customerEndpoints.get, { id: maria.id }) },
  'customers.points': { target: endpointTarget(customerEndpoints.points, { id: maria.id }) },
  'rewards.list': {
    target: endpointTarget(rewardEndpoints.list, {}, { customer_id: maria.id, redeemable: 'true' }),
  },
  'rewards.get': { target: endpointTarget(rewardEndpoints.get, { id: SEED.rewards.cafe.id }) },
  'rewards.redeem': {
    target: endpointTarget(rewardEndpoints.redeem, {
      id: maria.id,
      rewardId: SEED.rewards.cafe.id,
    }),
    body: {},
  },
  'coupons.issued': {
    target: endpointTarget(couponEndpoints.issued, {}, { code: SEED.coupons.mariaActive.code }),
  },
  'coupons.validate': {
    target: endpointTarget(couponEndpoints.validate, {
      id: maria.id,
      couponRef: SEED.coupons.mariaActive.code,
    }),
  },
  'otp.request': { target: otpEndpoints.request.path, body: { identifier: maria.phone } },
  'otp.verify': {
    target: otpEndpoints.verify.path,
    body: { identifier: maria.phone, otp_code: '000000' },
  },
}

describe.each(RESPONSE_SHAPES)('the sandbox serves every registry entry (%s shape)', (shape) => {
  let sb: TestSandbox | undefined
  afterEach(() => {
    sb?.close()
  })

  it.each(ENDPOINTS.map((entry) => [entry.name, entry] as const))(
    '%s answers a valid call with a declared status and body',
    async (name, entry: EndpointDef) => {
      sb = makeTestSandbox({ shape })
      const { target, body } = VALID_CALLS[name as EndpointName]
      const res = await sb.call(entry.method, target, { body })
      expect(answerStatuses(entry)).toContain(res.status)
      const json: unknown = await res.json()
      const valueSchema = entry.values[res.status]
      if (valueSchema) {
        expect(z.safeParse(valueSchema, json).error?.issues ?? []).toEqual([])
        return
      }
      const problem = ProblemSchema.parse(json)
      const slug = entry.problems[res.status]?.slug
      if (slug !== undefined) expect(problemSlug(problem.type)).toBe(slug)
    },
  )
})
