import { describe, expect, it } from 'vitest'
import { buildCsv, CSV_DIALECTS } from './csv'

const BOM = '\uFEFF'

/** An RFC 4180 reader (quoted fields, doubled quotes, CRLF), to read the builder's output back. */
function parseCsv(text: string, separator: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i += 1) {
    const char = text.charAt(i)
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"'
        i += 1
      } else if (char === '"') quoted = false
      else cell += char
    } else if (char === '"') quoted = true
    else if (char === separator) {
      row.push(cell)
      cell = ''
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      i += 1
    } else cell += char
  }
  return rows
}

describe('buildCsv', () => {
  it('starts with the UTF-8 BOM and ends every row with CRLF, the header first', () => {
    const csv = buildCsv(['Time', 'Reward'], [['10:00', 'Café']], CSV_DIALECTS.en)
    expect(csv).toBe(`${BOM}Time,Reward\r\n10:00,Café\r\n`)
    // As a file: the BOM's three bytes, then UTF-8.
    const bytes = new TextEncoder().encode(csv)
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  })

  it('separates with ";" and writes decimal commas in pt-BR, "," and points in English', () => {
    const rows = [['Café', 1.5, 20, null]]
    const header = ['Prêmio', 'Fator', 'Pontos', 'Cupom']
    expect(buildCsv(header, rows, CSV_DIALECTS['pt-BR'])).toBe(
      `${BOM}Prêmio;Fator;Pontos;Cupom\r\nCafé;1,5;20;\r\n`,
    )
    expect(buildCsv(header, rows, CSV_DIALECTS.en)).toBe(
      `${BOM}Prêmio,Fator,Pontos,Cupom\r\nCafé,1.5,20,\r\n`,
    )
  })

  it('never groups thousands (a spreadsheet would read 1.250 as a decimal)', () => {
    expect(buildCsv(['n'], [[1250]], CSV_DIALECTS['pt-BR'])).toBe(`${BOM}n\r\n1250\r\n`)
  })

  it('quotes a field with the separator, a quote or a line break, doubling its quotes', () => {
    const tricky = 'Combo; "grande"\nsuco'
    const ptBR = buildCsv(['Prêmio'], [[tricky], ['Simples']], CSV_DIALECTS['pt-BR'])
    expect(ptBR).toBe(`${BOM}Prêmio\r\n"Combo; ""grande""\nsuco"\r\nSimples\r\n`)
    expect(parseCsv(ptBR.slice(1), ';')).toEqual([['Prêmio'], [tricky], ['Simples']])

    // A comma needs quotes only where it separates.
    expect(buildCsv(['a'], [['1,2']], CSV_DIALECTS['pt-BR'])).toBe(`${BOM}a\r\n1,2\r\n`)
    expect(buildCsv(['a'], [['1,2']], CSV_DIALECTS.en)).toBe(`${BOM}a\r\n"1,2"\r\n`)
    expect(buildCsv(['a', 'b'], [['x\r\ny', 'z']], CSV_DIALECTS.en)).toBe(
      `${BOM}a,b\r\n"x\r\ny",z\r\n`,
    )
  })

  it('reads back cell for cell, whatever the cells hold', () => {
    const rows = [
      ['CZ-7K3M9P2Q', 'Café; "expresso"\r\nduplo', 20],
      ['', 'a,b', 0],
    ]
    for (const dialect of [CSV_DIALECTS['pt-BR'], CSV_DIALECTS.en]) {
      const csv = buildCsv(['Cupom', 'Prêmio', 'Pontos'], rows, dialect)
      expect(parseCsv(csv.slice(1), dialect.separator)).toEqual([
        ['Cupom', 'Prêmio', 'Pontos'],
        ...rows.map((row) => row.map(String)),
      ])
    }
  })

  it('keeps a text that a spreadsheet would run as a formula as text', () => {
    const csv = buildCsv(['Reward'], [['=HYPERLINK("x")'], ['+1'], ['@SUM(A1)'], ['-10% off']], {
      ...CSV_DIALECTS.en,
    })
    expect(parseCsv(csv.slice(1), ',')).toEqual([
      ['Reward'],
      [`'=HYPERLINK("x")`],
      ["'+1"],
      ["'@SUM(A1)"],
      ['-10% off'],
    ])
  })
})
