/**
 * What a cashier's browser downloads, read from the production build's manifest
 * (`dist/.vite/manifest.json`, `build.manifest` in vite.config.ts):
 * - initial: the entry chunk and everything it imports statically (what `index.html` pulls in);
 * - firstScreen: initial plus what the lock screen and the lookup behind it load at once (the
 *   lookup route and the layout's lazy wedge-scan listener, with their static imports): every JS
 *   file a cold visit to `/` fetches before the cashier types anything;
 * - scanScreen: what opening /scan adds (the route, the coupon verdict, the typed entry);
 * - scanner: what starting the camera adds (html5-qrcode, barcode-detector's glue);
 * - wasm: the ZXing-C++ `.wasm` the scanner fetches on first use.
 *
 * `npx tsx scripts/bundle-report.ts [distDir]` prints the sizes (gzip -9, as docs/scanning.md states
 * them); scripts/dist-scan.test.ts asserts what must stay out of the initial load.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

interface ManifestChunk {
  file: string
  src?: string
  isEntry?: boolean
  isDynamicEntry?: boolean
  imports?: string[]
  dynamicImports?: string[]
}
type Manifest = Record<string, ManifestChunk>

export const SCANNER_MODULE = 'src/features/scan/scanner-engine.ts'
export const SCAN_ROUTE_MODULE = 'src/app/routes/scan.tsx'
/** The lazy modules a cold visit to `/` loads straight away (checked in a browser, see above). */
export const FIRST_SCREEN_MODULES = ['src/app/routes/lookup.tsx', 'src/app/lookup-wedge-scan.tsx']

export interface FileSize {
  file: string
  raw: number
  gzip: number
}

export interface BundleReport {
  initial: FileSize[]
  firstScreen: FileSize[]
  scanScreen: FileSize[]
  scanner: FileSize[]
  wasm: FileSize[]
}

export function readManifest(distDir: string): Manifest {
  return JSON.parse(readFileSync(join(distDir, '.vite', 'manifest.json'), 'utf8')) as Manifest
}

/** A chunk's key and every key it imports statically, transitively. */
export function staticClosure(
  manifest: Manifest,
  key: string,
  seen = new Set<string>(),
): Set<string> {
  if (seen.has(key)) return seen
  seen.add(key)
  for (const imported of manifest[key]?.imports ?? []) staticClosure(manifest, imported, seen)
  return seen
}

function entryKey(manifest: Manifest): string {
  const entries = Object.entries(manifest).filter(([, chunk]) => chunk.isEntry)
  const [first, ...rest] = entries
  if (!first || rest.length > 0) {
    throw new Error(`expected one entry chunk in the manifest, found ${entries.length}`)
  }
  return first[0]
}

function sizeOf(distDir: string, file: string): FileSize {
  const bytes = readFileSync(join(distDir, file))
  return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length }
}

function chunkKey(manifest: Manifest, src: string): string {
  const key = Object.keys(manifest).find((k) => manifest[k]?.src === src)
  if (!key) throw new Error(`${src} is not a chunk of its own in the manifest`)
  return key
}

/** The files of each stage of loading, with their sizes. */
export function bundleReport(distDir: string): BundleReport {
  const manifest = readManifest(distDir)
  const initialKeys = staticClosure(manifest, entryKey(manifest))
  const firstScreenKeys = new Set(initialKeys)
  for (const src of FIRST_SCREEN_MODULES) {
    staticClosure(manifest, chunkKey(manifest, src), firstScreenKeys)
  }
  const screenKeys = [...staticClosure(manifest, chunkKey(manifest, SCAN_ROUTE_MODULE))].filter(
    (k) => !initialKeys.has(k),
  )
  const scannerKeys = [...staticClosure(manifest, chunkKey(manifest, SCANNER_MODULE))].filter(
    (k) => !initialKeys.has(k) && !screenKeys.includes(k),
  )
  const files = (keys: Iterable<string>) =>
    [...keys].flatMap((key) => {
      const chunk = manifest[key]
      return chunk?.file.endsWith('.js') ? [sizeOf(distDir, chunk.file)] : []
    })
  const wasm = readdirSync(join(distDir, 'assets'))
    .filter((file) => file.endsWith('.wasm'))
    .map((file) => sizeOf(distDir, join('assets', file)))
  return {
    initial: files(initialKeys),
    firstScreen: files(firstScreenKeys),
    scanScreen: files(screenKeys),
    scanner: files(scannerKeys),
    wasm,
  }
}

export const total = (files: FileSize[]) =>
  files.reduce((sum, f) => ({ raw: sum.raw + f.raw, gzip: sum.gzip + f.gzip }), { raw: 0, gzip: 0 })

export const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const report = bundleReport(process.argv[2] ?? join(import.meta.dirname, '..', 'dist'))
  for (const [name, files] of Object.entries(report) as [keyof BundleReport, FileSize[]][]) {
    const sum = total(files)
    console.log(`${name}: ${kB(sum.raw)} raw, ${kB(sum.gzip)} gzip (${files.length} files)`)
    for (const f of files) console.log(`  ${f.file}: ${kB(f.raw)} raw, ${kB(f.gzip)} gzip`)
  }
}
