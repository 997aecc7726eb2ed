/**
 * A CSV file as spreadsheets in each UI language open it with a double click: Excel and
 * LibreOffice in pt-BR split on `;` and read `1,5` as a number (`,` is their decimal mark), in
 * English on `,` with `1.5`. RFC 4180 otherwise: CRLF line ends, a field quoted when it holds the
 * separator, a quote or a line break, its quotes doubled. The UTF-8 BOM makes Excel read the file
 * as UTF-8 (without it, "Café" shows as "CafÃ©").
 */
export interface CsvDialect {
  separator: ';' | ','
  decimal: ',' | '.'
}

export const CSV_DIALECTS = {
  'pt-BR': { separator: ';', decimal: ',' },
  en: { separator: ',', decimal: '.' },
} as const satisfies Record<string, CsvDialect>

export type CsvCell = string | number | null

const BOM = '\uFEFF'

/**
 * A spreadsheet runs a cell that starts with one of these as a formula (CSV injection, OWASP): a
 * reward named `=HYPERLINK(...)` in Zupy must stay text on the owner's computer, so such a text
 * gets a leading apostrophe, which spreadsheets read as "text" and do not show.
 */
const FORMULA_START = /^[=+@\t\r]/

function cellText(cell: CsvCell, dialect: CsvDialect): string {
  if (cell === null) return ''
  if (typeof cell === 'number') {
    // No grouping: a spreadsheet would read `1.250` as 1.25 in English.
    const plain = String(cell)
    return dialect.decimal === '.' ? plain : plain.replace('.', dialect.decimal)
  }
  return FORMULA_START.test(cell) ? `'${cell}` : cell
}

function field(text: string, separator: string): string {
  const needsQuotes =
    text.includes(separator) || text.includes('"') || text.includes('\n') || text.includes('\r')
  return needsQuotes ? `"${text.replaceAll('"', '""')}"` : text
}

/** The whole file, BOM first: a header row, then one row per record, every row CRLF-ended. */
export function buildCsv(
  header: readonly string[],
  rows: readonly (readonly CsvCell[])[],
  dialect: CsvDialect,
): string {
  const line = (cells: readonly CsvCell[]) =>
    cells.map((cell) => field(cellText(cell, dialect), dialect.separator)).join(dialect.separator)
  return BOM + [header, ...rows].map((cells) => `${line(cells)}\r\n`).join('')
}
