/**
 * Writes `<file>.br` and `<file>.gz` next to each compressible file of the build, so the BFF
 * sends the smallest one the browser accepts (bff/static-files.ts) without compressing anything
 * per request. Brotli at its best quality: the decoder's 1.09 MB `.wasm` goes out as ~357 KB.
 *
 * Quality 11 is slow (about 7 s for the `.wasm` alone), so results are kept in a cache under
 * node_modules/.cache keyed by the file's bytes: a rebuild only compresses what changed, and the
 * hashed assets mostly don't.
 */
import { createHash } from 'node:crypto'
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import { extname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'
import type { Plugin } from 'vite'
import { COMPRESSIBLE, ENCODINGS, MIN_BYTES } from '../bff/compression'

const DEFAULT_CACHE = fileURLToPath(
  new URL('../node_modules/.cache/zupy-pos-precompress', import.meta.url),
)

const brotli = promisify(brotliCompress)
const gzipAsync = promisify(gzip)

function compress(encoding: 'br' | 'gzip', bytes: Buffer, text: boolean): Promise<Buffer> {
  return encoding === 'br'
    ? brotli(bytes, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
          [constants.BROTLI_PARAM_MODE]: text
            ? constants.BROTLI_MODE_TEXT
            : constants.BROTLI_MODE_GENERIC,
        },
      })
    : gzipAsync(bytes, { level: 9 })
}

/** Cache entries unused this long are deleted; a rebuild within it compresses only what changed. */
const CACHE_DAYS = 7

function filesToCompress(dir: string): string[] {
  const found: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !COMPRESSIBLE.has(extname(entry.name).toLowerCase())) continue
    found.push(join(entry.parentPath, entry.name))
  }
  return found
}

export interface PrecompressResult {
  /** Files that got at least one compressed copy. */
  files: number
  /** Compressed copies taken from the cache instead of being made again. */
  cached: number
}

/**
 * Compresses every compressible file of `outDir` of at least MIN_BYTES. A copy is written only when
 * it is smaller than the file; a stale copy from an earlier build of the same name is removed.
 */
export async function precompressDir(
  outDir: string,
  cacheDir: string = DEFAULT_CACHE,
): Promise<PrecompressResult> {
  mkdirSync(cacheDir, { recursive: true })
  let files = 0
  let cached = 0
  await Promise.all(
    filesToCompress(outDir).map(async (file) => {
      const bytes = readFileSync(file)
      let wrote = false
      const digest = createHash('sha256').update(bytes).digest('hex')
      for (const { name, suffix } of ENCODINGS) {
        const target = file + suffix
        rmSync(target, { force: true })
        if (bytes.length < MIN_BYTES) continue
        const cacheFile = join(cacheDir, `${digest}${suffix}`)
        let packed: Buffer
        if (existsSync(cacheFile)) {
          packed = readFileSync(cacheFile)
          const now = new Date()
          utimesSync(cacheFile, now, now)
          cached++
        } else {
          packed = await compress(name, bytes, extname(file) !== '.wasm')
          // Renamed into place, so a build running at the same time never reads half a file.
          const partial = `${cacheFile}.${String(process.pid)}.tmp`
          writeFileSync(partial, packed)
          renameSync(partial, cacheFile)
        }
        if (packed.length >= bytes.length) continue
        writeFileSync(target, packed)
        wrote = true
      }
      if (wrote) files++
    }),
  )
  const expired = Date.now() - CACHE_DAYS * 86_400_000
  for (const name of readdirSync(cacheDir)) {
    const path = join(cacheDir, name)
    if (statSync(path).mtimeMs < expired) rmSync(path, { force: true })
  }
  return { files, cached }
}

/** The Vite plugin: after the bundle, the public files and the service worker are on disk. */
export function precompressPlugin(): Plugin {
  let outDir = ''
  return {
    name: 'zupy-pos:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir)
    },
    writeBundle: {
      order: 'post',
      sequential: true,
      async handler() {
        const { files, cached } = await precompressDir(outDir)
        this.info(`precompressed ${files} files (brotli, gzip; ${cached} copies from the cache)`)
      },
    },
  }
}
