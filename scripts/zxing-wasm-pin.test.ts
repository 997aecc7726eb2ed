import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { ZXING_WASM_SHA256, ZXING_WASM_VERSION } from 'barcode-detector/ponyfill'
import { describe, expect, it } from 'vitest'

const require = createRequire(import.meta.url)

/**
 * The scanner serves zxing-wasm's `.wasm` itself (Vite `?url`), but runs barcode-detector's copy
 * of the JS glue. A `.wasm` from another zxing-wasm version loads and then fails on every decode
 * (qr-decoders.md §8): upgrade the two packages together, and this test says when they drift.
 */
describe('zxing-wasm pin', () => {
  it('the installed zxing_reader.wasm is the one barcode-detector was built against', () => {
    const wasm = readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm'))
    expect(createHash('sha256').update(wasm).digest('hex')).toBe(ZXING_WASM_SHA256)
  })

  it('package.json pins both packages exactly, zxing-wasm at the version barcode-detector expects', () => {
    // devDependencies: the SPA's packages are needed at build time only (ADR 006).
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      devDependencies: Record<string, string>
    }
    expect(pkg.devDependencies['barcode-detector']).toMatch(/^\d+\.\d+\.\d+$/)
    expect(pkg.devDependencies['zxing-wasm']).toBe(ZXING_WASM_VERSION)
  })
})
