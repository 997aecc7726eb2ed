/**
 * The service worker, dist/sw.js. The build (scripts/service-worker-build.ts) strips the types
 * from this file, drops the `export` keywords and calls `installServiceWorker(self, {...})` with
 * the build's file list and content hash, so this file must stay self-contained: no imports.
 *
 * It keeps the app shell only: index.html, the build's hashed JS/CSS (the scanner chunk and the
 * ZXing .wasm included), the manifest and icons. It never answers, stores or delays an API call:
 * API answers carry customers' personal data, and a redeem or validate must happen now or fail
 * now, never be replayed later. Nothing is queued; there is no background sync.
 *
 * A new build's worker installs next to the running one and then waits: the open pages keep
 * loading their own build's lazy screens from the old cache, however long the till stays open.
 * It takes over only when a page posts {@link SKIP_WAITING} (the cashier chose "Reload"), or by
 * itself once no page of the old build is left. The very first worker has no one to wait for.
 */

/** The message a page posts to the waiting worker to let it take over now. */
export const SKIP_WAITING = 'skip-waiting'

export interface ServiceWorkerConfig {
  /** Content hash of the shell's files: each build has its own cache. */
  readonly version: string
  /** Same-origin paths to keep, `/index.html` among them. */
  readonly precache: readonly string[]
}

/** The parts of ExtendableEvent and FetchEvent used here (the DOM lib has no worker types). */
export interface ExtendableEventLike {
  waitUntil(promise: Promise<unknown>): void
}
export interface FetchEventLike extends ExtendableEventLike {
  readonly request: Request
  respondWith(response: Promise<Response>): void
}
export interface MessageEventLike {
  readonly data: unknown
}

/** The parts of ServiceWorkerGlobalScope used here. */
export interface ServiceWorkerScopeLike {
  readonly location: { readonly origin: string }
  readonly caches: CacheStorage
  fetch(request: Request): Promise<Response>
  skipWaiting(): Promise<void>
  addEventListener(
    type: 'install' | 'activate',
    listener: (event: ExtendableEventLike) => void,
  ): void
  addEventListener(type: 'fetch', listener: (event: FetchEventLike) => void): void
  addEventListener(type: 'message', listener: (event: MessageEventLike) => void): void
}

/** Every cache this app ever made starts with this; other names on the origin are not ours. */
export const SHELL_CACHE_PREFIX = 'zupy-pos-shell-'

export function installServiceWorker(
  scope: ServiceWorkerScopeLike,
  config: ServiceWorkerConfig,
): void {
  const cacheName = `${SHELL_CACHE_PREFIX}${config.version}`
  const origin = scope.location.origin
  const shell = new Set(config.precache)
  const indexUrl = new URL('/index.html', origin).href

  const isApi = (path: string) => path === '/api' || path.startsWith('/api/')

  scope.addEventListener('install', (event) => {
    event.waitUntil(
      (async () => {
        const cache = await scope.caches.open(cacheName)
        await Promise.all(
          config.precache.map(async (path) => {
            const url = new URL(path, origin).href
            // A hashed name always holds the same bytes: take it from the previous build's cache
            // instead of downloading the 1 MB decoder again.
            const kept = path.startsWith('/assets/') ? await scope.caches.match(url) : undefined
            // `no-cache`: index.html, the manifest and icons must come from this build, not the
            // browser's HTTP cache.
            const response = kept ?? (await scope.fetch(new Request(url, { cache: 'no-cache' })))
            // One missing file fails the install, so a half-filled cache never goes live.
            if (!response.ok) throw new Error(`precache ${path}: HTTP ${response.status}`)
            await cache.put(url, response)
          }),
        )
      })(),
    )
  })

  scope.addEventListener('message', (event) => {
    const { data } = event
    if (typeof data === 'object' && data !== null && 'type' in data && data.type === SKIP_WAITING)
      void scope.skipWaiting()
  })

  scope.addEventListener('activate', (event) => {
    event.waitUntil(
      (async () => {
        const names = await scope.caches.keys()
        await Promise.all(
          names
            .filter((name) => name.startsWith(SHELL_CACHE_PREFIX) && name !== cacheName)
            .map((name) => scope.caches.delete(name)),
        )
      })(),
    )
  })

  const fromShell = async (url: string): Promise<Response | undefined> =>
    (await scope.caches.open(cacheName)).match(url)

  /** Pages: the server's answer when there is one, the kept index.html when the network fails. */
  const page = async (request: Request): Promise<Response> => {
    try {
      return await scope.fetch(request)
    } catch (error) {
      const index = await fromShell(indexUrl)
      if (index) return index
      throw error
    }
  }

  const shellFile = async (request: Request, url: string): Promise<Response> =>
    (await fromShell(url)) ?? scope.fetch(request)

  // Returning without respondWith() leaves the request to the browser, exactly as with no worker.
  scope.addEventListener('fetch', (event) => {
    const { request } = event
    if (request.method !== 'GET') return
    const url = new URL(request.url)
    if (url.origin !== origin || isApi(url.pathname)) return
    if (request.mode === 'navigate') {
      event.respondWith(page(request))
      return
    }
    if (url.search === '' && shell.has(url.pathname))
      event.respondWith(shellFile(request, url.href))
  })
}
