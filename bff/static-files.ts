import { readFile, stat } from 'node:fs/promises'
import { extname, resolve, sep } from 'node:path'
import type { Handler } from 'hono'
import { acceptedEncodings, COMPRESSIBLE, ENCODINGS, type Encoding } from './compression'
import type { BffBindings } from './context'

/**
 * Serves the built SPA (dist/). Paths reach this point already canonical (raw-target.ts), and
 * each one is still resolved and checked to stay inside the root, so nothing outside dist/ and
 * no dotfile is ever read.
 */

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
}

// Hashed file names never change content, so browsers may keep them forever.
const IMMUTABLE = 'public, max-age=31536000, immutable'
// Everything else, the service worker (/sw.js) above all: a new build must be seen at once.
const REVALIDATE = 'no-cache'

/**
 * Files the browser fetches by name, not as a page: without a build's copy they are a 404, not
 * index.html, which the browser would refuse anyway (a service worker with a text/html MIME type).
 */
const NO_SPA_FALLBACK = new Set(['/sw.js', '/manifest.webmanifest'])

export interface StaticAnswer {
  readonly response: Response
  /** For the log line: which kind of static answer this was. */
  readonly route: '/assets/*' | 'static' | 'spa'
}

async function readRegularFile(root: string, urlPath: string): Promise<Buffer | null> {
  const segments = urlPath.split('/').filter((segment) => segment !== '')
  if (segments.some((segment) => segment.startsWith('.'))) return null
  const file = resolve(root, ...segments)
  if (!file.startsWith(root + sep)) return null
  try {
    const info = await stat(file)
    if (!info.isFile()) return null
    return await readFile(file)
  } catch {
    return null
  }
}

/** The file, or its precompressed copy (scripts/precompress.ts) in the best encoding accepted. */
async function readBestFile(
  root: string,
  urlPath: string,
  accepted: readonly Encoding[],
): Promise<{ body: Buffer; encoding: Encoding | null } | null> {
  if (COMPRESSIBLE.has(extname(urlPath).toLowerCase()))
    for (const { name, suffix } of ENCODINGS) {
      if (!accepted.includes(name)) continue
      const body = await readRegularFile(root, urlPath + suffix)
      if (body) return { body, encoding: name }
    }
  const body = await readRegularFile(root, urlPath)
  return body ? { body, encoding: null } : null
}

function fileResponse(
  file: { body: Buffer; encoding: Encoding | null },
  path: string,
  cacheControl: string,
): Response {
  const extension = extname(path).toLowerCase()
  return new Response(new Uint8Array(file.body), {
    status: 200,
    headers: {
      'Content-Type': CONTENT_TYPES[extension] ?? 'application/octet-stream',
      'Content-Length': String(file.body.length),
      'Cache-Control': cacheControl,
      ...(file.encoding ? { 'Content-Encoding': file.encoding } : {}),
      // Caches must not hand a brotli body to a client that did not ask for one.
      ...(COMPRESSIBLE.has(extension) ? { Vary: 'Accept-Encoding' } : {}),
    },
  })
}

function textResponse(status: number, text: string, extra: Record<string, string> = {}): Response {
  return new Response(text, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...extra },
  })
}

/**
 * Answers a GET/HEAD for a non-API path: a file from the root, or index.html for client-side
 * routes. `staticRoot` undefined behaves like a root without a build.
 */
export async function serveStatic(
  staticRoot: string | undefined,
  path: string,
  acceptEncoding?: string,
): Promise<StaticAnswer> {
  const root = staticRoot === undefined ? undefined : resolve(staticRoot)
  const accepted = acceptedEncodings(acceptEncoding)
  if (root !== undefined && path !== '/' && path !== '/index.html') {
    const file = await readBestFile(root, path, accepted)
    const isAsset = path.startsWith('/assets/')
    if (file) {
      return {
        response: fileResponse(file, path, isAsset ? IMMUTABLE : REVALIDATE),
        route: isAsset ? '/assets/*' : 'static',
      }
    }
    // A missing hashed asset is a stale page asking for an old build: index.html would only turn
    // into a confusing MIME-type error in the browser.
    if (isAsset) return { response: textResponse(404, 'Not found'), route: '/assets/*' }
    if (NO_SPA_FALLBACK.has(path))
      return { response: textResponse(404, 'Not found'), route: 'static' }
  }
  const index = root === undefined ? null : await readBestFile(root, '/index.html', accepted)
  if (!index)
    return {
      response: textResponse(503, 'The app is not built yet: run `npm run build`, then restart.'),
      route: 'spa',
    }
  return { response: fileResponse(index, '/index.html', REVALIDATE), route: 'spa' }
}

/** Every path outside /api: GET and HEAD get the build (serveStatic), other methods a 405. */
export function servePages(staticRoot: string | undefined): Handler<BffBindings> {
  return async (c) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      c.set('route', 'static')
      return textResponse(405, 'Method not allowed', { Allow: 'GET, HEAD' })
    }
    const answer = await serveStatic(
      staticRoot,
      c.get('path') ?? '/',
      c.req.header('accept-encoding'),
    )
    c.set('route', answer.route)
    return answer.response
  }
}
