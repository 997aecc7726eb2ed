import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY } from './security'
import { serveStatic } from './static-files'

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
