import * as z from 'zod/mini'

/**
 * Zupy's docs disagree on the success shape (api-notes §0, decision 1): the newest backend sends
 * fields at the root and lists as `{count, next, previous, results}`; the guides show a
 * `{data, meta}` envelope. These helpers accept both and hand callers one normalised value.
 */

export interface Page<T> {
  items: T[]
  /** Total when the server reports it (`count`), else null. */
  count: number | null
  /** Opaque cursor for the next page, or null on the last page. */
  nextCursor: string | null
}

const EnvelopeListMetaSchema = z.object({
  cursor: z.nullish(z.string()),
  has_next: z.optional(z.boolean()),
  count: z.nullish(z.int()),
})

/** Reads the `cursor` query parameter out of a DRF `next` link (absolute or relative). */
export function cursorFromNextLink(next: string | null | undefined): string | null {
  if (!next) return null
  try {
    return new URL(next, 'http://placeholder.invalid').searchParams.get('cursor')
  } catch {
    return null
  }
}

/** A list response in either shape, normalised to `Page<item>`. */
export function listOf<T extends z.core.$ZodType>(item: T) {
  const root = z.object({
    count: z.nullish(z.int()),
    next: z.nullish(z.string()),
    previous: z.nullish(z.string()),
    results: z.array(item),
  })
  const envelope = z.object({ data: z.array(item), meta: z.optional(EnvelopeListMetaSchema) })
  // A bare array is what some guide snippets show (api-notes §8.1); accept it too.
  const bare = z.array(item)
  const shapes = z.union([root, envelope, bare])
  return z.pipe(
    shapes,
    z.transform((body: z.output<typeof shapes>): Page<z.output<T>> => {
      if (Array.isArray(body)) return { items: body, count: body.length, nextCursor: null }
      if ('results' in body)
        return {
          items: body.results,
          count: body.count ?? null,
          nextCursor: cursorFromNextLink(body.next),
        }
      const meta = body.meta
      return {
        items: body.data,
        count: meta?.count ?? null,
        nextCursor: meta?.has_next === false ? null : (meta?.cursor ?? null),
      }
    }),
  )
}

/** True for `{data: {...}, meta?}` with no other keys: the envelope around a single object. */
function isSingleEnvelope(body: unknown): body is { data: unknown } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false
  const keys = Object.keys(body)
  const data = (body as { data?: unknown }).data
  return (
    typeof data === 'object' &&
    data !== null &&
    !Array.isArray(data) &&
    keys.every((k) => k === 'data' || k === 'meta')
  )
}

/** A single-object response in either shape (`{...}` or `{data: {...}, meta}`), unwrapped. */
export function singleOf<T extends z.core.$ZodType>(schema: T) {
  const unwrap = z.transform((body: unknown) => (isSingleEnvelope(body) ? body.data : body))
  return z.pipe(unwrap, schema)
}
