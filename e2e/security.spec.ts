import { expect, FAILED_NETWORK, failedStatus, test } from './fixtures'

/**
 * The BFF's browser-facing rules in a real Chromium (reliability.md G9, G10): the app runs under
 * the CSP, the session cookie is out of reach of scripts, same-origin fetches pass the CSRF check
 * while a page on another origin gets nothing through, and the session API works from a page.
 */

interface LoggedRequest {
  method: string
  path: string
}

test('the app loads under the CSP and scripts cannot read the session cookie', async ({ page }) => {
  const response = await page.goto('/')
  const headers = response?.headers() ?? {}
  expect(headers['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval'")
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'")
  expect(headers['x-content-type-options']).toBe('nosniff')
  expect(headers['access-control-allow-origin']).toBeUndefined()
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  const cookies = await page.context().cookies()
  expect(cookies.find((c) => c.name === 'zupy_pos_session')).toMatchObject({
    httpOnly: true,
    sameSite: 'Strict',
  })
  expect(await page.evaluate(() => document.cookie)).not.toContain('zupy_pos_session')
})

test('a same-origin POST from the page passes; a page on another origin gets nothing through', async ({
  page,
  sandbox,
  consoleGuard,
}) => {
  // The refusals are the point: Chromium logs the 403s, the sandbox page's 404 and the CORS block.
  consoleGuard.allow(failedStatus('40[34]'), FAILED_NETWORK, /blocked by CORS policy/)
  await page.goto('/')
  const sameOrigin = await page.evaluate(async () => {
    const response = await fetch('/api/v2/auth/request-otp/', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ identifier: '+5511987654321' }),
    })
    return response.status
  })
  expect(sameOrigin).toBe(200)

  // The sandbox's origin is another port on the same host: same-site, so the SameSite=Strict
  // cookie IS sent; the Origin check is what refuses.
  const bff = new URL(page.url()).origin
  await page.goto(`${sandbox.url}/_sandbox/settings`)
  await sandbox.clearRequests()
  const outcomes = await page.evaluate(async (target) => {
    const body = JSON.stringify({ identifier: '+5511987654321' })
    const simple = await fetch(`${target}/api/v2/auth/request-otp/`, {
      method: 'POST',
      mode: 'no-cors',
      credentials: 'include',
      headers: { 'Content-Type': 'text/plain' },
      body,
    }).then(
      (r) => r.type,
      () => 'blocked',
    )
    const json = await fetch(`${target}/api/v2/auth/request-otp/`, {
      method: 'POST',
      credentials: 'include',
      headers: { 'Content-Type': 'application/json' },
      body,
    }).then(
      (r) => String(r.status),
      () => 'blocked',
    )
    return { simple, json }
  }, bff)
  // The form-like request is sent but opaque and refused; the JSON one dies at the preflight.
  expect(outcomes).toEqual({ simple: 'opaque', json: 'blocked' })
  const requests = (await sandbox.requests()) as LoggedRequest[]
  expect(requests.filter((r) => r.method === 'POST')).toEqual([])
})

test('the session API from a page: locked, sign in, unlocked, sign out, locked', async ({
  browser,
  baseURL,
}) => {
  // A fresh context: no automatic sign-in.
  const context = await browser.newContext({ baseURL })
  const page = await context.newPage()
  await page.goto('/')
  const steps = await page.evaluate(async () => {
    const json = { 'Content-Type': 'application/json' }
    const status = async () => (await (await fetch('/api/pos/session')).json()) as unknown
    const api = async () => {
      const response = await fetch('/api/v2/rewards/')
      const body = (await response.json()) as { type?: string }
      return `${response.status} ${body.type?.split('#')[1] ?? 'list'}`
    }
    const config = (await (await fetch('/api/pos/config')).json()) as { pin_hint: string | null }
    const before = { status: await status(), api: await api() }
    const wrong = await fetch('/api/pos/session', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ pin: '0000' }),
    })
    const signIn = await fetch('/api/pos/session', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ pin: config.pin_hint }),
    })
    const during = { status: await status(), api: await api() }
    const signOut = await fetch('/api/pos/session', { method: 'DELETE', headers: json })
    const after = { status: await status(), api: await api() }
    return {
      pinHint: config.pin_hint,
      before,
      wrong: wrong.status,
      signIn: signIn.status,
      during,
      signOut: signOut.status,
      after,
    }
  })
  expect(steps).toEqual({
    pinHint: '1234',
    before: {
      status: { authenticated: false, idle_timeout_s: 900 },
      api: '401 session-required',
    },
    wrong: 401,
    signIn: 204,
    during: {
      status: {
        authenticated: true,
        idle_expires_at: expect.any(String) as unknown,
        expires_at: expect.any(String) as unknown,
        idle_timeout_s: 900,
      },
      api: '200 list',
    },
    signOut: 204,
    after: {
      status: { authenticated: false, idle_timeout_s: 900 },
      api: '401 session-required',
    },
  })
  await context.close()
})
