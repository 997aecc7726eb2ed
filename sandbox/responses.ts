import type { FieldError } from '../contract/problem'
import type { SandboxContext, SandboxHonoContext } from './context'

export const DEFAULT_PAGE_SIZE = 20
export const MAX_PAGE_SIZE = 100

export interface PageRequest {
  offset: number
  pageSize: number
}

/**
 * Cursors are opaque base64url, like DRF's CursorPagination; inside is only an offset, which is
 * enough for a dataset this small and keeps `previous` links trivial.
 */
export function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url')
}

function decodeCursor(cursor: string): number | null {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return null
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (typeof parsed !== 'object' || parsed === null || !('o' in parsed)) return null
    const offset = parsed.o
    return typeof offset === 'number' && Number.isSafeInteger(offset) && offset >= 0 ? offset : null
  } catch {
    return null
  }
}

/** Reads `cursor` and `page_size`; a page size above the maximum is clamped, as DRF does. */
export function readPageRequest(c: SandboxHonoContext): PageRequest | FieldError[] {
  const errors: FieldError[] = []
  let offset = 0
  let pageSize = DEFAULT_PAGE_SIZE
  const cursor = c.req.query('cursor')
  if (cursor !== undefined && cursor !== '') {
    const decoded = decodeCursor(cursor)
    if (decoded === null) errors.push({ field: 'cursor', detail: 'Cursor inválido.' })
    else offset = decoded
  }
  const rawSize = c.req.query('page_size')
  if (rawSize !== undefined && rawSize !== '') {
    if (!/^\d+$/.test(rawSize) || Number(rawSize) < 1) {
      errors.push({ field: 'page_size', detail: 'Informe um número inteiro maior que zero.' })
    } else {
      pageSize = Math.min(Number(rawSize), MAX_PAGE_SIZE)
    }
  }
  return errors.length > 0 ? errors : { offset, pageSize }
}

/** A single object in the configured shape: at the root, or `{data, meta: {}}`. */
export function sendOne(
  c: SandboxHonoContext,
  ctx: SandboxContext,
  body: object,
  status: 200 | 201 = 200,
): Response {
  return ctx.state.settings.shape === 'envelope'
    ? c.json({ data: body, meta: {} }, status)
    : c.json(body, status)
}

function pageLink(c: SandboxHonoContext, offset: number, pageSize: number): string {
  // Absolute, based on the request's Host, as DRF builds `next`/`previous`.
  const url = new URL(c.req.url)
  if (offset > 0) url.searchParams.set('cursor', encodeCursor(offset))
  else url.searchParams.delete('cursor')
  url.searchParams.set('page_size', String(pageSize))
  return url.toString()
}

/** One page of `items` in the configured shape: `{count, next, previous, results}` or `{data, meta}`. */
export function sendPage(
  c: SandboxHonoContext,
  ctx: SandboxContext,
  items: readonly object[],
  page: PageRequest,
): Response {
  const { offset, pageSize } = page
  const results = items.slice(offset, offset + pageSize)
  const hasNext = offset + pageSize < items.length
  const nextOffset = offset + pageSize
  if (ctx.state.settings.shape === 'envelope') {
    return c.json({
      data: results,
      meta: {
        cursor: hasNext ? encodeCursor(nextOffset) : null,
        has_next: hasNext,
        count: items.length,
      },
    })
  }
  return c.json({
    count: items.length,
    next: hasNext ? pageLink(c, nextOffset, pageSize) : null,
    previous: offset > 0 ? pageLink(c, Math.max(0, offset - pageSize), pageSize) : null,
    results,
  })
}
