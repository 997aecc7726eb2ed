/**
 * Browser-facing hardening (reliability.md §2.7, G9): the headers on every response and the
 * cross-site request forgery check on every state-changing request.
 */

/**
 * No inline script anywhere. `wasm-unsafe-eval` is for the QR decoder's WebAssembly,
 * `unsafe-inline` styles for React's style attributes, blob:/data: for camera frames and QR
 * images.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ')

/**
 * Browsers ignore HSTS over plain HTTP; over HTTPS, one year (ASVS 3.4.1). No includeSubDomains:
 * the BFF cannot know what else lives under its host name on a store's network (a printer at
 * printer.till.lan, say), and a year of HTTPS-only must not reach devices without a certificate.
 */
const HSTS = 'max-age=31536000'

export function securityHeaders(https: boolean): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Permissions-Policy': 'camera=(self), microphone=(), geolocation=()',
    'Cross-Origin-Opener-Policy': 'same-origin',
    ...(https ? { 'Strict-Transport-Security': HSTS } : {}),
  }
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export function isStateChanging(method: string): boolean {
  return STATE_CHANGING.has(method.toUpperCase())
}

export interface CsrfInput {
  readonly method: string
  readonly contentType: string | undefined
  readonly origin: string | undefined
  readonly secFetchSite: string | undefined
  /** The host the browser asked for: Host, or a trusted proxy's X-Forwarded-Host (TRUST_PROXY). */
  readonly host: string | undefined
  /** Whether the browser's connection is HTTPS: our TLS socket, or a trusted proxy's word. */
  readonly https: boolean
}

/**
 * Null when the request may proceed, else why it is refused. Fails closed: a missing or odd
 * header is a refusal (Hono's own CSRF guard was once bypassed by omitting Content-Type).
 *
 * The JSON content type alone already forces a CORS preflight on any cross-origin fetch, which
 * we never answer; Origin (or Fetch Metadata, for clients that omit Origin) is the second layer.
 */
export function checkCsrf(input: CsrfInput): string | null {
  if (!isStateChanging(input.method)) return null
  const mediaType = input.contentType?.split(';')[0]?.trim().toLowerCase()
  if (mediaType !== 'application/json') return 'State-changing requests must be application/json.'
  if (input.origin !== undefined) {
    return sameOrigin(input.origin, input.host, input.https)
      ? null
      : 'The request came from another origin.'
  }
  if (input.secFetchSite?.trim().toLowerCase() === 'same-origin') return null
  return 'The request must carry a same-origin Origin or Sec-Fetch-Site header.'
}

/**
 * Compares the Origin's host:port with the Host the request came to. Over HTTPS the page must be
 * HTTPS too; over plain HTTP an https:// page is accepted, because a TLS proxy in front of us
 * forwards its requests as HTTP with the browser's Host.
 */
function sameOrigin(origin: string, host: string | undefined, https: boolean): boolean {
  if (host === undefined || host === '' || origin === 'null') return false
  let parsed: URL
  try {
    parsed = new URL(origin)
  } catch {
    return false
  }
  if (parsed.origin !== origin) return false
  if (parsed.protocol !== 'https:' && (https || parsed.protocol !== 'http:')) return false
  let expected: URL
  try {
    expected = new URL(`${parsed.protocol}//${host}`)
  } catch {
    return false
  }
  return expected.host === parsed.host && `${expected.protocol}//${expected.host}` === origin
}
