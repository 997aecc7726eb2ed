import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ESLint } from 'eslint'
import tseslint from 'typescript-eslint'
import { afterAll, describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..')

/** A project of its own, so these tests do not build the repository's whole program. */
const dir = mkdtempSync(join(tmpdir(), 'zupy-pos-ts-diagnostics-'))
afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
})
writeFileSync(
  join(dir, 'tsconfig.json'),
  JSON.stringify({
    compilerOptions: {
      target: 'ES2022',
      module: 'ESNext',
      moduleResolution: 'bundler',
      strict: true,
      noUnusedLocals: true,
      noEmit: true,
      skipLibCheck: true,
      types: [],
    },
    include: ['*.ts'],
  }),
)
const files = {
  'clean.ts': 'export const total = (a: number, b: number): number => a + b\n',
  'wrong.ts': [
    "export const count: number = 'three'",
    'function neverCalled() {}',
    "import { total, missing } from './clean'",
    'export const sum = total(1, 2) + missing',
  ].join('\n'),
}
for (const [name, code] of Object.entries(files)) writeFileSync(join(dir, name), code)

/** The rule's plugin as eslint.config.js loads it (a .js module, outside every tsconfig). */
async function plugin(): Promise<ESLint.Plugin> {
  const config = (await new ESLint({ cwd: root }).calculateConfigForFile('bff/app.ts')) as {
    plugins: Record<string, ESLint.Plugin | undefined>
  }
  const found = config.plugins.typescript
  if (!found) throw new Error('eslint.config.js loads no "typescript" plugin')
  return found
}

/** Lints files of that project with only the rule under test. */
async function lint(name: keyof typeof files) {
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: {
          parser: tseslint.parser,
          parserOptions: { project: './tsconfig.json', tsconfigRootDir: dir },
        },
        plugins: { typescript: await plugin() },
        rules: { 'typescript/diagnostics': 'error' },
      },
    ],
  })
  const [result] = await eslint.lintFiles([join(dir, name)])
  return (result?.messages ?? []).map((m) => ({
    rule: m.ruleId,
    line: m.line,
    column: m.column,
    message: m.message,
  }))
}

describe('typescript/diagnostics (scripts/eslint-typescript-diagnostics.js)', () => {
  it("reports tsc's errors at their place: a wrong type, an unused local, a missing export", async () => {
    const messages = await lint('wrong.ts')
    expect(messages).toEqual([
      {
        rule: 'typescript/diagnostics',
        line: 1,
        column: 14,
        message: "TS2322: Type 'string' is not assignable to type 'number'.",
      },
      {
        rule: 'typescript/diagnostics',
        line: 2,
        column: 10,
        message: "TS6133: 'neverCalled' is declared but its value is never read.",
      },
      {
        rule: 'typescript/diagnostics',
        line: 3,
        column: 17,
        message: "TS2305: Module '\"./clean\"' has no exported member 'missing'.",
      },
    ])
  })

  it('says nothing of a file tsc accepts', async () => {
    expect(await lint('clean.ts')).toEqual([])
  })
})

describe('eslint.config.js', () => {
  it('type-checks every TypeScript file of every root, as an error', async () => {
    const eslint = new ESLint({ cwd: root })
    const paths = [
      'src/main.tsx',
      'src/features/scan/scan-history.ts',
      'contract/endpoints.ts',
      'bff/app.ts',
      'sandbox/server.ts',
      'e2e/fixtures.ts',
      'scripts/test-all.ts',
      'deploy/production.test.ts',
      'vite.config.ts',
    ]
    for (const path of paths) {
      const config = (await eslint.calculateConfigForFile(path)) as {
        rules: Record<string, unknown>
      }
      expect(config.rules['typescript/diagnostics'], path).toEqual([2])
    }
  })
})
