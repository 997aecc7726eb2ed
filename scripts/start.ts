/**
 * `npm start`: build the SPA when dist/ is missing or older than its sources, then run the BFF,
 * which serves dist/ and the API on one origin (sandbox mode when ZUPY_API_KEY is unset).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const builtMarker = join(root, 'dist', 'index.html')
const sources = [
  'src',
  'contract',
  'public',
  'index.html',
  'vite.config.ts',
  // Writes dist/sw.js (the service worker's file list) at the end of every build.
  'scripts/service-worker-build.ts',
  'tailwind.config.ts',
  'package-lock.json',
]

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return readdirSync(path).reduce(
    (max, name) => Math.max(max, newestMtime(join(path, name))),
    stat.mtimeMs,
  )
}

export function isBuildStale(): boolean {
  if (!existsSync(builtMarker)) return true
  const built = statSync(builtMarker).mtimeMs
  return sources.some((source) => newestMtime(join(root, source)) > built)
}

if (isBuildStale()) {
  console.log('Building the app (dist/ is missing or older than its sources)…')
  const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  })
  if (result.status !== 0) {
    console.error('The build failed; see the messages above.')
    process.exit(result.status ?? 1)
  }
}

await import('../bff/main')
