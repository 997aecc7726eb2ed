import { describe, expect, it } from 'vitest'
import { post, problemOf, setupSessions, setupSignedIn } from '../testing/app'

/** The CSRF middleware (csrf.ts) in the app; the check itself is in security.test.ts. */

describe('the CSRF check in the app', () => {
  it('refuses a non-JSON content type with 403 before reading the body (a form post is CSRF)', async () => {
    const { call, upstream } = await setupSignedIn()
    const response = await post(call, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'identifier=%2B5511987654321',
    })
    expect(response.status).toBe(403)
    expect((await problemOf(response)).slug).toBe('forbidden-origin')
    const plain = await post(call, {
      headers: { 'content-type': 'text/plain' },
      body: '{"identifier":"+5511987654321"}',
    })
    expect(plain.status).toBe(403)
    expect(upstream.calls).toHaveLength(0)
  })
})

describe('the CSRF check on sign-in', () => {
  it('needs the same-origin JSON request like any state change', async () => {
    const { app } = setupSessions()
    const response = await app.request('/api/pos/session', {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: 'http://localhost', host: 'localhost' },
      body: '{"pin":"1234"}',
    })
    expect(response.status).toBe(403)
    expect(response.headers.get('set-cookie')).toBeNull()
  })
})
