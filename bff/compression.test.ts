import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { get } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { acceptedEncodings } from './compression'
import { serveStatic } from './static-files'
import { startStack, type TestStack } from './testing/stack'

describe('acceptedEncodings', () => {
  it.each([
    [undefined, []],
    ['', []],
    ['identity', []],
    ['gzip, deflate, br, zstd', ['br', 'gzip']],
    ['gzip', ['gzip']],
    ['BR;q=0.5', ['br']],
    ['br;q=0, gzip', ['gzip']],
    ['*', ['br', 'gzip']],
    ['*;q=0.1, br;q=0', ['gzip']],
    ['gzip;q=nonsense, br', ['br']],
  ])('%j → %j', (header, expected) => {
    expect(acceptedEncodings(header)).toEqual(expected)
  })
})

describe('static files, precompressed at build', () => {
  let root: string
  const script = 'export const line = "Cupom validado";\n'.repeat(200)
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'bff-precompressed-'))
    mkdirSync(join(root, 'assets'))
    writeFileSync(join(root, 'assets', 'index-a1.js'), script)
    writeFileSync(join(root, 'assets', 'index-a1.js.br'), brotliCompressSync(script))
    writeFileSync(join(root, 'assets', 'index-a1.js.gz'), gzipSync(script))
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>spa</title>')
    writeFileSync(join(root, 'index.html.gz'), gzipSync('<!doctype html><title>spa</title>'))
  })
  afterAll(() => {
    rmSync(root, { recursive: true, force: true })
  })

  it('sends the brotli copy to a browser that takes it, gzip to one that takes only gzip', async () => {
    const br = (await serveStatic(root, '/assets/index-a1.js', 'gzip, deflate, br')).response
    expect(br.headers.get('content-encoding')).toBe('br')
    expect(br.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(br.headers.get('vary')).toBe('Accept-Encoding')
    expect(br.headers.get('cache-control')).toContain('immutable')
    const brBytes = Buffer.from(await br.arrayBuffer())
    expect(Number(br.headers.get('content-length'))).toBe(brBytes.length)
    expect(brotliDecompressSync(brBytes).toString()).toBe(script)

    const gz = (await serveStatic(root, '/assets/index-a1.js', 'gzip')).response
    expect(gz.headers.get('content-encoding')).toBe('gzip')
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(script)
  })

  it('sends the file itself to a client that accepts no compression', async () => {
    for (const header of [undefined, 'identity', 'br;q=0, gzip;q=0']) {
      const plain = (await serveStatic(root, '/assets/index-a1.js', header)).response
      expect(plain.headers.get('content-encoding')).toBeNull()
      expect(plain.headers.get('vary')).toBe('Accept-Encoding')
      expect(await plain.text()).toBe(script)
    }
  })

  it('negotiates the SPA fallback too, and falls back to another encoding when one is missing', async () => {
    const page = (await serveStatic(root, '/customers/abc', 'br, gzip')).response
    expect(page.headers.get('content-encoding')).toBe('gzip')
    expect(gunzipSync(Buffer.from(await page.arrayBuffer())).toString()).toContain('<title>spa')
  })
})

describe('API answers through the running BFF', () => {
  let stack: TestStack
  beforeAll(async () => {
    stack = await startStack()
  })
  afterAll(async () => {
    await stack.close()
  })

  /** Raw bytes and headers: fetch would decompress on its own. */
  function rawGet(path: string, headers: Record<string, string>) {
    return new Promise<{ headers: Record<string, unknown>; body: Buffer; status: number }>(
      (resolve, reject) => {
        get(`${stack.bff.url}${path}`, { headers }, (response) => {
          const chunks: Buffer[] = []
          response.on('data', (chunk: Buffer) => chunks.push(chunk))
          response.on('end', () => {
            resolve({
              headers: response.headers,
              body: Buffer.concat(chunks),
              status: response.statusCode ?? 0,
            })
          })
        }).on('error', reject)
      },
    )
  }

  it('compresses an answer over 1 KB in the encoding the client prefers, the same JSON inside', async () => {
    const { cookie } = await stack.signIn()
    const plain = await rawGet('/api/v2/rewards/', { cookie })
    expect(plain.status).toBe(200)
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body.length).toBeGreaterThan(1024)

    const br = await rawGet('/api/v2/rewards/', { cookie, 'accept-encoding': 'gzip, br' })
    expect(br.headers['content-encoding']).toBe('br')
    expect(br.headers.vary).toContain('Accept-Encoding')
    expect(Number(br.headers['content-length'])).toBe(br.body.length)
    expect(br.body.length).toBeLessThan(plain.body.length / 2)
    expect(JSON.parse(brotliDecompressSync(br.body).toString())).toEqual(
      JSON.parse(plain.body.toString()),
    )
    // Security headers survive the new answer.
    expect(br.headers['content-security-policy']).toBeDefined()
    expect(br.headers['cache-control']).toBe('no-store')

    const gz = await rawGet('/api/v2/rewards/', { cookie, 'accept-encoding': 'gzip' })
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(JSON.parse(gunzipSync(gz.body).toString())).toEqual(JSON.parse(plain.body.toString()))
  })

  it('leaves small answers alone', async () => {
    const health = await rawGet('/api/pos/health', { 'accept-encoding': 'br, gzip' })
    expect(health.status).toBe(200)
    expect(health.body.length).toBeLessThan(1024)
    expect(health.headers['content-encoding']).toBeUndefined()
    // Never compressed, so it does not vary with Accept-Encoding either.
    expect(health.headers.vary).toBeUndefined()
  })
})
