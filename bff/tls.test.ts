import type { ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { connect } from 'node:net'
import { Hono } from 'hono'
import { Agent, fetch as undiciFetch } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBffApp } from './app'
import { startBffServer, type BffServer } from './server'
import { testEnv } from './testing/http'
import { spawnMain } from './testing/spawn-main'
import { makeTestCertificate, type TestCertificate } from './testing/tls-cert'
import type { Upstream } from './upstream'

/**
 * HTTPS served by the BFF itself (TLS_CERT_FILE / TLS_KEY_FILE): the same app on node:https, with
 * HSTS and the __Host- cookie, the same drain; and the real bff/main.ts started with a certificate.
 */

let pair: TestCertificate
let trusting: Agent
let staticRoot: string

beforeAll(() => {
  pair = makeTestCertificate('pos.test')
  // Trusts this one certificate only: a real chain check, not rejectUnauthorized: false.
  trusting = new Agent({ connect: { ca: pair.cert } })
  staticRoot = mkdtempSync(join(tmpdir(), 'bff-tls-'))
  mkdirSync(join(staticRoot, 'assets'))
  writeFileSync(join(staticRoot, 'index.html'), '<!doctype html><title>spa</title>')
  writeFileSync(join(staticRoot, 'sw.js'), 'self.addEventListener("fetch", () => {})')
})

afterAll(async () => {
  await trusting.close()
  pair.remove()
  rmSync(staticRoot, { recursive: true, force: true })
})

const unusedUpstream: Upstream = {
  send: () => Promise.reject(new Error('no upstream in this test')),
  close: () => Promise.resolve(),
}

async function startTlsBff(app: Parameters<typeof startBffServer>[0]): Promise<BffServer> {
  return startBffServer(app, {
    host: '127.0.0.1',
    port: 0,
    tls: { cert: pair.cert, key: pair.key },
  })
}

describe('startBffServer with a certificate', () => {
  it('serves the app over HTTPS with HSTS, and a __Host-, Secure session cookie', async () => {
    const server = await startTlsBff(
      createBffApp({ env: testEnv(), upstream: unusedUpstream, staticRoot }),
    )
    try {
      expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
      const page = await undiciFetch(`${server.url}/scan`, { dispatcher: trusting })
      expect(page.status).toBe(200)
      expect(page.headers.get('strict-transport-security')).toBe('max-age=31536000')
      expect(await page.text()).toContain('<title>spa</title>')

      const worker = await undiciFetch(`${server.url}/sw.js`, { dispatcher: trusting })
      expect(worker.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
      expect(worker.headers.get('cache-control')).toBe('no-cache')
      await worker.arrayBuffer()

      const signIn = await undiciFetch(`${server.url}/api/pos/session`, {
        dispatcher: trusting,
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: server.url },
        body: JSON.stringify({ pin: '1234' }),
      })
      expect(signIn.status).toBe(204)
      expect(signIn.headers.get('set-cookie')).toMatch(/^__Host-zupy_pos_session=.*; Secure;/)
      expect(signIn.headers.get('strict-transport-security')).toBe('max-age=31536000')
    } finally {
      await server.close()
    }
  })

  it('keeps the limits of the HTTP server: header and request timeouts, the 16 KB head', async () => {
    const server = await startTlsBff(new Hono())
    try {
      expect(server.server.headersTimeout).toBe(10_000)
      expect(server.server.requestTimeout).toBe(30_000)
      // A 20 KB head (over the 16 KB cap) is refused before the app runs, as over HTTP.
      const big = await undiciFetch(`${server.url}/`, {
        dispatcher: trusting,
        headers: { 'x-big': 'a'.repeat(20 * 1024) },
      }).then(
        (response) => response.status,
        () => 'cut',
      )
      expect([431, 'cut']).toContain(big)
    } finally {
      await server.close()
    }
  })

  it('does not answer plain HTTP on the TLS port', async () => {
    const server = await startTlsBff(new Hono().get('/', (c) => c.text('hello')))
    try {
      const outcome = await new Promise<string>((resolve) => {
        const req = httpRequest(`http://127.0.0.1:${server.port}/`, (res) => {
          resolve(`answered ${res.statusCode ?? 0}`)
        })
        req.on('error', () => {
          resolve('refused')
        })
        req.end()
      })
      expect(outcome).not.toBe('answered 200')
    } finally {
      await server.close()
    }
  })

  it('drains over TLS: a request in flight finishes, new connections are refused', async () => {
    const app = new Hono().get('/slow', async (c) => {
      await new Promise((resolve) => setTimeout(resolve, 400))
      return c.text('late')
    })
    const server = await startTlsBff(app)
    const slow = undiciFetch(`${server.url}/slow`, { dispatcher: trusting }).then((r) => r.text())
    for (let i = 0; i < 50 && server.inFlight() === 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 10))
    expect(server.inFlight()).toBe(1)
    const drained = server.drain(5000)
    await new Promise((resolve) => setTimeout(resolve, 50))
    const refused = await new Promise<boolean>((resolve) => {
      const socket = connect(server.port, '127.0.0.1')
      socket.once('connect', () => {
        socket.destroy()
        resolve(false)
      })
      socket.once('error', () => {
        resolve(true)
      })
    })
    expect(refused).toBe(true)
    expect(await slow).toBe('late')
    expect(await drained).toEqual({ drained: true })
  })
})

const children = new Set<ChildProcess>()
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL')
})

async function startMain(env: Record<string, string>) {
  const main = spawnMain(env)
  children.add(main.child)
  const listening = await main.listening
  // The banner is written right after the listening line.
  for (let i = 0; i < 100 && !main.stderr().includes('Cashier PIN'); i++)
    await new Promise((resolve) => setTimeout(resolve, 20))
  return { ...main, listening }
}

describe('bff/main.ts with TLS_CERT_FILE and TLS_KEY_FILE', () => {
  it('listens on https://, prints https:// and the certificate in the banner, sends HSTS', async () => {
    const main = await startMain({ TLS_CERT_FILE: pair.certFile, TLS_KEY_FILE: pair.keyFile })
    const url = String(main.listening.url)
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
    expect(main.listening.tls).toBe(true)
    expect(main.stderr()).toContain(`  App:      ${url}/`)
    expect(main.stderr()).toMatch(/HTTPS: {4}certificate for pos\.test, 127\.0\.0\.1; valid until /)
    expect(main.stderr()).not.toMatch(/App: +http:/)
    const health = await undiciFetch(`${url}/api/pos/health`, { dispatcher: trusting })
    expect(health.status).toBe(200)
    expect(health.headers.get('strict-transport-security')).toBe('max-age=31536000')
    await health.arrayBuffer()
    main.child.kill('SIGTERM')
    expect(await main.exit).toBe(0)
  }, 30_000)

  it('without a certificate: http://, no HSTS, and no HTTPS line', async () => {
    const main = await startMain({})
    const url = String(main.listening.url)
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(main.listening.tls).toBe(false)
    expect(main.stderr()).toContain(`  App:      ${url}/`)
    expect(main.stderr()).not.toContain('HTTPS:')
    const health = await fetch(`${url}/api/pos/health`)
    expect(health.headers.get('strict-transport-security')).toBeNull()
    await health.arrayBuffer()
    main.child.kill('SIGTERM')
    expect(await main.exit).toBe(0)
  }, 30_000)

  it('refuses to start with only one of the two, naming the missing variable', async () => {
    const { child, exit, stderr } = spawnMain({ TLS_CERT_FILE: pair.certFile })
    children.add(child)
    expect(await exit).toBe(1)
    expect(stderr()).toContain('- TLS_KEY_FILE: required when TLS_CERT_FILE is set')
  }, 30_000)

  it('refuses to start when a file cannot be read, naming the variable and the path', async () => {
    const missing = join(pair.dir, 'missing-key.pem')
    const { child, exit, stderr } = spawnMain({
      TLS_CERT_FILE: pair.certFile,
      TLS_KEY_FILE: missing,
    })
    children.add(child)
    expect(await exit).toBe(1)
    expect(stderr()).toContain(`- TLS_KEY_FILE: cannot read ${missing} (ENOENT)`)
  }, 30_000)
})
