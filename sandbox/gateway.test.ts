import { afterEach, describe, expect, it } from 'vitest'
import { CustomerListItemSchema, CustomerSchema } from '../contract/customers'
import { SECOND_MS } from './ids'
import { SEED } from './seed'
import {
  expectOne,
  expectPage,
  expectProblem,
  makeTestSandbox,
  TEST_START,
  type TestSandbox,
} from './testing'

const { maria } = SEED.customers

describe('gateway', () => {
  let sb: TestSandbox
  afterEach(() => {
    sb.close()
  })

  describe('API key', () => {
    it('missing header → 401 with the DRF "not provided" detail', async () => {
      sb = makeTestSandbox()
      const problem = await expectProblem(
        await sb.call('GET', '/api/v2/customers/', { key: null }),
        401,
        'authentication-required',
      )
      expect(problem).toMatchObject({
        title: 'Authentication Required',
        detail: 'Authentication credentials were not provided.',
        instance: '/api/v2/customers/',
      })
    })

    it('wrong key → 401 "Invalid API key"', async () => {
      sb = makeTestSandbox()
      for (const key of [`zupy_pk_${'x'.repeat(32)}`, 'zupy_pk_short', 'Bearer nope']) {
        const problem = await expectProblem(
          await sb.call('GET', '/api/v2/customers/', { key }),
          401,
          'authentication-required',
        )
        expect(problem.detail).toBe('Invalid API key')
      }
    })

    it('a key in the query string is ignored', async () => {
      sb = makeTestSandbox()
      const res = await sb.call(
        'GET',
        `/api/v2/customers/?api_key=${sb.config.apiKey}&x_api_key=${sb.config.apiKey}`,
        {
          key: null,
        },
      )
      await expectProblem(res, 401, 'authentication-required')
    })

    it('a custom configured key is the only one accepted', async () => {
      const key = `zupy_pk_${'Ab3'.repeat(10)}Zz`
      sb = makeTestSandbox({ apiKey: key })
      await expectPage(await sb.call('GET', '/api/v2/customers/', { key }), CustomerListItemSchema)
      await expectProblem(
        await sb.call('GET', '/api/v2/customers/', {
          key: 'zupy_pk_sandbox0000000000000000000000000',
        }),
        401,
        'authentication-required',
      )
    })
  })

  describe('paths', () => {
    it('GET/HEAD without the trailing slash → 301 to the slashed path, query kept, before auth', async () => {
      sb = makeTestSandbox()
      const res = await sb.call('GET', '/api/v2/customers?phone=11987654321', { key: null })
      expect(res.status).toBe(301)
      expect(res.headers.get('location')).toBe('/api/v2/customers/?phone=11987654321')
      const head = await sb.call('HEAD', `/api/v2/customers/${maria.id}`)
      expect(head.status).toBe(301)
      expect(head.headers.get('location')).toBe(`/api/v2/customers/${maria.id}/`)
    })

    it('other methods without the slash → 404 not-found', async () => {
      sb = makeTestSandbox({ otpPolicy: 'trusted' })
      const path = `/api/v2/customers/${maria.id}/coupons/${SEED.coupons.mariaActive.code}/validate`
      await expectProblem(await sb.call('POST', path), 404, 'not-found')
      expect(sb.ctx.db.coupons.byId(SEED.coupons.mariaActive.id)?.status).toBe('active')
    })

    it('an /api/v2 path outside the allowlist → 403 permission-denied, after auth', async () => {
      sb = makeTestSandbox()
      for (const path of [
        '/api/v2/companies/',
        '/api/v2/customers/x/points/add/',
        '/api/v2/',
        '/api/v2/coupons/issued/stats/',
      ]) {
        const problem = await expectProblem(await sb.call('GET', path), 403, 'permission-denied')
        expect(problem).toMatchObject({
          title: 'Permission Denied',
          detail: 'This endpoint is not available to partner API keys.',
        })
      }
      await expectProblem(
        await sb.call('GET', '/api/v2/companies/', { key: null }),
        401,
        'authentication-required',
      )
    })

    it('a wrong method on a known path → 405 with Allow', async () => {
      sb = makeTestSandbox()
      const res = await sb.call('DELETE', `/api/v2/customers/${maria.id}/`)
      expect(res.headers.get('allow')).toBe('GET, HEAD')
      const problem = await expectProblem(res, 405, 'method-not-allowed')
      expect(problem.detail).toBe('Method "DELETE" not allowed.')
      const post = await sb.call(
        'GET',
        `/api/v2/customers/${maria.id}/rewards/${SEED.rewards.cafe.id}/redeem/`,
      )
      expect(post.headers.get('allow')).toBe('POST')
      await expectProblem(post, 405, 'method-not-allowed')
    })

    it('HEAD on a GET endpoint answers without a body', async () => {
      sb = makeTestSandbox()
      const res = await sb.call('HEAD', `/api/v2/customers/${maria.id}/`)
      expect(res.status).toBe(200)
      expect(await res.text()).toBe('')
    })

    it('anything outside /api/v2 and /_sandbox → 404 problem', async () => {
      sb = makeTestSandbox()
      await expectProblem(await sb.call('GET', '/api/v1/customers/'), 404, 'not-found')
    })
  })

  describe('rate limit', () => {
    const headersOf = (res: Response) => ({
      limit: res.headers.get('x-ratelimit-limit'),
      remaining: res.headers.get('x-ratelimit-remaining'),
      reset: res.headers.get('x-ratelimit-reset'),
    })

    it('no limit configured: headers advertise 3000 and never 429', async () => {
      sb = makeTestSandbox({ rateLimitPerMinute: null })
      let last: Response | undefined
      for (let i = 0; i < 40; i++) last = await sb.call('GET', '/api/v2/rewards/')
      expect(last?.status).toBe(200)
      expect(headersOf(last ?? new Response())).toEqual({
        limit: '3000',
        remaining: '2960',
        reset: String((TEST_START + 60 * SECOND_MS) / SECOND_MS),
      })
    })

    it('headers ride on every /api/v2 answer: errors, redirects, 403s', async () => {
      sb = makeTestSandbox({ rateLimitPerMinute: 10 })
      for (const res of [
        await sb.call('GET', '/api/v2/customers/', { key: null }),
        await sb.call('GET', '/api/v2/customers'),
        await sb.call('GET', '/api/v2/companies/'),
        await sb.call('GET', '/api/v2/customers/nobody/'),
      ]) {
        expect(res.headers.get('x-ratelimit-limit')).toBe('10')
        expect(res.headers.get('x-ratelimit-remaining')).toMatch(/^\d+$/)
      }
      const control = await sb.call('GET', '/_sandbox/settings')
      expect(control.headers.get('x-ratelimit-limit')).toBeNull()
    })

    it('past the limit: 429 with Retry-After and the documented detail; a new window restores it', async () => {
      sb = makeTestSandbox({ rateLimitPerMinute: 3 })
      const remaining: (string | null)[] = []
      for (let i = 0; i < 3; i++) {
        const res = await sb.call('GET', '/api/v2/rewards/')
        expect(res.status).toBe(200)
        remaining.push(res.headers.get('x-ratelimit-remaining'))
      }
      expect(remaining).toEqual(['2', '1', '0'])
      sb.clock.advance(20 * SECOND_MS)
      const limited = await sb.call('GET', '/api/v2/rewards/')
      expect(limited.headers.get('retry-after')).toBe('40')
      expect(headersOf(limited)).toMatchObject({ limit: '3', remaining: '0' })
      const problem = await expectProblem(limited, 429, 'rate-limit-exceeded')
      expect(problem).toMatchObject({
        title: 'Rate Limit Exceeded',
        detail: 'Too many requests. Please retry after 40 seconds.',
      })
      sb.clock.advance(40 * SECOND_MS)
      expect((await sb.call('GET', '/api/v2/rewards/')).status).toBe(200)
    })

    it('counts per key: a bad key does not eat the real key budget', async () => {
      sb = makeTestSandbox({ rateLimitPerMinute: 2 })
      for (let i = 0; i < 5; i++) await sb.call('GET', '/api/v2/rewards/', { key: 'zupy_pk_wrong' })
      expect((await sb.call('GET', '/api/v2/rewards/')).status).toBe(200)
    })
  })

  it('control routes need no key and never hit the Zupy surface', async () => {
    sb = makeTestSandbox()
    expect((await sb.call('GET', '/_sandbox/settings', { key: null })).status).toBe(200)
    await expectOne(await sb.call('GET', `/api/v2/customers/${maria.id}/`), CustomerSchema)
  })
})
