/**
 * The production artefact, made and run the way deploy/Dockerfile and a store's IT person do it.
 * The build line, the start command and the health check are read from deploy/Dockerfile and run
 * as written (no container engine runs on this machine), and the systemd unit's
 * `npm run start:prod` is run too. It all happens in a copy of this checkout (its files and its
 * installed node_modules, so no download), since the prune removes what the rest of the suite needs.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_SANDBOX_API_KEY } from '../sandbox/config'
import { spawnMain, type MainProcess } from '../bff/testing/spawn-main'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const START_PROD = [NPM, 'run', '--silent', 'start:prod'] as const

/** The Dockerfile's instructions, continuation lines joined: `[keyword, rest]`. */
function dockerfileInstructions(): [string, string][] {
  const text = readFileSync(join(ROOT, 'deploy', 'Dockerfile'), 'utf8')
  return text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [keyword = '', ...rest] = line.split(/\s+/)
      return [keyword.toUpperCase(), rest.join(' ')]
    })
}

const DOCKERFILE = dockerfileInstructions()
/** The RUN line that builds the app and prunes the dev dependencies. */
const BUILD_LINE = DOCKERFILE.find(([kw, rest]) => kw === 'RUN' && rest.includes('npm run build'))
/** `HEALTHCHECK [options] CMD ["…"]` → the exec-form command. */
const HEALTH_COMMAND = JSON.parse(
  /\bCMD\s+(\[.*\])\s*$/.exec(DOCKERFILE.find(([kw]) => kw === 'HEALTHCHECK')?.[1] ?? '')?.[1] ??
    'null',
) as [string, ...string[]] | null
const START_COMMAND = JSON.parse(
  DOCKERFILE.filter(([kw]) => kw === 'CMD').at(-1)?.[1] ?? 'null',
) as [string, ...string[]] | null

let dir = ''
const running: ChildProcess[] = []

function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, { cwd: dir, encoding: 'utf8', env: cleanEnv() })
  if (result.status !== 0)
    throw new Error(
      `${command} ${args.join(' ')} failed (${String(result.status)}):\n${result.stdout}\n${result.stderr}`,
    )
  return result.stdout
}

/** The parent's environment without this suite's own markers, as a service manager would give. */
function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [name, value] of Object.entries(process.env))
    if (value !== undefined && !name.startsWith('VITEST') && name !== 'NODE_ENV') env[name] = value
  return { ...env, ...extra }
}

function startProd(
  env: Record<string, string | undefined>,
  command: readonly [string, ...string[]] = START_PROD,
): MainProcess {
  const main = spawnMain(env, { cwd: dir, command })
  running.push(main.child)
  return main
}

/** SIGTERM, as systemd or `docker stop` send it; true when the BFF logged its graceful stop. */
async function stop(main: MainProcess): Promise<boolean> {
  // npm passes the signal on and may exit first: the BFF's last line comes when stdout closes.
  const closed = new Promise((resolve) => main.child.stdout.once('close', resolve))
  if (main.child.exitCode === null) main.child.kill('SIGTERM')
  await closed
  return main.lines.some((line) => line.msg === 'stopped')
}

async function signIn(base: string, pin: string): Promise<string> {
  const response = await fetch(`${base}/api/pos/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ pin }),
  })
  expect(response.status).toBe(204)
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
}

async function lookUpMaria(base: string, cookie: string): Promise<unknown> {
  const response = await fetch(`${base}/api/v2/customers/?phone=11987654321`, {
    headers: { cookie },
  })
  expect(response.status).toBe(200)
  return response.json()
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'zupy-pos-prod-'))
  // What a clone holds (tracked and new files), without this checkout's builds.
  const files = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
    .stdout.split('\0')
    .filter((file) => file !== '' && existsSync(join(ROOT, file)))
  for (const file of files) {
    mkdirSync(dirname(join(dir, file)), { recursive: true })
    cpSync(join(ROOT, file), join(dir, file))
  }
  // cp keeps node_modules/.bin's links and is several times faster than fs.cpSync here.
  const copy = spawnSync('cp', ['-a', join(ROOT, 'node_modules'), join(dir, 'node_modules')])
  if (copy.status !== 0) throw new Error(`copying node_modules failed: ${String(copy.stderr)}`)
  if (!BUILD_LINE) throw new Error('deploy/Dockerfile has no RUN line with npm run build')
  run('sh', ['-c', BUILD_LINE[1]])
}, 180_000)

afterAll(() => {
  for (const child of running) {
    if (child.exitCode !== null || child.pid === undefined) continue
    try {
      process.kill(-child.pid, 'SIGKILL') // a detached child's whole group (see the sandbox)
    } catch {
      child.kill('SIGKILL')
    }
  }
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('npm run build, npm prune --omit=dev, npm run start:prod', () => {
  it('leaves plain JavaScript and no dev dependency: no tsx, no Vite, no React sources', () => {
    for (const file of [
      'dist/index.html',
      'dist/sw.js',
      'dist-server/main.js',
      'dist-server/sandbox.js',
    ])
      expect(existsSync(join(dir, file)), file).toBe(true)
    for (const devOnly of ['vite', 'tsx', 'typescript', 'vitest', '@playwright/test', 'react'])
      expect(existsSync(join(dir, 'node_modules', devOnly)), devOnly).toBe(false)
    // The server bundle is not served: it lives beside dist/, not in it.
    expect(existsSync(join(dir, 'dist', 'main.js'))).toBe(false)
  })

  it('serves the app and the API in sandbox mode, reading .env with the real environment winning', async () => {
    // HOST in the file would not even start (not an address); the real environment's must win.
    writeFileSync(join(dir, '.env'), 'POS_PIN=8642\nHOST=not a host\n# a comment\n')
    try {
      const main = startProd({ HOST: '127.0.0.1', POS_PIN: undefined })
      const base = String((await main.listening).url).replace(/\/$/, '')
      const health = await fetch(`${base}/api/pos/health`)
      expect(health.status).toBe(200)
      expect(await health.json()).toMatchObject({
        status: 'ok',
        mode: 'sandbox',
        upstream: { reachable: true },
      })

      const page = await fetch(`${base}/customers/c/anything`)
      const html = await page.text()
      expect(page.status).toBe(200)
      expect(html).toContain('<div id="root">')
      const script = /<script type="module" crossorigin src="([^"]+)"/.exec(html)?.[1]
      expect(script).toMatch(/^\/assets\/index-[\w-]+\.js$/)
      expect((await fetch(`${base}${script ?? ''}`)).status).toBe(200)

      // The PIN came from .env (the sandbox default 1234 no longer opens the till).
      const wrong = await fetch(`${base}/api/pos/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: base },
        body: JSON.stringify({ pin: '1234' }),
      })
      expect(wrong.status).toBe(401)
      expect(await lookUpMaria(base, await signIn(base, '8642'))).toMatchObject({
        results: [expect.objectContaining({ full_name: 'Maria Santos' })],
      })
      expect(await stop(main)).toBe(true)
    } finally {
      rmSync(join(dir, '.env'), { force: true })
    }
  })

  it("runs the image's command in live mode, healthy by its health check, never loading the sandbox", async () => {
    if (!START_COMMAND || !HEALTH_COMMAND)
      throw new Error('deploy/Dockerfile needs an exec-form CMD and HEALTHCHECK … CMD')
    const sandbox = spawn(NPM, ['run', '--silent', 'sandbox:prod'], {
      cwd: dir,
      env: cleanEnv({ ZUPY_SANDBOX_PORT: '0', ZUPY_SANDBOX_OTP_POLICY: 'trusted' }),
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group: npm may exit on SIGTERM before passing it on, which orphaned the
      // sandbox (seen after npm test). The group's signal reaches node itself.
      detached: true,
    })
    running.push(sandbox)
    const sandboxUrl = await new Promise<string>((resolve, reject) => {
      let out = ''
      sandbox.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString()
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)
        if (match?.[1]) resolve(match[1])
      })
      sandbox.once('exit', (code) => {
        reject(new Error(`the sandbox exited (${String(code)}): ${out}`))
      })
    })

    // Every module the BFF process resolves, written down by a loader hook.
    const moduleLog = join(dir, 'modules.log')
    const hooks = join(dir, 'log-hooks.mjs')
    writeFileSync(
      hooks,
      [
        "import { appendFileSync } from 'node:fs'",
        'export async function resolve(specifier, context, next) {',
        '  const resolved = await next(specifier, context)',
        `  appendFileSync(${JSON.stringify(moduleLog)}, resolved.url + '\\n')`,
        '  return resolved',
        '}',
      ].join('\n'),
    )
    const register = join(dir, 'log-register.mjs')
    writeFileSync(
      register,
      `import { register } from 'node:module'\nregister(${JSON.stringify(pathToFileURL(hooks).href)})\n`,
    )

    const main = startProd(
      {
        ZUPY_API_KEY: DEFAULT_SANDBOX_API_KEY,
        ZUPY_API_URL: sandboxUrl,
        POS_PIN: '2468',
        NODE_OPTIONS: `--import ${pathToFileURL(register).href}`,
      },
      START_COMMAND,
    )
    const base = String((await main.listening).url).replace(/\/$/, '')
    const [healthCommand, ...healthArgs] = HEALTH_COMMAND
    const healthCheck = () =>
      spawnSync(healthCommand, healthArgs, {
        cwd: dir,
        env: cleanEnv({ PORT: new URL(base).port }),
        timeout: 10_000,
      }).status
    expect(healthCheck()).toBe(0)
    const health = await fetch(`${base}/api/pos/health`)
    expect(await health.json()).toMatchObject({
      status: 'ok',
      mode: 'live',
      upstream: { reachable: true },
    })
    expect(await lookUpMaria(base, await signIn(base, '2468'))).toMatchObject({
      results: [expect.objectContaining({ full_name: 'Maria Santos' })],
    })
    expect(await stop(main)).toBe(true)
    expect(healthCheck()).toBe(1)
    if (sandbox.pid !== undefined) process.kill(-sandbox.pid, 'SIGTERM')

    const modules = readFileSync(moduleLog, 'utf8').split('\n').filter(Boolean)
    expect(modules).toContainEqual(expect.stringMatching(/dist-server\/main\.js$/))
    expect(modules).toContainEqual(expect.stringContaining('/node_modules/hono/'))
    // The till's journal (ADR 011) legitimately loads better-sqlite3 in live mode; the sandbox
    // (its code and its SQLite database) must still never load there.
    expect(modules.filter((url) => /sandbox/i.test(url))).toEqual([])
    expect(modules).toContainEqual(expect.stringContaining('/node_modules/better-sqlite3/'))
  })
})
