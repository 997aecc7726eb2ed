import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parseBffEnv } from '../bff/env'
import { parseSandboxEnv } from '../sandbox/config'

/**
 * The README is the page a new engineer or a store's installer reads first: it must stay short
 * (issue 12), its links must lead somewhere, and its configuration table must name every variable
 * the code reads, or someone sets a variable nothing reads or misses one that matters.
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const README = join(ROOT, 'README.md')
const MAX_README_LINES = 250
const MAX_LINE_CHARS = 200

const read = (file: string) => readFileSync(file, 'utf8')
/** Characters as a reader counts them: `é`, `→` or `─` is one, not two or three UTF-16 units or bytes. */
const characters = (line: string) =>
  Array.from(new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(line)).length

/** README.md and every Markdown page under docs/. */
function markdownFiles(): string[] {
  const docs = readdirSync(join(ROOT, 'docs'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.md'))
    .map((file) => join(ROOT, 'docs', file))
  return [README, ...docs.sort()]
}

/** The lines outside fenced code blocks, with their 1-based numbers. */
function proseLines(text: string): { line: string; number: number }[] {
  const lines: { line: string; number: number }[] = []
  let fence: string | null = null
  text.split('\n').forEach((line, index) => {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1]
    if (marker !== undefined && (fence === null || marker.startsWith(fence))) {
      fence = fence === null ? marker : null
      return
    }
    if (fence === null) lines.push({ line, number: index + 1 })
  })
  return lines
}

/** GitHub's anchor for a heading: the rendered text, lower-cased, punctuation dropped, spaces to `-`. */
function slug(heading: string): string {
  return heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-')
}

function anchors(file: string): Set<string> {
  const seen = new Map<string, number>()
  const result = new Set<string>()
  for (const { line } of proseLines(read(file))) {
    const heading = /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line)?.[1]
    if (heading === undefined) continue
    const base = slug(heading)
    const count = seen.get(base) ?? 0
    seen.set(base, count + 1)
    result.add(count === 0 ? base : `${base}-${count}`)
  }
  return result
}

/** Links to a file of this repository (not `https:`, `mailto:`…), outside code. */
function relativeLinks(file: string): { target: string; number: number }[] {
  const links: { target: string; number: number }[] = []
  for (const { line, number } of proseLines(read(file))) {
    const prose = line.replace(/`[^`]*`/g, '')
    for (const match of prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      const target = match[1] ?? ''
      if (!/^[a-z][a-z0-9+.-]*:|^\/\//i.test(target)) links.push({ target, number })
    }
  }
  return links
}

function brokenLink(file: string, target: string): string | null {
  const [path = '', anchor] = target.split('#', 2)
  const resolved =
    path === '' ? file : path.startsWith('/') ? join(ROOT, path) : resolve(dirname(file), path)
  if (!existsSync(resolved)) return 'no such file'
  if (anchor === undefined || anchor === '') return null
  if (statSync(resolved).isDirectory() || !resolved.endsWith('.md'))
    return 'anchor on a non-Markdown target'
  return anchors(resolved).has(decodeURIComponent(anchor).toLowerCase()) ? null : 'no such heading'
}

/** Every source file under `dir` (recursively) that the variable scan reads. */
function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(?:ts|tsx|mts|js|mjs)$/.test(file) && !file.includes('node_modules'))
    .map((file) => join(ROOT, dir, file))
}

/**
 * The environment variables the code reads: `process.env.<NAME>` (or the bracket form) in the servers,
 * scripts, e2e specs and configs; `import.meta.env.VITE_X` in the SPA (set at build time); and what
 * the BFF's and the sandbox's env parsers ask for, recorded by handing them an env that logs reads
 * (they read their variables by name from an object, not from `process.env`).
 */
function variablesInCode(): string[] {
  const names = new Set<string>()
  const files = [
    ...['bff', 'sandbox', 'scripts', 'e2e'].flatMap(sourceFiles),
    ...['playwright.config.ts', 'vitest.config.ts', 'vite.config.ts', 'vite.server.config.ts'].map(
      (file) => join(ROOT, file),
    ),
  ]
  for (const file of files)
    for (const match of read(file).matchAll(
      /\bprocess\.env(?:\.([A-Z_][A-Z0-9_]*)|\[\s*['"]([A-Z_][A-Z0-9_]*)['"]\s*\])/g,
    ))
      names.add(match[1] ?? match[2] ?? '')
  for (const file of sourceFiles('src'))
    for (const match of read(file).matchAll(/\bimport\.meta\.env\.(VITE_[A-Z0-9_]+)/g))
      names.add(match[1] ?? '')
  const recorder = (asked: Set<string>) =>
    new Proxy<Record<string, string | undefined>>(
      {},
      {
        get(_, key) {
          if (typeof key === 'string') asked.add(key)
          return undefined
        },
      },
    )
  const parsed = new Set<string>()
  parseBffEnv(recorder(parsed))
  parseSandboxEnv(recorder(parsed))
  // The parsers are known to read these; if the recorder saw none, it broke, not the README.
  expect([...parsed]).toEqual(expect.arrayContaining(['ZUPY_API_KEY', 'ZUPY_SANDBOX_SHAPE']))
  for (const name of parsed) if (/^[A-Z_][A-Z0-9_]*$/.test(name)) names.add(name)
  names.delete('')
  return [...names].sort()
}

/** The variables named in the first column of the tables of the README's "Configuration" section. */
function variablesInReadmeTable(): string[] {
  const readme = read(README)
  const start = readme.indexOf('\n## Configuration')
  expect(start, 'README has a "## Configuration" section').toBeGreaterThanOrEqual(0)
  const section = readme.slice(start + 1)
  const end = section.indexOf('\n## ')
  const table = end === -1 ? section : section.slice(0, end)
  return [...table.matchAll(/^\| `([A-Z_][A-Z0-9_]*)`/gm)].map((match) => match[1] ?? '').sort()
}

describe('README.md and docs/', () => {
  it(`README.md has at most ${MAX_README_LINES} lines`, () => {
    const lines = read(README).replace(/\n$/, '').split('\n')
    expect(lines.length).toBeLessThanOrEqual(MAX_README_LINES)
  })

  it(`no line outside a code block is longer than ${MAX_LINE_CHARS} characters`, () => {
    const long = markdownFiles().flatMap((file) =>
      proseLines(read(file))
        .filter(({ line }) => characters(line) > MAX_LINE_CHARS)
        .map(({ line, number }) => `${relative(ROOT, file)}:${number} (${characters(line)})`),
    )
    expect(long).toEqual([])
  })

  it('every relative link leads to a file that exists, and its #anchor to a heading there', () => {
    const files = markdownFiles()
    expect(files.length).toBeGreaterThan(1)
    const broken = files.flatMap((file) =>
      relativeLinks(file).flatMap(({ target, number }) => {
        const problem = brokenLink(file, target)
        return problem === null ? [] : [`${relative(ROOT, file)}:${number} ${target}: ${problem}`]
      }),
    )
    expect(broken).toEqual([])
  })

  it('the configuration table names exactly the environment variables the code reads', () => {
    const inCode = variablesInCode()
    const inTable = variablesInReadmeTable()
    expect(inCode.length).toBeGreaterThan(20)
    expect(
      inCode.filter((name) => !inTable.includes(name)),
      'read by the code, not in the table',
    ).toEqual([])
    expect(
      inTable.filter((name) => !inCode.includes(name)),
      'in the table, read by nothing',
    ).toEqual([])
    expect(new Set(inTable).size, 'each variable has one row').toBe(inTable.length)
  })
})

// The helpers above are tested on small inputs, so a bug in them cannot make the checks vacuous.
describe('the README checks themselves', () => {
  it('skip fenced code, including an indented fence inside a list', () => {
    const text = [
      'a',
      '```bash',
      'x'.repeat(300),
      '```',
      '  ```nginx',
      'inside',
      '  ```',
      'b',
    ].join('\n')
    expect(proseLines(text).map(({ line }) => line)).toEqual(['a', 'b'])
  })

  it('make the anchors GitHub makes', () => {
    expect(slug('Install at a store')).toBe('install-at-a-store')
    expect(slug('`npm run bench:proxy`: the BFF as a proxy, next to fastify')).toBe(
      'npm-run-benchproxy-the-bff-as-a-proxy-next-to-fastify',
    )
    expect(slug('At the counter: settings, kiosk mode, tablets')).toBe(
      'at-the-counter-settings-kiosk-mode-tablets',
    )
  })
})
