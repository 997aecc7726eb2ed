import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import { precompressDir } from './precompress'

const dirs: string[] = []
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'zupy-precompress-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const script = Buffer.from('export const greeting = "olá, caixa";\n'.repeat(400))

describe('precompressDir', () => {
  it('writes a brotli and a gzip copy that decode to the same bytes, in nested folders too', async () => {
    const out = tempDir()
    mkdirSync(join(out, 'assets'))
    writeFileSync(join(out, 'assets', 'index-abc.js'), script)
    writeFileSync(join(out, 'index.html'), `<!doctype html>${'<p>x</p>'.repeat(300)}`)
    const result = await precompressDir(out, tempDir())
    expect(result.files).toBe(2)
    const br = readFileSync(join(out, 'assets', 'index-abc.js.br'))
    const gz = readFileSync(join(out, 'assets', 'index-abc.js.gz'))
    expect(br.length).toBeLessThan(script.length / 10)
    expect(brotliDecompressSync(br)).toEqual(script)
    expect(gunzipSync(gz)).toEqual(script)
    expect(existsSync(join(out, 'index.html.br'))).toBe(true)
  })

  it('leaves alone what would not shrink: tiny files, images, random bytes', async () => {
    const out = tempDir()
    writeFileSync(join(out, 'tiny.js'), 'export {}\n')
    writeFileSync(join(out, 'icon.png'), script)
    writeFileSync(join(out, 'noise.js'), randomBytes(4096))
    expect((await precompressDir(out, tempDir())).files).toBe(0)
    for (const name of ['tiny.js', 'icon.png', 'noise.js'])
      for (const suffix of ['.br', '.gz']) expect(existsSync(join(out, name + suffix))).toBe(false)
  })

  it('removes a stale copy when the file no longer compresses, so the old bytes are never served', async () => {
    const out = tempDir()
    writeFileSync(join(out, 'sw.js'), script)
    const cache = tempDir()
    await precompressDir(out, cache)
    writeFileSync(join(out, 'sw.js'), 'self.x=1\n')
    await precompressDir(out, cache)
    expect(existsSync(join(out, 'sw.js.br'))).toBe(false)
    expect(existsSync(join(out, 'sw.js.gz'))).toBe(false)
  })

  it('takes unchanged files from the cache on the next build', async () => {
    const cache = tempDir()
    const first = tempDir()
    writeFileSync(join(first, 'decoder.wasm'), script)
    expect((await precompressDir(first, cache)).cached).toBe(0)
    const second = tempDir()
    writeFileSync(join(second, 'decoder.wasm'), script)
    expect((await precompressDir(second, cache)).cached).toBe(2)
    expect(brotliDecompressSync(readFileSync(join(second, 'decoder.wasm.br')))).toEqual(script)
  })
})
