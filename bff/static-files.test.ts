import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY } from './security'
import { serveStatic } from './static-files'
import { setupSignedIn } from './testing/app'

/** The installable app's files: the service worker, the manifest, its icons. */

let root: string
let bare: string

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'bff-static-'))
  mkdirSync(join(root, 'icons'))
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>spa</title>')
  writeFileSync(join(root, 'sw.js'), 'self.addEventListener("fetch", () => {})')
  writeFileSync(join(root, 'manifest.webmanifest'), '{"name":"Zupy POS"}')
  writeFileSync(join(root, 'icons', 'icon-192.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]))
  bare = mkdtempSync(join(tmpdir(), 'bff-static-bare-'))
  writeFileSync(join(bare, 'index.html'), '<!doctype html><title>spa</title>')
})

afterAll(() => {
  rmSync(root, { recursive: true, force: true })
  rmSync(bare, { recursive: true, force: true })
})

describe('serveStatic for the installable app', () => {
  it('serves /sw.js as JavaScript that is revalidated on every load', async () => {
    const { response, route } = await serveStatic(root, '/sw.js')
    expect(route).toBe('static')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(response.headers.get('cache-control')).toBe('no-cache')
  })

  it('serves the manifest as application/manifest+json and the icons as PNG', async () => {
    const manifest = (await serveStatic(root, '/manifest.webmanifest')).response
    expect(manifest.headers.get('content-type')).toBe('application/manifest+json')
    expect(manifest.headers.get('cache-control')).toBe('no-cache')
    expect(await manifest.json()).toEqual({ name: 'Zupy POS' })
    const icon = (await serveStatic(root, '/icons/icon-192.png')).response
    expect(icon.headers.get('content-type')).toBe('image/png')
  })

  it('answers 404, not index.html, when the build has no service worker or manifest', async () => {
    for (const path of ['/sw.js', '/manifest.webmanifest']) {
      const { response } = await serveStatic(bare, path)
      expect(response.status).toBe(404)
      expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8')
    }
    // Client-side routes still get the app.
    expect((await serveStatic(bare, '/scan')).response.status).toBe(200)
  })

  it('is allowed by the CSP: the worker and the manifest come from our own origin', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split('; ').map((d) => {
        const [name = '', ...values] = d.split(' ')
        return [name, values]
      }),
    )
    expect(directives.get('worker-src')).toContain("'self'")
    // No manifest-src of its own: default-src governs it.
    expect(directives.has('manifest-src')).toBe(false)
    expect(directives.get('default-src')).toEqual(["'self'"])
  })
})

describe('static serving', () => {
  let site: string

  beforeAll(() => {
    site = mkdtempSync(join(tmpdir(), 'bff-static-'))
    mkdirSync(join(site, 'assets'))
    writeFileSync(join(site, 'index.html'), '<!doctype html><title>app</title>')
    writeFileSync(join(site, 'assets', 'app-abc123.js'), 'console.log(1)')
    writeFileSync(join(site, 'assets', 'app-abc123.js.map'), '{}')
    writeFileSync(join(site, 'favicon.svg'), '<svg/>')
    writeFileSync(join(site, '.env'), 'SECRET=1')
    mkdirSync(join(site, '.git'))
    writeFileSync(join(site, '.git', 'config'), '[core]')
  })

  afterAll(() => {
    rmSync(site, { recursive: true, force: true })
  })

  it('serves hashed assets as immutable', async () => {
    const { call } = await setupSignedIn({ staticRoot: site })
    const response = await call('/assets/app-abc123.js')
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(response.headers.get('content-type')).toContain('javascript')
    expect(await response.text()).toBe('console.log(1)')
  })

  it('serves index.html and the SPA fallback with no-cache', async () => {
    const { call } = await setupSignedIn({ staticRoot: site })
    for (const path of ['/', '/index.html', '/customers/abc', '/scan']) {
      const response = await call(path)
      expect(response.status).toBe(200)
      expect(response.headers.get('cache-control')).toBe('no-cache')
      expect(response.headers.get('content-type')).toContain('text/html')
      expect(await response.text()).toContain('<title>app</title>')
    }
  })

  it('answers HEAD without a body', async () => {
    const { call } = await setupSignedIn({ staticRoot: site })
    const response = await call('/assets/app-abc123.js', { method: 'HEAD' })
    expect(response.status).toBe(200)
    expect(await response.text()).toBe('')
  })

  it('never serves dotfiles', async () => {
    const { call } = await setupSignedIn({ staticRoot: site })
    for (const path of ['/.env', '/.git/config', '/assets/../.env']) {
      const response = await call(path)
      expect(await response.text()).not.toMatch(/SECRET|\[core\]/)
    }
  })

  it('answers 404 for a missing hashed asset', async () => {
    const { call } = await setupSignedIn({ staticRoot: site })
    expect((await call('/assets/old-build.js')).status).toBe(404)
  })

  it('refuses other methods on pages', async () => {
    const { call } = await setupSignedIn({ staticRoot: site })
    const response = await call('/', { method: 'POST' })
    expect(response.status).toBe(405)
  })

  it('answers 503 with a hint when the app is not built', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'bff-empty-'))
    try {
      const { call } = await setupSignedIn({ staticRoot: empty })
      const response = await call('/anything')
      expect(response.status).toBe(503)
      expect(await response.text()).toContain('npm run build')
    } finally {
      rmSync(empty, { recursive: true, force: true })
    }
  })
})
