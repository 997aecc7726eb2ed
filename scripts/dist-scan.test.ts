import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_SANDBOX_API_KEY } from '../sandbox/config'
import { bundleReport, total } from './bundle-report'

/*
 * File scans of the production build: what ships to the browser. They read `dist/`, which
 * `npm test` builds before the unit step; run alone on a clone without one, they build it first.
 * A `dist/` older than the source is what they check then: `npm run build` refreshes it.
 */
const root = join(import.meta.dirname, '..')
const dist = join(root, 'dist')

beforeAll(() => {
  if (existsSync(join(dist, 'index.html'))) return
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' })
}, 120_000)

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

describe('the store API key (reliability.md G5)', () => {
  const KEY_SHAPE = /zupy_pk_[A-Za-z0-9]{32}/
  const keyForms = [
    DEFAULT_SANDBOX_API_KEY,
    Buffer.from(DEFAULT_SANDBOX_API_KEY).toString('base64'),
  ]

  it('is in neither the built app nor its source maps', () => {
    const files = filesUnder(dist)
    expect(files.some((file) => file.endsWith('.js'))).toBe(true)
    expect(files.some((file) => file.endsWith('.map'))).toBe(true)
    const leaks = files.filter((file) => {
      const text = readFileSync(file, 'latin1')
      return KEY_SHAPE.test(text) || keyForms.some((form) => text.includes(form))
    })
    expect(leaks).toEqual([])
  })
})

describe('the scanner is not in the first load', () => {
  const require = createRequire(import.meta.url)
  const packageFile = (entry: string, file: string) => join(dirname(require.resolve(entry)), file)
  /**
   * Strings that survive minification, each checked to be in the package's own source first, so
   * the test cannot pass because a marker went stale.
   */
  const MARKERS = [
    {
      pkg: 'html5-qrcode',
      source: require.resolve('html5-qrcode/esm/html5-qrcode.js'),
      text: 'qr-shaded-region',
    },
    {
      pkg: 'html5-qrcode',
      source: require.resolve('html5-qrcode/esm/html5-qrcode.js'),
      text: 'Cannot pause, scanner is not scanning.',
    },
    {
      pkg: 'barcode-detector',
      // The ponyfill entry only re-exports; the detector itself is in this file beside it.
      source: packageFile('barcode-detector/ponyfill', 'zxing-exported.js'),
      text: 'Barcode detection service unavailable.',
    },
  ]
  const read = (file: string) => readFileSync(join(dist, file), 'utf8')

  it('the initial JS holds neither html5-qrcode nor barcode-detector; the scanner chunk does', () => {
    const report = bundleReport(dist)
    const initial = report.initial.map((f) => read(f.file))
    const scanner = report.scanner.map((f) => read(f.file))
    expect(report.scanner.length).toBeGreaterThan(0)

    for (const marker of MARKERS) {
      expect(readFileSync(marker.source, 'utf8'), marker.source).toContain(marker.text)
      expect(
        initial.some((code) => code.includes(marker.text)),
        `${marker.pkg} in the initial JS`,
      ).toBe(false)
      expect(
        scanner.some((code) => code.includes(marker.text)),
        `${marker.pkg} in the scanner chunk`,
      ).toBe(true)
    }

    const kB = (n: number) => `${(n / 1000).toFixed(1)} kB`
    console.log(
      [
        `initial JS: ${kB(total(report.initial).gzip)} gzip`,
        `scan screen adds ${kB(total(report.scanScreen).gzip)} gzip`,
        `scanner chunk: ${kB(total(report.scanner).gzip)} gzip`,
        `.wasm: ${kB(total(report.wasm).raw)} (${kB(total(report.wasm).gzip)} gzip)`,
      ].join(' · '),
    )
  })

  // That the browser fetches it from our origin, never the CDN in barcode-detector's defaults, is
  // checked where it happens: e2e/scan-camera.ts records the requests.
  it('the .wasm is a hashed asset of our own build', () => {
    const { wasm } = bundleReport(dist)
    expect(wasm.map((f) => f.file)).toEqual([
      expect.stringMatching(/^assets\/zxing_reader-.+\.wasm$/),
    ])
  })
})
