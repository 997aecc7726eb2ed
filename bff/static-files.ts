import { readFile, stat } from 'node:fs/promises'
import { extname, resolve, sep } from 'node:path'

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

function fileResponse(body: Buffer, path: string, cacheControl: string): Response {
  return new Response(new Uint8Array(body), {
    status: 200,
    headers: {
      'Content-Type': CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': String(body.length),
      'Cache-Control': cacheControl,
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
): Promise<StaticAnswer> {
  const root = staticRoot === undefined ? undefined : resolve(staticRoot)
  if (root !== undefined && path !== '/' && path !== '/index.html') {
    const body = await readRegularFile(root, path)
    const isAsset = path.startsWith('/assets/')
    if (body) {
      return {
        response: fileResponse(body, path, isAsset ? IMMUTABLE : REVALIDATE),
        route: isAsset ? '/assets/*' : 'static',
      }
    }
    // A missing hashed asset is a stale page asking for an old build: index.html would only turn
    // into a confusing MIME-type error in the browser.
    if (isAsset) return { response: textResponse(404, 'Not found'), route: '/assets/*' }
    if (NO_SPA_FALLBACK.has(path))
      return { response: textResponse(404, 'Not found'), route: 'static' }
  }
  const index = root === undefined ? null : await readRegularFile(root, '/index.html')
  if (!index)
    return {
      response: textResponse(503, 'The app is not built yet: run `npm run build`, then restart.'),
      route: 'spa',
    }
  return { response: fileResponse(index, '/index.html', REVALIDATE), route: 'spa' }
}

export function methodNotAllowedText(): Response {
  return textResponse(405, 'Method not allowed', { Allow: 'GET, HEAD' })
}
