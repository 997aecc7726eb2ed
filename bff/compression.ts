import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'

/**
 * What goes compressed over the wire. Static files are compressed once at build time
 * (scripts/precompress.ts writes `.br` and `.gz` beside them; static-files.ts picks one); API
 * answers over MIN_BYTES are compressed per request, for clients that accept it.
 */

/** Text and WebAssembly; images and fonts are compressed formats already. */
export const COMPRESSIBLE = new Set([
  '.html',
  '.js',
  '.mjs',
  '.css',
  '.svg',
  '.json',
  '.webmanifest',
  '.wasm',
  '.txt',
])

/** Below this a compressed copy saves less than a packet. */
export const MIN_BYTES = 1024

/** In the server's order of preference. */
export const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const

export type Encoding = (typeof ENCODINGS)[number]['name']

/**
 * The encodings the client takes (RFC 9110 §12.5.3), in the server's order of preference: brotli,
 * then gzip. `q=0` refuses one; `*` stands for any not named.
 */
export function acceptedEncodings(header: string | undefined): Encoding[] {
  const weights = new Map<string, number>()
  for (const part of (header ?? '').split(',')) {
    const [token = '', ...params] = part.split(';').map((piece) => piece.trim().toLowerCase())
    if (token === '') continue
    const q = params.find((param) => param.startsWith('q='))
    const weight = q === undefined ? 1 : Number(q.slice(2))
    weights.set(token, Number.isFinite(weight) ? weight : 0)
  }
  const any = weights.get('*') ?? 0
  return ENCODINGS.map(({ name }) => name).filter((name) => (weights.get(name) ?? any) > 0)
}

const brotli = promisify(brotliCompress)
const gzipAsync = promisify(gzip)

const isTextual = (contentType: string | null) =>
  contentType !== null && /^(?:application\/(?:[a-z0-9.+-]*\+)?json|text\/)/i.test(contentType)

/**
 * The same answer compressed in the best encoding the client accepts, when it is JSON or text of
 * at least MIN_BYTES; otherwise the answer as it was. Brotli at quality 4 costs about what gzip
 * at 6 does and packs tighter: the cost is paid on every answer, so speed over the last percent.
 */
export async function compressAnswer(
  response: Response,
  acceptEncoding: string | undefined,
): Promise<Response> {
  if (response.headers.has('content-encoding') || !isTextual(response.headers.get('content-type')))
    return response
  const [encoding] = acceptedEncodings(acceptEncoding)
  const declared = Number(response.headers.get('content-length') ?? Number.NaN)
  if (encoding === undefined || declared < MIN_BYTES || response.body === null) return response
  const body = Buffer.from(await response.arrayBuffer())
  const headers = new Headers(response.headers)
  // Too small to compress: always sent as it is, so nothing varies with Accept-Encoding.
  if (body.length < MIN_BYTES) return new Response(body, { status: response.status, headers })
  headers.append('Vary', 'Accept-Encoding')
  const packed =
    encoding === 'br'
      ? await brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } })
      : await gzipAsync(body, { level: 6 })
  headers.set('Content-Encoding', encoding)
  headers.set('Content-Length', String(packed.length))
  return new Response(new Uint8Array(packed), { status: response.status, headers })
}
