import { describe, expect, it } from 'vitest'
import { checkRawTarget } from './raw-target'
import { ROUTES, buildUpstreamTarget, checkQuery, matchRoute, type RouteDef } from './routes'

const ID = '2awthlosjx7kggprferoosvabcd'
const REWARD = '2bxrkmpwjy8lhhqsgfsqqtwcdef'

function routeFor(method: string, template: string): RouteDef {
  const route = ROUTES.find((r) => r.method === method && r.template === template)
  if (!route) throw new Error(`no route ${method} ${template}`)
  return route
}

describe('the route table', () => {
  it('holds exactly the ten endpoints the app uses', () => {
    expect(ROUTES.map((r) => `${r.method} ${r.template}`).sort()).toEqual([
      'GET /api/v2/coupons/issued/',
      'GET /api/v2/customers/',
      'GET /api/v2/customers/:id/',
      'GET /api/v2/customers/:id/points/',
      'GET /api/v2/rewards/',
      'GET /api/v2/rewards/:id/',
      'POST /api/v2/auth/request-otp/',
      'POST /api/v2/auth/verify-otp/',
      'POST /api/v2/customers/:id/coupons/:couponRef/validate/',
      'POST /api/v2/customers/:id/rewards/:rewardId/redeem/',
    ])
  })

  it.each([
    ['GET', '/api/v2/customers/', {}],
    ['GET', `/api/v2/customers/${ID}/`, { id: ID }],
    ['GET', `/api/v2/customers/${ID}/points/`, { id: ID }],
    ['GET', '/api/v2/rewards/', {}],
    ['GET', `/api/v2/rewards/${REWARD}/`, { id: REWARD }],
    ['POST', `/api/v2/customers/${ID}/rewards/${REWARD}/redeem/`, { id: ID, rewardId: REWARD }],
    ['GET', '/api/v2/coupons/issued/', {}],
    [
      'POST',
      `/api/v2/customers/${ID}/coupons/CZ-7K3M9P2Q/validate/`,
      { id: ID, couponRef: 'CZ-7K3M9P2Q' },
    ],
    ['POST', `/api/v2/customers/${ID}/coupons/${REWARD}/validate/`, { id: ID, couponRef: REWARD }],
    ['POST', '/api/v2/auth/request-otp/', {}],
    ['POST', '/api/v2/auth/verify-otp/', {}],
  ])('matches %s %s', (method, path, params) => {
    const match = matchRoute(method, path)
    expect(match.kind).toBe('matched')
    if (match.kind === 'matched') expect(match.params).toEqual(params)
  })

  it('canonicalises a coupon code in the validate path to upper case', () => {
    const match = matchRoute('POST', `/api/v2/customers/${ID}/coupons/cz-7k3m9p2q/validate/`)
    expect(match).toMatchObject({ kind: 'matched', params: { couponRef: 'CZ-7K3M9P2Q' } })
    const legacy = matchRoute('POST', `/api/v2/customers/${ID}/coupons/cp-legacy01/validate/`)
    expect(legacy).toMatchObject({ kind: 'matched', params: { couponRef: 'CP-LEGACY01' } })
  })

  it.each([
    `/api/v2/customers/${ID}/coupons/CZ-7K3M/validate/`,
    `/api/v2/customers/${ID}/coupons/CZ-7K3M9P2Q-X/validate/`,
    `/api/v2/customers/${ID}/coupons/XX-7K3M9P2Q/validate/`,
    `/api/v2/customers/${'a'.repeat(65)}/coupons/CZ-7K3M9P2Q/validate/`,
    `/api/v2/customers/a-b/coupons/CZ-7K3M9P2Q/validate/`,
    `/api/v2/customers/${ID}/coupons/a;b/validate/`,
  ])('refuses bad path parameters in %s', (path) => {
    const match = matchRoute('POST', path)
    expect(match.kind).toBe('invalid-params')
    if (match.kind === 'invalid-params') expect(match.errors[0]?.field).toMatch(/^path\./)
  })

  it.each([
    '/api/v2/rewards/coupons/',
    '/api/v2/customers',
    '/api/v2/customers/x/points',
    '/api/v2/customers/x/points/history/',
    '/api/v2/customers/x/points/add/',
    '/api/v2/coupons/issued/stats/',
    '/api/v2/',
    '/api/v2',
    '/api/v2/Customers/',
    '/api/v3/customers/',
  ])('does not know %s', (path) => {
    expect(matchRoute('GET', path)).toEqual({ kind: 'not-found' })
  })

  it.each([
    ['POST', '/api/v2/customers/', ['GET']],
    ['DELETE', `/api/v2/customers/${ID}/`, ['GET']],
    ['GET', `/api/v2/customers/${ID}/coupons/CZ-7K3M9P2Q/validate/`, ['POST']],
    ['HEAD', '/api/v2/rewards/', ['GET']],
    ['PUT', '/api/v2/auth/verify-otp/', ['POST']],
  ])('answers %s %s with the allowed methods', (method, path, allow) => {
    expect(matchRoute(method, path)).toEqual({ kind: 'method-not-allowed', allow })
  })
})

describe('checkQuery', () => {
  const customers = routeFor('GET', '/api/v2/customers/')
  const rewards = routeFor('GET', '/api/v2/rewards/')
  const issued = routeFor('GET', '/api/v2/coupons/issued/')

  it('accepts the allowed keys and returns them decoded, in table order', () => {
    const result = checkQuery(
      customers,
      'page_size=20&phone=%2B55%2011%2098765-4321&email=maria%40example.com',
    )
    expect(result).toEqual({
      ok: true,
      entries: [
        ['phone', '+55 11 98765-4321'],
        ['email', 'maria@example.com'],
        ['page_size', '20'],
      ],
    })
  })

  it('decodes + as a space, as Django does', () => {
    expect(checkQuery(customers, 'name=Maria+Santos')).toEqual({
      ok: true,
      entries: [['name', 'Maria Santos']],
    })
  })

  it('accepts no query at all', () => {
    expect(checkQuery(customers, null)).toEqual({ ok: true, entries: [] })
    expect(checkQuery(customers, '')).toEqual({ ok: true, entries: [] })
  })

  it('canonicalises a coupon code lookup', () => {
    expect(checkQuery(issued, 'code=cz-7k3m9p2q&status=active')).toEqual({
      ok: true,
      entries: [
        ['status', 'active'],
        ['code', 'CZ-7K3M9P2Q'],
      ],
    })
  })

  it.each([
    [customers, 'unknown=1', 'query.unknown'],
    [customers, 'phone=1&phone=2', 'query.phone'],
    [customers, 'page_size=0', 'query.page_size'],
    [customers, 'page_size=101', 'query.page_size'],
    [customers, 'page_size=1e2', 'query.page_size'],
    [customers, 'page_size=', 'query.page_size'],
    [customers, 'phone=abc', 'query.phone'],
    [customers, `phone=${'1'.repeat(33)}`, 'query.phone'],
    [customers, 'name=%E0%A4%A', 'query.name'],
    [customers, 'name=a%00b', 'query.name'],
    [customers, `search=${'x'.repeat(101)}`, 'query.search'],
    [customers, 'email', 'query.email'],
    [customers, '=x', 'query'],
    [customers, '%zz=1', 'query'],
    [customers, 'customer_id=abc', 'query.customer_id'],
    [rewards, 'redeemable=yes', 'query.redeemable'],
    [rewards, 'customer_id=a-b', 'query.customer_id'],
    [rewards, 'phone=123', 'query.phone'],
    [issued, 'status=pending', 'query.status'],
    [issued, 'code=CZ-123', 'query.code'],
    [issued, 'cursor=a%20b', 'query.cursor'],
  ])('refuses %# (%s) with a field error', (route, query, field) => {
    const result = checkQuery(route, query)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.errors.map((e) => e.field)).toContain(field)
  })

  it('does not echo unsafe keys back', () => {
    const result = checkQuery(customers, '%3Cscript%3E=1')
    expect(result).toEqual({
      ok: false,
      errors: [{ field: 'query', detail: 'Unknown query parameter.' }],
    })
  })
})

describe('buildUpstreamTarget', () => {
  it('fills the template and re-encodes the query', () => {
    const validate = routeFor('POST', '/api/v2/customers/:id/coupons/:couponRef/validate/')
    expect(buildUpstreamTarget(validate, { id: ID, couponRef: 'CZ-7K3M9P2Q' }, [])).toBe(
      `/api/v2/customers/${ID}/coupons/CZ-7K3M9P2Q/validate/`,
    )
    const customers = routeFor('GET', '/api/v2/customers/')
    expect(
      buildUpstreamTarget(customers, {}, [
        ['phone', '+55 11'],
        ['email', 'a&b=c@x.com'],
      ]),
    ).toBe('/api/v2/customers/?phone=%2B55%2011&email=a%26b%3Dc%40x.com')
  })

  it('encodes parameters even if a validator ever let a separator through', () => {
    const route: RouteDef = {
      name: 'rewards.get',
      method: 'GET',
      template: '/api/v2/rewards/:id/',
      params: {},
      query: {},
      body: null,
    }
    const target = buildUpstreamTarget(route, { id: '../../admin#' }, [])
    expect(target).toBe('/api/v2/rewards/..%2F..%2Fadmin%23/')
    expect(new URL(target, 'https://api.zupy.com').pathname.startsWith('/api/v2/rewards/')).toBe(
      true,
    )
  })
})

describe('checkRawTarget', () => {
  it.each([
    '/',
    '/index.html',
    '/assets/index-abc123.js',
    '/customers/2awthlosjx7kggprferoosvabcd',
    `/api/v2/customers/${ID}/`,
    '/api/v2/customers/?email=maria%40example.com&phone=%2B55',
    '/api/v2/rewards/?',
  ])('accepts the canonical target %s', (target) => {
    expect(checkRawTarget(target).ok).toBe(true)
  })

  it('splits path and query', () => {
    expect(checkRawTarget('/api/v2/rewards/?page_size=1')).toEqual({
      ok: true,
      path: '/api/v2/rewards/',
      query: 'page_size=1',
    })
  })

  it.each([
    '/api/v2/../../etc/passwd',
    '/api/v2/customers/..%2f..%2f',
    '/api/v2/customers/%2e%2e/',
    '/api/v2/customers/%2E%2E%2Fx/',
    '/api/v2/customers/%252e%252e/',
    '/api/v2//customers/',
    '//api/v2/customers/',
    '/api/v2/customers\\..\\x/',
    '/api/v2/./customers/',
    '/api/v2/customers/.',
    '/api/v2/customers/x%0d%0aX-Injected:1/',
    '/api/v2/customers/x%00/',
    '/api/v2/customers/x\r\n/',
    '/api/v2/customers/x\u0000/',
    '/api/v2/customers/x y/',
    '/api/v2/customers/x#frag',
    '/api/v2/customers/\uff0e\uff0e\uff0f/',
    '/api/v2/customers/caf\u00e9/',
    '/api/v2/customers/x"/',
    '/api/v2/customers/<x>/',
    '/api/v2/customers/{x}/',
    'http://evil.example/api/v2/customers/',
    '*',
    '',
    `/api/v2/customers/${'a'.repeat(3000)}/`,
    '/api/v2/customers/?q=a#b',
    '/api/v2/customers/?q=a\\b',
    '/api/v2/customers/?q=\u00e9',
  ])('refuses %j', (target) => {
    expect(checkRawTarget(target).ok).toBe(false)
  })
})
