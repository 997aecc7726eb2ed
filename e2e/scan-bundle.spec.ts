import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { expect, test } from '@playwright/test'
import { bundleReport, total } from '../scripts/bundle-report'

/**
 * The scanner (html5-qrcode ~108 kB gzip, barcode-detector's glue) must not be in the first load:
 * checked on the production build the e2e runs against (`vite build` precedes Playwright).
 */
const dist = join(import.meta.dirname, '..', 'dist')
const require = createRequire(import.meta.url)
const packageFile = (entry: string, file: string) => join(dirname(require.resolve(entry)), file)

/**
 * Strings that survive minification, each checked to be in the package's own source first, so the
 * test cannot pass because a marker went stale.
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

test('the initial JS holds neither html5-qrcode nor barcode-detector; the scanner chunk does', () => {
  const report = bundleReport(dist)
  const initial = report.initial.map((f) => read(f.file))
  const scanner = report.scanner.map((f) => read(f.file))
  expect(report.scanner.length).toBeGreaterThan(0)

  for (const marker of MARKERS) {
    expect(readFileSync(require.resolve(marker.source), 'utf8'), marker.source).toContain(
      marker.text,
    )
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
// checked where it happens: scan-camera.spec.ts records the requests.
test('the .wasm is a hashed asset of our own build', () => {
  const { wasm } = bundleReport(dist)
  expect(wasm.map((f) => f.file)).toEqual([
    expect.stringMatching(/^assets\/zxing_reader-.+\.wasm$/),
  ])
})
