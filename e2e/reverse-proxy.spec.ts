import { spawn, type ChildProcess, type ChildProcessByStdio } from 'node:child_process'
import { accessSync, chmodSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { connect, createServer, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import type { Readable } from 'node:stream'
import { chromium, type Browser, type Locator } from '@playwright/test'
import { freePort } from '../bff/testing/free-port'
import { spawnMain, type MainProcess } from '../bff/testing/spawn-main'
import { makeTestCertificate, type TestCertificate } from '../bff/testing/tls-cert'
import { chromiumArgs, headlessShellPath } from '../playwright.config'
import { expect, failedStatus, SANDBOX_PIN, test } from './fixtures'

/**
 * The BFF behind a real TLS reverse proxy (issue 10, ADR 005): Debian's nginx, started here with a
 * config of its own in a temp folder, terminates HTTPS for pos.test with a certificate made here
 * and proxies to the real bff/main.ts (sandbox mode) with TRUST_PROXY naming nginx's address.
 *
 * Two tills need two client addresses on one machine: each browses through a small TCP relay that
 * connects on to nginx from its own loopback address (127.0.0.2 and 127.0.0.3), TLS passing through
 * untouched, so nginx's $remote_addr tells them apart as it would two tablets on a store network.
 * The tills share the loopback with nginx, so TRUST_PROXY names nginx's own address (127.0.0.1),
 * as one would name a proxy on another machine, rather than `loopback`, which would trust the
 * tills too.
 */

const HOST = 'pos.test'
const PROXY_ADDRESS = '127.0.0.1'
const TILL_A_ADDRESS = '127.0.0.2'
const TILL_B_ADDRESS = '127.0.0.3'

/** nginx from PATH or Debian's /usr/sbin; without it this spec fails (CI installs nginx-light). */
function findNginx(): string {
  const candidates = [
    ...(process.env.PATH ?? '').split(delimiter).filter(Boolean),
    '/usr/sbin',
    '/usr/local/sbin',
  ].map((dir) => join(dir, 'nginx'))
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK)
      return candidate
    } catch {
      // Not here; the next folder.
    }
  }
  throw new Error(
    'The reverse-proxy e2e test needs nginx, and it is not installed ' +
      '(Debian: apt-get install nginx-light). Looked in PATH and /usr/sbin.',
  )
}

/** Resolves once something accepts TCP connections on the port. */
async function waitForPort(port: number, exited: () => string | null): Promise<void> {
  const deadline = Date.now() + 10_000
  for (;;) {
    const failure = exited()
    if (failure !== null) throw new Error(failure)
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port })
      socket.once('connect', () => {
        socket.destroy()
        resolve(true)
      })
      socket.once('error', () => {
        resolve(false)
      })
    })
    if (open) return
    if (Date.now() > deadline) throw new Error(`nothing listens on ${port} after 10 s`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/**
 * Children outlive a Playwright worker that is stopped before afterAll finishes (a timeout, say);
 * an nginx left running would hold its port and temp folder. The worker's exit takes them along.
 */
function killOnWorkerExit(child: ChildProcess): void {
  const kill = () => {
    if (child.exitCode === null) child.kill('SIGKILL')
  }
  process.once('exit', kill)
  child.once('exit', () => {
    process.off('exit', kill)
  })
}

interface Nginx {
  port: number
  stop(): Promise<void>
}

async function startNginx(cert: TestCertificate, bffPort: number): Promise<Nginx> {
  const binary = findNginx()
  const dir = mkdtempSync(join(tmpdir(), 'zupy-pos-nginx-'))
  // Run as root, nginx's workers drop to an unprivileged user that must reach its temp folders.
  chmodSync(dir, 0o755)
  // nginx cannot report a port it picked itself: it gets one free a moment ago.
  const port = await freePort()
  const config = join(dir, 'nginx.conf')
  writeFileSync(
    config,
    `worker_processes 1;
events { worker_connections 64; }
http {
  access_log off;
  # Debian's build points these at /var/lib/nginx; a test keeps to its own folder.
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  server {
    listen ${PROXY_ADDRESS}:${port} ssl;
    server_name ${HOST};
    ssl_certificate ${cert.certFile};
    ssl_certificate_key ${cert.keyFile};
    location / {
      proxy_pass http://127.0.0.1:${bffPort};
      proxy_bind ${PROXY_ADDRESS};
      # Host stays nginx's default (the upstream's address), so the BFF's Origin check can only
      # pass by reading X-Forwarded-Host from the proxy it trusts.
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Forwarded-Host $http_host;
    }
  }
}
`,
  )
  const child: ChildProcessByStdio<null, Readable, Readable> = spawn(
    binary,
    ['-p', `${dir}/`, '-c', config, '-e', 'stderr', '-g', `daemon off; pid ${dir}/nginx.pid;`],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exit = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve()
    })
  })
  killOnWorkerExit(child)
  const cleanUp = () => {
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    await waitForPort(port, () =>
      child.exitCode === null ? null : `nginx exited (${child.exitCode}):\n${output}`,
    )
  } catch (error) {
    child.kill('SIGKILL')
    cleanUp()
    throw error
  }
  return {
    port,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM')
      await exit
      cleanUp()
    },
  }
}

interface Relay {
  port: number
  close(): Promise<void>
}

/** Forwards each connection, bytes untouched, to 127.0.0.1:`port` from `localAddress`. */
async function startRelay(port: number, localAddress: string): Promise<Relay> {
  const sockets = new Set<Socket>()
  const server: Server = createServer((client) => {
    const upstream = connect({ host: '127.0.0.1', port, localAddress })
    for (const socket of [client, upstream]) {
      sockets.add(socket)
      socket.once('close', () => {
        sockets.delete(socket)
        client.destroy()
        upstream.destroy()
      })
      // A reset on either side closes both; 'close' follows.
      socket.on('error', () => undefined)
    }
    client.pipe(upstream)
    upstream.pipe(client)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('relay has no port')
  return {
    port: address.port,
    close: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}

function launchBrowser(cert: TestCertificate): Promise<Browser> {
  return chromium.launch({
    ...(headlessShellPath ? { executablePath: headlessShellPath } : {}),
    args: [
      ...chromiumArgs,
      `--host-resolver-rules=MAP ${HOST} 127.0.0.1`,
      `--ignore-certificate-errors-spki-list=${cert.spkiSha256}`,
    ],
  })
}

/** Types a PIN on the lock screen's keypad, as a cashier does, and presses Unlock. */
async function typePin(lock: Locator, pin: string): Promise<void> {
  const pad = lock.getByRole('group', { name: 'PIN keypad' })
  for (const digit of pin) await pad.getByRole('button', { name: digit, exact: true }).click()
  await lock.getByRole('button', { name: 'Unlock' }).click()
}

// Undefined until beforeAll gets that far: afterAll stops whatever did start.
let cert: TestCertificate | undefined
let bff: MainProcess | undefined
let nginx: Nginx | undefined
let relays: Relay[] = []

test.use({ signedIn: false })

test.beforeAll(async () => {
  const certificate = makeTestCertificate(HOST)
  cert = certificate
  const main = spawnMain({
    ZUPY_SANDBOX_OTP_POLICY: 'trusted',
    ZUPY_SANDBOX_SHAPE: test.info().project.name === 'envelope' ? 'envelope' : 'root',
    TRUST_PROXY: PROXY_ADDRESS,
  })
  bff = main
  killOnWorkerExit(main.child)
  const listening = await main.listening
  const proxy = await startNginx(certificate, Number(new URL(String(listening.url)).port))
  nginx = proxy
  relays = await Promise.all(
    [TILL_A_ADDRESS, TILL_B_ADDRESS].map((address) => startRelay(proxy.port, address)),
  )
})

test.afterAll(async () => {
  await Promise.all(relays.map((relay) => relay.close()))
  await nginx?.stop()
  if (bff?.child.exitCode === null) bff.child.kill('SIGTERM')
  await bff?.exit
  cert?.remove()
})

test('behind nginx: five wrong PINs lock one till, not the store; the cookie is __Host- and Secure; HSTS; a spoofed X-Forwarded-For changes nothing', async ({
  consoleGuard,
}) => {
  // Two browser contexts, a cold app load each through TLS and a relay, and six sign-ins.
  test.setTimeout(90_000)
  const [relayA, relayB] = relays
  if (!relayA || !relayB || !cert) throw new Error('beforeAll did not finish')
  const originA = `https://${HOST}:${relayA.port}`
  const originB = `https://${HOST}:${relayB.port}`
  const browser = await launchBrowser(cert)
  try {
    // The wrong PINs (401) and the lockout (429) are this test's point.
    consoleGuard.allow(failedStatus('401|429'))
    const tillA = await browser.newContext({ locale: 'en-US' })
    const tillB = await browser.newContext({ locale: 'en-US' })
    consoleGuard.watch(tillA, 'till A')
    consoleGuard.watch(tillB, 'till B')

    const pageA = await tillA.newPage()
    const first = await pageA.goto(`${originA}/`)
    expect(first?.status()).toBe(200)
    expect(first?.headers()['strict-transport-security']).toBe('max-age=31536000')
    expect(await pageA.evaluate(() => window.isSecureContext)).toBe(true)
    const lockA = pageA.getByRole('dialog', { name: 'Locked' })
    await expect(lockA).toBeVisible()
    for (let attempt = 1; attempt <= 4; attempt++) {
      await typePin(lockA, '0000')
      const left = 5 - attempt
      await expect(lockA.getByRole('alert')).toHaveText(
        `Wrong PIN. ${left} attempt${left === 1 ? '' : 's'} left.`,
      )
    }
    await typePin(lockA, '0000')
    await expect(lockA.getByRole('alert')).toHaveText('Too many wrong PINs. Unlocking is paused.')

    // Till B, on another address behind the same proxy, is not locked out.
    const pageB = await tillB.newPage()
    await pageB.goto(`${originB}/`)
    const lockB = pageB.getByRole('dialog', { name: 'Locked' })
    await expect(lockB).toBeVisible()
    await typePin(lockB, SANDBOX_PIN)
    await expect(lockB).toBeHidden()
    await expect(pageB.getByRole('navigation', { name: 'Main' })).toBeVisible()
    // The BFF saw HTTPS through the proxy: the __Host- cookie, Secure.
    const cookies = await tillB.cookies(originB)
    expect(cookies.map((c) => [c.name, c.secure, c.httpOnly])).toEqual([
      ['__Host-zupy_pos_session', true, true],
    ])

    // Till A claims another address: nginx appends the one it saw, and that one stays locked.
    await tillA.setExtraHTTPHeaders({ 'X-Forwarded-For': '203.0.113.7' })
    const spoofed = await pageA.evaluate(async (pin) => {
      const answer = await fetch('/api/pos/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ pin }),
      })
      const status = await fetch('/api/pos/session')
      return {
        status: answer.status,
        retryAfter: answer.headers.get('retry-after'),
        session: (await status.json()) as unknown,
      }
    }, SANDBOX_PIN)
    expect(spoofed.status).toBe(429)
    expect(Number(spoofed.retryAfter)).toBeGreaterThan(200)
    expect(spoofed.session).toMatchObject({ authenticated: false })
    expect(await tillA.cookies(originA)).toEqual([])

    await tillA.close()
    await tillB.close()
  } finally {
    await browser.close()
  }
})
