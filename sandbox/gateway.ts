import { timingSafeEqual } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import { rawPath, type SandboxContext, type SandboxEnv } from './context'
import { MINUTE_MS, SECOND_MS, isoUtc } from './ids'
import { problem } from './problems'
import { REQUEST_LOG_LIMIT } from './state'

/** What the headers advertise when no limit is configured: Zupy's Enterprise tier (§1). */
export const UNLIMITED_ADVERTISED_LIMIT = 3000

/** Records every /api/v2 request, faulted or not, with the key's value hidden. */
export function requestLog(ctx: SandboxContext): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const headers: Record<string, string> = {}
    c.req.raw.headers.forEach((value, name) => {
      headers[name] = name === 'x-api-key' ? '[redacted]' : value
    })
    const log = ctx.state.requests
    log.push({
      method: c.req.method,
      path: rawPath(c),
      query: Object.fromEntries(new URL(c.req.url).searchParams),
      headers,
      at: isoUtc(ctx.now()),
    })
    if (log.length > REQUEST_LOG_LIMIT) log.splice(0, log.length - REQUEST_LOG_LIMIT)
    await next()
  }
}

/**
 * Fixed 60-s window per presented key, starting at the window's first request. Headers go on every
 * /api/v2 response, as Zupy's gateway sends them; with no limit configured they advertise 3000 and
 * never run out.
 */
export function rateLimit(ctx: SandboxContext): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const now = ctx.now()
    const key = c.req.header('x-api-key') ?? ''
    const windows = ctx.state.rateWindows
    let window = windows.get(key)
    if (!window || now >= window.start + MINUTE_MS) {
      if (windows.size > 1000) {
        for (const [k, w] of windows) if (now >= w.start + MINUTE_MS) windows.delete(k)
      }
      window = { start: now, count: 0 }
      windows.set(key, window)
    }
    window.count += 1
    const configured = ctx.state.settings.rateLimitPerMinute
    const limit = configured ?? UNLIMITED_ADVERTISED_LIMIT
    const end = window.start + MINUTE_MS
    const headers = {
      'X-RateLimit-Limit': String(limit),
      'X-RateLimit-Remaining': String(Math.max(0, limit - window.count)),
      'X-RateLimit-Reset': String(Math.ceil(end / SECOND_MS)),
    }
    if (configured !== null && window.count > configured) {
      const retryAfter = Math.max(1, Math.ceil((end - now) / SECOND_MS))
      for (const [name, value] of Object.entries(headers)) c.header(name, value)
      c.header('Retry-After', String(retryAfter))
      return problem(
        c,
        429,
        'rate-limit-exceeded',
        `Too many requests. Please retry after ${retryAfter} seconds.`,
      )
    }
    await next()
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value)
  }
}

/**
 * Django's APPEND_SLASH: a GET/HEAD without the trailing slash is redirected (301) before any
 * auth runs; other methods cannot be redirected safely, so they get a 404.
 */
export function appendSlash(): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const path = c.req.path
    if (path.endsWith('/')) {
      await next()
      return
    }
    if (c.req.method === 'GET' || c.req.method === 'HEAD') {
      const search = new URL(c.req.url).search
      return c.body(null, 301, { Location: `${path}/${search}` })
    }
    return problem(c, 404, 'not-found', 'Not found.')
  }
}

function sameKey(presented: string, expected: string): boolean {
  const a = Buffer.from(presented)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** `X-API-Key` only: a key in the query string is ignored, as Zupy documents (§1). */
export function apiKeyAuth(ctx: SandboxContext): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const presented = c.req.header('x-api-key')
    if (presented === undefined || presented.trim() === '') {
      return problem(
        c,
        401,
        'authentication-required',
        'Authentication credentials were not provided.',
      )
    }
    if (!sameKey(presented.trim(), ctx.config.apiKey)) {
      return problem(c, 401, 'authentication-required', 'Invalid API key')
    }
    await next()
  }
}
