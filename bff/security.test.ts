import { describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY, checkCsrf, securityHeaders, type CsrfInput } from './security'

const SPA_POST: CsrfInput = {
  method: 'POST',
  contentType: 'application/json',
  origin: 'http://127.0.0.1:3000',
  secFetchSite: 'same-origin',
  host: '127.0.0.1:3000',
  https: false,
}

describe('the CSRF check', () => {
  it('lets GET, HEAD and OPTIONS through whatever they carry', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS'])
      expect(
        checkCsrf({ ...SPA_POST, method, contentType: undefined, origin: 'https://evil.example' }),
      ).toBeNull()
  })

  it.each([
    ['the SPA', {}],
    ['JSON with a charset', { contentType: 'application/json; charset=utf-8' }],
    ['no Origin but Sec-Fetch-Site: same-origin', { origin: undefined }],
    ['an https page behind a TLS proxy', { origin: 'https://127.0.0.1:3000' }],
    [
      'a default port spelled out in Host',
      { origin: 'http://pos.example', host: 'pos.example:80' },
    ],
    ['HTTPS end to end', { origin: 'https://pos.example', host: 'pos.example', https: true }],
    ['DELETE', { method: 'DELETE' }],
    ['PUT', { method: 'PUT' }],
    ['PATCH', { method: 'PATCH' }],
  ] as [string, Partial<CsrfInput>][])('accepts %s', (_name, change) => {
    expect(checkCsrf({ ...SPA_POST, ...change })).toBeNull()
  })

  it.each([
    ['no Content-Type', { contentType: undefined }],
    ['text/plain', { contentType: 'text/plain' }],
    ['a form', { contentType: 'application/x-www-form-urlencoded' }],
    ['multipart', { contentType: 'multipart/form-data; boundary=x' }],
    ['a +json type', { contentType: 'application/ld+json' }],
    ['JSON smuggled in a parameter', { contentType: 'text/plain; a=application/json' }],
    ['a foreign Origin', { origin: 'https://evil.example' }],
    ['another port', { origin: 'http://127.0.0.1:3001' }],
    ['a look-alike host', { origin: 'http://127.0.0.1:3000.evil.example' }],
    ['Origin: null', { origin: 'null' }],
    ['an Origin with a path', { origin: 'http://127.0.0.1:3000/' }],
    ['an http page over HTTPS', { origin: 'http://pos.example', host: 'pos.example', https: true }],
    ['a non-http scheme', { origin: 'file://127.0.0.1:3000' }],
    ['no Host', { host: undefined }],
    [
      'Sec-Fetch-Site: cross-site without Origin',
      { origin: undefined, secFetchSite: 'cross-site' },
    ],
    ['Sec-Fetch-Site: same-site without Origin', { origin: undefined, secFetchSite: 'same-site' }],
    ['neither Origin nor Sec-Fetch-Site', { origin: undefined, secFetchSite: undefined }],
  ] as [string, Partial<CsrfInput>][])('refuses %s', (_name, change) => {
    expect(checkCsrf({ ...SPA_POST, ...change })).toEqual(expect.any(String))
  })
})

describe('security headers', () => {
  it('carry the CSP, nosniff, no-referrer, camera-only permissions and COOP', () => {
    expect(securityHeaders(false)).toEqual({
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Permissions-Policy': 'camera=(self), microphone=(), geolocation=()',
      'Cross-Origin-Opener-Policy': 'same-origin',
    })
    for (const directive of [
      "default-src 'self'",
      "script-src 'self' 'wasm-unsafe-eval'",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
    ])
      expect(CONTENT_SECURITY_POLICY.split('; ')).toContain(directive)
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*'unsafe-inline'/)
  })

  it('add HSTS only over HTTPS', () => {
    expect(securityHeaders(true)['Strict-Transport-Security']).toBe('max-age=31536000')
    expect(securityHeaders(false)).not.toHaveProperty('Strict-Transport-Security')
  })
})
