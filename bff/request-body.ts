import type { FieldError } from '../contract/problem'
import { bffProblem, type BffProblem } from './problems'
import type { BodyRule } from './routes'

/**
 * Request bodies: capped, UTF-8, JSON, then checked against a route's schema. Read by the route
 * that takes the body, when it comes to it, so a request refused earlier (CSRF, no session, a bad
 * path or query) is refused without reading its body.
 */

/** Bodies on these routes are a few dozen bytes; anything near this is not a real request. */
export const MAX_REQUEST_BODY_BYTES = 4 * 1024

function isJsonMediaType(contentType: string | undefined): boolean {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase() ?? ''
  return mediaType === 'application/json' || /^application\/[a-z0-9.-]+\+json$/.test(mediaType)
}

type BodyRead = { ok: true; value: unknown } | { ok: false; problem: BffProblem }

/** Reads at most MAX_REQUEST_BODY_BYTES + 1 bytes; a larger body is refused without buffering it. */
async function readCappedBody(request: Request): Promise<Uint8Array | null> {
  const declared = request.headers.get('content-length')
  if (declared !== null && Number(declared) > MAX_REQUEST_BODY_BYTES) return null
  if (!request.body) return new Uint8Array()
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > MAX_REQUEST_BODY_BYTES) {
      await reader.cancel()
      return null
    }
    chunks.push(value)
  }
  const body = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    body.set(chunk, offset)
    offset += chunk.byteLength
  }
  return body
}

export async function readJsonBody(request: Request, rule: BodyRule): Promise<BodyRead> {
  const bytes = await readCappedBody(request)
  if (bytes === null)
    return {
      ok: false,
      problem: bffProblem(
        413,
        'payload-too-large',
        `The body must be at most ${MAX_REQUEST_BODY_BYTES} bytes.`,
      ),
    }
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return {
      ok: false,
      problem: bffProblem(400, 'validation-error', 'The body is not valid UTF-8.'),
    }
  }
  if (text.trim() === '') {
    if (rule.optional) return { ok: true, value: undefined }
    return {
      ok: false,
      problem: bffProblem(400, 'validation-error', 'A JSON body is required.', [
        { field: 'body', detail: 'Required.' },
      ]),
    }
  }
  if (!isJsonMediaType(request.headers.get('content-type') ?? undefined))
    return {
      ok: false,
      problem: bffProblem(415, 'unsupported-media-type', 'Send the body as application/json.'),
    }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return {
      ok: false,
      problem: bffProblem(400, 'validation-error', 'The body is not valid JSON.'),
    }
  }
  const parsed = rule.schema.safeParse(json)
  if (!parsed.success) {
    const errors: FieldError[] = parsed.error.issues.map((issue) => ({
      field: ['body', ...issue.path.map(String)].join('.'),
      detail: issue.message,
    }))
    return {
      ok: false,
      problem: bffProblem(400, 'validation-error', 'The body is invalid.', errors),
    }
  }
  return { ok: true, value: parsed.data }
}
