/**
 * A build of the app of its own, served by a BFF of its own (with its own sandbox), both started in
 * the Playwright process on ephemeral loopback ports: for specs that rebuild the app while a page
 * is open, without touching the dist/ every other spec is served from.
 */
import { execFile } from 'node:child_process'
import { rmSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { createBffApp } from '../bff/app'
import { silentLogger } from '../bff/logger'
import { startBffServer } from '../bff/server'
import { createUpstream } from '../bff/upstream'
import { defaultSandboxConfig } from '../sandbox/config'
import { startSandbox } from '../sandbox/server'
import { SANDBOX_PIN } from './fixtures'

const run = promisify(execFile)

export interface BuildServer {
  /** The BFF's origin, e.g. `http://127.0.0.1:40123`. */
  readonly url: string
  /** Its sandbox's origin, for `SandboxControl`. */
  readonly sandboxURL: string
  /**
   * Deploys a build of the app into this server's folder, emptied first like a deploy from
   * scratch. The build shows `buildId` in Settings (VITE_BUILD_ID,
   * src/features/app-update/build-id.ts).
   */
  build(buildId: string): Promise<void>
  close(): Promise<void>
}

/**
 * `vite build` takes ~4 s of both cores: each build id is built once per worker, into a folder of
 * its own that lives as long as the worker, and copied into a server's folder when deployed.
 */
const builds = new Map<string, Promise<string>>()
const buildDirs: string[] = []
process.once('exit', () => {
  for (const out of buildDirs) rmSync(out, { recursive: true, force: true })
})

function builtApp(buildId: string): Promise<string> {
  let built = builds.get(buildId)
  if (!built) {
    built = (async () => {
      const out = await mkdtemp(join(tmpdir(), `zupy-pos-${buildId}-`))
      buildDirs.push(out)
      await run(
        join('node_modules', '.bin', 'vite'),
        ['build', '--outDir', out, '--emptyOutDir', '--logLevel', 'warn'],
        { env: { ...process.env, VITE_BUILD_ID: buildId } },
      )
      return out
    })()
    builds.set(buildId, built)
  }
  return built
}

export async function startBuildServer(): Promise<BuildServer> {
  const dir = await mkdtemp(join(tmpdir(), 'zupy-pos-build-'))
  const sandbox = await startSandbox(defaultSandboxConfig({ port: 0 }), { log: () => undefined })
  const upstream = createUpstream({
    baseUrl: sandbox.url,
    apiKey: sandbox.config.apiKey,
    timeoutMs: 10_000,
  })
  const app = createBffApp({
    env: {
      mode: 'sandbox',
      posPin: SANDBOX_PIN,
      posPinIsDefault: true,
      sessionSecret: randomBytes(32).toString('hex'),
      sessionIdleMin: 15,
      tillName: 'e2e',
      timeZone: 'America/Sao_Paulo',
    },
    upstream,
    logger: silentLogger(),
    staticRoot: dir,
    sandboxInfo: { otp_policy: sandbox.config.otpPolicy, shape: sandbox.config.shape },
  })
  const bff = await startBffServer(app, { host: '127.0.0.1', port: 0 })
  return {
    url: bff.url,
    sandboxURL: sandbox.url,
    async build(buildId) {
      const built = await builtApp(buildId)
      for (const name of await readdir(dir)) await rm(join(dir, name), { recursive: true })
      await cp(built, dir, { recursive: true })
    },
    async close() {
      await bff.close()
      await upstream.close()
      await sandbox.close()
      await rm(dir, { recursive: true, force: true })
    },
  }
}
