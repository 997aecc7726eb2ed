import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodePercentEscapes, parseScannedCode } from './parse-scanned-code'

const coupon = (code: string) => ({ kind: 'coupon', code })

describe('parseScannedCode: bare codes', () => {
  it.each([
    ['CZ-914F15F3', 'CZ-914F15F3'],
    ['cz-914f15f3', 'CZ-914F15F3'],
    ['Cz-914F15f3', 'CZ-914F15F3'],
    ['CZ914F15F3', 'CZ-914F15F3'],
    ['  cz 914f 15f3 ', 'CZ-914F15F3'],
    ['CZ - 914F 15F3', 'CZ-914F15F3'],
    ['\tCZ-914F15F3\r\n', 'CZ-914F15F3'],
    ['\u200bCZ-914F15F3\ufeff', 'CZ-914F15F3'],
    ['CP-LEGACY01', 'CP-LEGACY01'],
    ['cplegacy01', 'CP-LEGACY01'],
    ['cp-x1', 'CP-X1'],
  ])('%j → %s', (text, code) => {
    expect(parseScannedCode(text)).toEqual(coupon(code))
  })

  it.each([
    ['ABNT2 OS, pt-PT scanner table', 'CZ;914F15F3'],
    ['US OS, pt-PT scanner table', 'CZ/914F15F3'],
    ['pt-PT/es/it OS, US scanner', "CZ'914F15F3"],
    ['German OS, US scanner', 'CZß914F15F3'],
    ['French OS, US scanner', 'CZ)914F15F3'],
    ['keyCode 189 read as a character', 'CZ½914F15F3'],
    ['Shift held by the scanner', 'CZ_914F15F3'],
    ['en dash from autocorrect', 'CZ–914F15F3'],
    ['minus sign', 'CZ−914F15F3'],
    ['typographic apostrophe', 'CZ’914F15F3'],
  ])('tolerates a hyphen damaged by %s: %j', (_, text) => {
    expect(parseScannedCode(text)).toEqual(coupon('CZ-914F15F3'))
  })

  it.each([
    'CZ-914F15F',
    'CZ-914F15F3X',
    'CZ--914F15F3',
    'CZç914F15F3',
    'XCZ-914F15F3',
    'CZ-914F15F!',
  ])('rejects %j', (text) => {
    expect(parseScannedCode(text)).toEqual({ kind: 'unknown' })
  })
})

describe('parseScannedCode: URLs and deep links', () => {
  it.each([
    ['https://zupy.example/c/CZ-914F15F3', 'CZ-914F15F3'],
    ['https://zupy.example/c/cz-914f15f3', 'CZ-914F15F3'],
    ['https://zupy.example/c/cz-914f15f3/', 'CZ-914F15F3'],
    ['zupy://coupon/cz-914f15f3', 'CZ-914F15F3'],
    ['zupy://coupon/CZ-914F15F3?store=12&utm_source=qr', 'CZ-914F15F3'],
    ['https://zupy.example/validate?code=cz-914f15f3&x=1', 'CZ-914F15F3'],
    ['https://zupy.example/validate?code=CZ%2D914F15F3', 'CZ-914F15F3'],
    ['https://zupy.example/#/coupon/CZ914F15F3', 'CZ-914F15F3'],
    ['https://loja.example/discount/CP-LEGACY01', 'CP-LEGACY01'],
    // A US scanner typing a URL into an ABNT2 OS: "/" → ";" and ":" → "Ç".
    ['httpsÇ;;zupy.example;c;CZ-914F15F3', 'CZ-914F15F3'],
    ['Use o cupom CZ-914F15F3 no caixa', 'CZ-914F15F3'],
  ])('%s → %s', (text, code) => {
    expect(parseScannedCode(text)).toEqual(coupon(code))
  })

  it('does not read a code out of a longer word', () => {
    expect(parseScannedCode('https://zupy.example/xCZ-914F15F3')).toEqual({ kind: 'unknown' })
    expect(parseScannedCode('https://zupy.example/CZ-914F15F3A')).toEqual({ kind: 'unknown' })
  })

  it('takes the last code when a link holds more than one thing that looks like one', () => {
    expect(parseScannedCode('https://cz12345678.example/c/CZ-914F15F3')).toEqual(
      coupon('CZ-914F15F3'),
    )
  })

  it('does not take a path segment for a legacy code', () => {
    expect(parseScannedCode('https://example.com/cp/index')).toEqual({ kind: 'unknown' })
  })

  it('survives a stray percent sign', () => {
    expect(parseScannedCode('100% CZ-914F15F3 %E2%')).toEqual(coupon('CZ-914F15F3'))
  })
})

describe('parseScannedCode: cards and phones', () => {
  it.each([
    ['ZP-MARIA01', 'ZP-MARIA01'],
    ['zp-abc123-p1', 'ZP-ABC123-P1'],
    ['ZP;MARIA01', 'ZP-MARIA01'],
    ['https://zupy.example/card/ZP-MARIA01', 'ZP-MARIA01'],
  ])('%s → card %s', (text, code) => {
    expect(parseScannedCode(text)).toEqual({ kind: 'card', code })
  })

  it.each([
    ['(11) 98765-4321', '11987654321'],
    ['11987654321', '11987654321'],
    ['+55 11 98765-4321', '5511987654321'],
    ['tel:+5511987654321', '5511987654321'],
  ])('%s → phone %s', (text, digits) => {
    expect(parseScannedCode(text)).toEqual({ kind: 'phone', digits })
  })

  it.each(['', '   ', '12345', 'hello world', 'https://example.com/', '{"a":1}'])(
    '%j is unknown',
    (text) => {
      expect(parseScannedCode(text)).toEqual({ kind: 'unknown' })
    },
  )

  it('prefers a coupon over a phone or card in the same text', () => {
    expect(parseScannedCode('https://x.example/ZP-MARIA01/CZ-914F15F3?tel=11987654321')).toEqual(
      coupon('CZ-914F15F3'),
    )
  })
})

// ---------------------------------------------------------------------------------------------
// Properties (fast-check, 10,000 runs each)

const RUNS = { numRuns: 10_000 }
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('')
const HYPHENS = ['', '-', '-', ';', '/', "'", '’', '½', 'ß', ')', '_', '–', '—', '−', '‐']

/** A valid code as the canonical form and as it might arrive: any case, any tolerated hyphen. */
const codeArb = fc
  .record({
    tail: fc.string({ unit: fc.constantFrom(...ALPHABET), minLength: 8, maxLength: 8 }),
    hyphen: fc.constantFrom(...HYPHENS),
    lower: fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }),
  })
  .map(({ tail, hyphen, lower }) => {
    // ASCII only, so splitting by UTF-16 unit is exact.
    const chars = `CZ${tail}`.split('').map((ch, i) => (lower[i] ? ch.toLowerCase() : ch))
    return {
      canonical: `CZ-${tail}`,
      raw: `${chars.slice(0, 2).join('')}${hyphen}${chars.slice(2).join('')}`,
    }
  })

/** Noise that holds no other code: no "cz"/"cp" in any case, with or without escapes. */
const noFurtherCode = (text: string) => !/c[zp]/i.test(decodePercentEscapes(text))
const noiseArb = fc.string({ maxLength: 30 }).filter(noFurtherCode)
const segmentArb = fc.webSegment().filter(noFurtherCode)
const hostArb = fc.domain().filter(noFurtherCode)

const percentEncodeAll = (text: string) =>
  [...new TextEncoder().encode(text)]
    .map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)
    .join('')

const shapeArb = fc.oneof(
  fc.constant((code: string) => code),
  fc.constant((code: string) => `  ${code}\n`),
  fc.tuple(hostArb, fc.array(segmentArb, { maxLength: 3 })).map(
    ([host, segments]) =>
      (code: string) =>
        `https://${host}/${[...segments, code].join('/')}`,
  ),
  fc.tuple(hostArb, segmentArb, fc.boolean()).map(
    ([host, segment, slash]) =>
      (code: string) =>
        `https://${host}/${segment}/${code}${slash ? '/' : ''}?utm_source=qr&s=1#top`,
  ),
  fc.constant((code: string) => `zupy://coupon/${code}`),
  fc.tuple(hostArb, fc.boolean()).map(
    ([host, encodeAll]) =>
      (code: string) =>
        `https://${host}/v?code=${encodeAll ? percentEncodeAll(code) : encodeURIComponent(code)}&n=2`,
  ),
  fc.tuple(noiseArb, noiseArb, fc.constantFrom(' ', '\n', '/', '=', ':', '(', ',')).map(
    ([before, after, boundary]) =>
      (code: string) =>
        `${before}${boundary}${code}${boundary}${after}`,
  ),
)

/** The input as the parser may read it: escapes decoded, no spacing, no hyphen, upper case. */
function squash(text: string): string {
  const separators = /[-_;/'’½ß)‐‑‒–—―−]/g
  return decodePercentEscapes(text)
    .replace(/[\p{Cc}\p{Cf}\s]/gu, '')
    .replace(separators, '')
    .toUpperCase()
}

describe('parseScannedCode: properties', () => {
  it('never throws, and always answers one of the four kinds', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'binary' }),
          fc.webUrl(),
          fc.string({ unit: 'grapheme' }),
        ),
        (text) => {
          expect(['coupon', 'card', 'phone', 'unknown']).toContain(parseScannedCode(text).kind)
        },
      ),
      RUNS,
    )
  })

  it('finds a valid code in any case, with any tolerated hyphen, bare or inside a URL or noise', () => {
    fc.assert(
      fc.property(codeArb, shapeArb, ({ canonical, raw }, shape) => {
        expect(parseScannedCode(shape(raw))).toEqual(coupon(canonical))
      }),
      RUNS,
    )
  })

  it('never yields a coupon or card that is not in the input (modulo case, hyphen, spacing)', () => {
    const nearMiss = fc.string({
      unit: fc.constantFrom(...'CZPczp-;/½ß)_ %2D0123456789ABFxyz:?=&'.split('')),
      maxLength: 40,
    })
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'binary' }), nearMiss, fc.webUrl()),
        (text) => {
          const result = parseScannedCode(text)
          if (result.kind === 'coupon' || result.kind === 'card') {
            expect(squash(text)).toContain(squash(result.code))
          }
          if (result.kind === 'phone') {
            expect(text.replace(/\D/g, '')).toContain(result.digits)
          }
        },
      ),
      RUNS,
    )
  })
})
