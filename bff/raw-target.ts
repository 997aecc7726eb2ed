/**
 * The guard that runs before any routing. Routers, static servers and the upstream must all see
 * the same path, so a request target is accepted only when it is already canonical: decoding or
 * normalising it would change nothing. Proxies have been bypassed many times through exactly this
 * kind of disagreement (reliability §2.8: encoded dot segments, `//`, backslashes).
 */

export const MAX_TARGET_LENGTH = 2048

/** RFC 3986 pchar minus `%`: unreserved, sub-delims, `:` and `@`, plus the `/` separator. */
const PATH_CHARS = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/]+$/
/** The query may carry percent-escapes (e-mails, `+` in phones); values are decoded later. */
const QUERY_CHARS = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/?%]*$/
/** Only printable ASCII anywhere in the target: no controls, spaces, DEL or raw non-ASCII bytes. */
const PRINTABLE_ASCII = /^[\x21-\x7e]*$/

export type RawTargetCheck =
  { ok: true; path: string; query: string | null } | { ok: false; reason: string }

export function checkRawTarget(target: string): RawTargetCheck {
  if (target.length > MAX_TARGET_LENGTH)
    return { ok: false, reason: 'The request target is too long.' }
  // Absolute-form (`GET http://host/...`) and asterisk-form targets are not for us.
  if (!target.startsWith('/')) return { ok: false, reason: 'The request target must be a path.' }
  if (!PRINTABLE_ASCII.test(target))
    return { ok: false, reason: 'The request target contains characters that are not allowed.' }
  const questionMark = target.indexOf('?')
  const path = questionMark === -1 ? target : target.slice(0, questionMark)
  const query = questionMark === -1 ? null : target.slice(questionMark + 1)
  if (
    path.includes('%') ||
    path.includes('..') ||
    path.includes('//') ||
    path.includes('\\') ||
    !PATH_CHARS.test(path)
  )
    return { ok: false, reason: 'The request path is not in canonical form.' }
  if (normalisePath(path) !== path)
    return { ok: false, reason: 'The request path is not in canonical form.' }
  if (query !== null && !QUERY_CHARS.test(query))
    return { ok: false, reason: 'The query string contains characters that are not allowed.' }
  return { ok: true, path, query }
}

/** The path as a WHATWG URL parser (browsers, undici, Hono) would resolve it. */
function normalisePath(path: string): string | null {
  try {
    return new URL(path, 'http://normalise.invalid').pathname
  } catch {
    return null
  }
}
