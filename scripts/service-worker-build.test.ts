import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runInNewContext } from 'node:vm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { shellFiles, shellVersion, writeServiceWorker } from './service-worker-build'

/**
 * The worker the build ships: dist/sw.js written for a small fake build, then run in a fresh VM
 * context with a fake ServiceWorkerGlobalScope (caches, fetch, events), as a browser would run it.
 */

const ORIGIN = 'https://pos.test'

let outDir: string

function write(path: string, content: string) {
  const file = join(outDir, ...path.split('/').filter(Boolean))
  mkdirSync(join(file, '..'), { recursive: true })
  writeFileSync(file, content)
}

beforeEach(() => {
  outDir = mkdtempSync(join(tmpdir(), 'sw-build-'))
  write('/index.html', '<!doctype html><title>Zupy POS</title>')
  write('/assets/index-abc123.js', 'console.log("app")')
  write('/assets/index-abc123.js.map', '{}')
  write('/assets/zxing_reader-def456.wasm', 'wasm')
  write('/icons/icon-192.png', 'png')
  write('/manifest.webmanifest', '{}')
  write('/.vite/manifest.json', '{}')
})

afterEach(() => {
  rmSync(outDir, { recursive: true, force: true })
})

/** An in-memory CacheStorage: enough of the API for the worker. */
class FakeCache {
  readonly entries = new Map<string, Response>()
  match(url: string) {
    return Promise.resolve(this.entries.get(url)?.clone())
  }
  put(url: string, response: Response) {
    this.entries.set(url, response)
    return Promise.resolve()
  }
}

class FakeCacheStorage {
  readonly stores = new Map<string, FakeCache>()
  open(name: string) {
    const store = this.stores.get(name) ?? new FakeCache()
    this.stores.set(name, store)
    return Promise.resolve(store)
  }
  keys() {
    return Promise.resolve([...this.stores.keys()])
  }
  delete(name: string) {
    return Promise.resolve(this.stores.delete(name))
  }
  async match(url: string) {
    for (const store of this.stores.values()) {
      const hit = await store.match(url)
      if (hit) return hit
    }
    return undefined
  }
}

interface FakeRequest {
  url: string
  method: string
  mode: string
}

type Listener = (event: {
  request?: FakeRequest
  data?: unknown
  waitUntil: (p: Promise<unknown>) => void
  respondWith: (p: Promise<Response>) => void
}) => void

/** Loads the built sw.js into a fresh context; `network` answers the worker's fetch() calls. */
function loadWorker(code: string, network: (url: string) => Promise<Response>) {
  const listeners = new Map<string, Listener>()
  const caches = new FakeCacheStorage()
  const fetched: string[] = []
  let skipped = false
  const scope = {
    location: { origin: ORIGIN },
    caches,
    fetch: (request: Request | FakeRequest) => {
      fetched.push(request.url)
      return network(request.url)
    },
    skipWaiting: () => {
      skipped = true
      return Promise.resolve()
    },
    addEventListener: (type: string, listener: Listener) => {
      listeners.set(type, listener)
    },
  }
  runInNewContext(code, { self: scope, URL, Request, Response, Set, Promise, Error })

  const lifecycle = async (type: 'install' | 'activate') => {
    const waits: Promise<unknown>[] = []
    listeners.get(type)?.({
      waitUntil: (p) => waits.push(p),
      respondWith: () => undefined,
    })
    await Promise.all(waits)
  }
  /** Dispatches a fetch event: the worker's answer, or null when it left it to the browser. */
  const request = async (path: string, init: { method?: string; mode?: string } = {}) => {
    const held: { answer: Promise<Response> | null } = { answer: null }
    listeners.get('fetch')?.({
      request: {
        url: new URL(path, ORIGIN).href,
        method: init.method ?? 'GET',
        mode: init.mode ?? 'cors',
      },
      waitUntil: () => undefined,
      respondWith: (p) => {
        held.answer = p
      },
    })
    return held.answer === null ? null : await held.answer
  }
  /** A page's postMessage() to the worker. */
  const message = (data: unknown) => {
    listeners.get('message')?.({ data, waitUntil: () => undefined, respondWith: () => undefined })
  }
  return { caches, fetched, lifecycle, request, message, skipped: () => skipped }
}

const served = (url: string) => Promise.resolve(new Response(`network ${new URL(url).pathname}`))
const offline = () => Promise.reject(new TypeError('Failed to fetch'))

async function built() {
  const { version, files } = await writeServiceWorker(outDir)
  return { version, files, code: readFileSync(join(outDir, 'sw.js'), 'utf8') }
}

describe('shellFiles and shellVersion', () => {
  it('lists what the build wrote, without source maps, dot-folders or the worker itself', async () => {
    const { files } = await built()
    expect(files).toEqual([
      '/assets/index-abc123.js',
      '/assets/zxing_reader-def456.wasm',
      '/icons/icon-192.png',
      '/index.html',
      '/manifest.webmanifest',
    ])
    // A second build over the same folder does not list its own sw.js.
    expect(shellFiles(outDir)).toEqual(files)
  })

  it('gives a new version when any kept file changes, the same one otherwise', () => {
    const files = shellFiles(outDir)
    const before = shellVersion(outDir, files)
    expect(shellVersion(outDir, files)).toBe(before)
    write('/index.html', '<!doctype html><title>Zupy POS 2</title>')
    expect(shellVersion(outDir, files)).not.toBe(before)
  })

  it('refuses a build without index.html', async () => {
    rmSync(join(outDir, 'index.html'))
    await expect(writeServiceWorker(outDir)).rejects.toThrow('no index.html')
  })
})

describe('the built sw.js', () => {
  it('is a classic script: no import or export left', async () => {
    const { code, version } = await built()
    expect(code).not.toMatch(/^\s*(import|export)\b/m)
    expect(code).toContain(`installServiceWorker(self, {"version":"${version}"`)
  })

  it('install keeps every shell file in this version’s cache, then waits for the open pages', async () => {
    const { code, version, files } = await built()
    const worker = loadWorker(code, served)
    await worker.lifecycle('install')
    const cache = worker.caches.stores.get(`zupy-pos-shell-${version}`)
    expect([...(cache?.entries.keys() ?? [])].sort()).toEqual(
      files.map((f) => `${ORIGIN}${f}`).sort(),
    )
    // Taking over now would delete the cache an open till still loads its lazy screens from.
    expect(worker.skipped()).toBe(false)
  })

  it('takes over when a page asks for it, and for no other message', async () => {
    const { code } = await built()
    const worker = loadWorker(code, served)
    await worker.lifecycle('install')
    for (const data of [null, 'skip-waiting', { type: 'other' }, { kind: 'skip-waiting' }])
      worker.message(data)
    expect(worker.skipped()).toBe(false)
    worker.message({ type: 'skip-waiting' })
    expect(worker.skipped()).toBe(true)
  })

  it('install fails as a whole when one file is missing', async () => {
    const { code } = await built()
    const worker = loadWorker(code, (url) =>
      url.endsWith('.wasm') ? Promise.resolve(new Response('', { status: 404 })) : served(url),
    )
    await expect(worker.lifecycle('install')).rejects.toThrow(/zxing_reader.*404/)
  })

  it('install reuses hashed files from the previous build instead of downloading them', async () => {
    const { code } = await built()
    const worker = loadWorker(code, served)
    const old = await worker.caches.open('zupy-pos-shell-0000000000000000')
    await old.put(`${ORIGIN}/assets/zxing_reader-def456.wasm`, new Response('old wasm'))
    await old.put(`${ORIGIN}/index.html`, new Response('old index'))
    await worker.lifecycle('install')
    expect(worker.fetched).not.toContain(`${ORIGIN}/assets/zxing_reader-def456.wasm`)
    // index.html has no hash in its name: always this build's.
    expect(worker.fetched).toContain(`${ORIGIN}/index.html`)
  })

  it('activate deletes the previous shells, and no cache that is not ours', async () => {
    const { code, version } = await built()
    const worker = loadWorker(code, served)
    await worker.caches.open('zupy-pos-shell-0000000000000000')
    await worker.caches.open('someone-else')
    await worker.lifecycle('install')
    await worker.lifecycle('activate')
    expect(await worker.caches.keys()).toEqual(['someone-else', `zupy-pos-shell-${version}`])
  })

  it('never answers an API request, whatever the method, online or offline', async () => {
    const { code } = await built()
    const worker = loadWorker(code, offline)
    await worker.lifecycle('install').catch(() => undefined)
    for (const path of ['/api/pos/session', '/api/v2/customers/?search=maria', '/api'])
      expect(await worker.request(path)).toBeNull()
    expect(await worker.request('/api/pos/session', { method: 'POST' })).toBeNull()
    expect(await worker.request('/api/v2/rewards/', { mode: 'navigate' })).toBeNull()
    expect(worker.fetched.filter((url) => url.includes('/api'))).toEqual([])
  })

  it('never answers other methods or other origins', async () => {
    const { code } = await built()
    const worker = loadWorker(code, served)
    await worker.lifecycle('install')
    expect(await worker.request('/assets/index-abc123.js', { method: 'POST' })).toBeNull()
    expect(await worker.request('/index.html', { method: 'HEAD' })).toBeNull()
    expect(await worker.request('https://cdn.example/assets/index-abc123.js')).toBeNull()
  })

  it('answers shell files from its cache, and leaves unknown files to the network', async () => {
    const { code } = await built()
    let network: (url: string) => Promise<Response> = served
    const worker = loadWorker(code, (url) => network(url))
    await worker.lifecycle('install')
    network = offline
    expect(await (await worker.request('/assets/index-abc123.js'))?.text()).toBe(
      'network /assets/index-abc123.js',
    )
    expect(await worker.request('/assets/other-999.js')).toBeNull()
    expect(await worker.request('/assets/index-abc123.js?v=2')).toBeNull()
  })

  it('loads pages from the network first, and the kept index.html when the network fails', async () => {
    const { code } = await built()
    let network: (url: string) => Promise<Response> = served
    const worker = loadWorker(code, (url) => network(url))
    await worker.lifecycle('install')
    network = (url) => Promise.resolve(new Response(`fresh ${new URL(url).pathname}`))
    expect(await (await worker.request('/scan', { mode: 'navigate' }))?.text()).toBe('fresh /scan')
    network = offline
    expect(await (await worker.request('/scan', { mode: 'navigate' }))?.text()).toBe(
      'network /index.html',
    )
  })

  it('lets a page load fail as usual when offline before anything was kept', async () => {
    const { code } = await built()
    const worker = loadWorker(code, offline)
    await expect(worker.request('/', { mode: 'navigate' })).rejects.toThrow('Failed to fetch')
  })
})
