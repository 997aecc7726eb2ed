import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, posix, relative, sep } from 'node:path'
import { ESLint, type Linter } from 'eslint'
import tseslint from 'typescript-eslint'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..')
const BOUNDARY_RULES = ['feature-imports/declared', 'no-restricted-imports']

type FeatureDeps = Record<string, string[]>

/** What eslint.config.js says about `file` (a path relative to the root). */
async function configFor(file: string) {
  const config = (await new ESLint({ cwd: root }).calculateConfigForFile(file)) as {
    rules: Record<string, Linter.RuleEntry | undefined>
    plugins: Record<string, ESLint.Plugin>
  }
  return config
}

async function featureDeps(): Promise<FeatureDeps> {
  const entry = (await configFor('src/features/kiosk/kiosk-mode.tsx')).rules[
    'feature-imports/declared'
  ]
  if (!Array.isArray(entry)) throw new Error('feature-imports/declared is not configured')
  return (entry[1] as { deps: FeatureDeps }).deps
}

/**
 * Lints `code` as if it were `file`, with the import rules eslint.config.js applies to that path
 * (only those: the type-aware rules need a real program and say nothing about imports).
 * `deps` replaces the table, to see what the rule makes of another one.
 */
async function lintAs(file: string, code: string, deps?: FeatureDeps) {
  const config = await configFor(file)
  const rules: Linter.RulesRecord = {}
  for (const name of BOUNDARY_RULES) {
    const entry = config.rules[name]
    if (entry !== undefined) rules[name] = entry
  }
  if (deps) rules['feature-imports/declared'] = ['error', { deps }]
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts', '**/*.tsx'],
        languageOptions: { parser: tseslint.parser },
        plugins: config.plugins,
        rules,
      },
    ],
  })
  const [result] = await eslint.lintText(code, { filePath: join(root, file) })
  return (result?.messages ?? []).map((message) => ({
    rule: message.ruleId,
    message: message.message,
  }))
}

/** A cycle in a dependency table (first name repeated at the end), or null. */
function findCycle(graph: Record<string, Iterable<string>>): string[] | null {
  const done = new Set<string>()
  const stack: string[] = []
  const visit = (name: string): string[] | null => {
    if (done.has(name)) return null
    const open = stack.indexOf(name)
    if (open !== -1) return [...stack.slice(open), name]
    stack.push(name)
    for (const next of graph[name] ?? []) {
      const cycle = visit(next)
      if (cycle) return cycle
    }
    stack.pop()
    done.add(name)
    return null
  }
  for (const name of Object.keys(graph)) {
    const cycle = visit(name)
    if (cycle) return cycle
  }
  return null
}

const SPECIFIER =
  /(?:^|\n)\s*(?:import|export)\b[^'"]*?\bfrom\s*'([^']+)'|\bimport\(\s*'([^']+)'\s*\)/g

/** Feature → the other features its non-test modules import (static, dynamic and re-exports). */
function featureGraph(): Record<string, Set<string>> {
  const featuresDir = join(root, 'src', 'features')
  const graph: Record<string, Set<string>> = {}
  for (const feature of readdirSync(featuresDir)) {
    const edges = (graph[feature] = new Set<string>())
    const files = readdirSync(join(featuresDir, feature), { recursive: true, encoding: 'utf8' })
    for (const file of files) {
      if (!/\.tsx?$/.test(file) || /\.test\.tsx?$/.test(file)) continue
      const from = relative(root, join(featuresDir, feature, file))
        .split(sep)
        .join('/')
      for (const match of readFileSync(join(root, from), 'utf8').matchAll(SPECIFIER)) {
        const specifier = match[1] ?? match[2] ?? ''
        if (!specifier.startsWith('.')) continue
        const target = posix.normalize(posix.join(dirname(from), specifier))
        const other = /^src\/features\/([^/]+)/.exec(target)?.[1]
        if (other !== undefined && other !== feature) edges.add(other)
      }
    }
  }
  return graph
}

describe('feature import rules (eslint.config.js)', () => {
  it('lets a feature import a declared dependency through its index.ts', async () => {
    const code = [
      "import { getScanHistory } from '../scan'",
      "import { forgetCustomerData } from '../../features/session'",
      "import type { OtpStepProps } from '../otp/index'",
      'export const use = [getScanHistory, forgetCustomerData] as const',
      'export type Props = OtpStepProps',
    ].join('\n')
    expect(await lintAs('src/features/kiosk/example.ts', code)).toEqual([])
  })

  it("refuses a deep import into another feature's modules, declared or not", async () => {
    const messages = await lintAs(
      'src/features/kiosk/example.ts',
      "export { getScanHistory } from '../scan/scan-history'",
    )
    expect(messages).toEqual([
      { rule: 'feature-imports/declared', message: expect.stringContaining('"../scan"') as string },
    ])
  })

  it('refuses a feature that FEATURE_DEPS does not list, even through index.ts', async () => {
    const messages = await lintAs(
      'src/features/scan/example.ts',
      "import { forgetOtpSessions } from '../otp'\nforgetOtpSessions()",
    )
    expect(messages).toEqual([
      {
        rule: 'feature-imports/declared',
        message: expect.stringContaining('"scan" may not import feature "otp"') as string,
      },
    ])
  })

  it('checks dynamic imports too', async () => {
    const messages = await lintAs(
      'src/features/otp/example.ts',
      "export const load = () => import('../kiosk')",
    )
    expect(messages.map((m) => m.rule)).toEqual(['feature-imports/declared'])
  })

  it('refuses a feature importing src/app', async () => {
    const messages = await lintAs(
      'src/features/kiosk/example.ts',
      "import { routes } from '../../app/router'\nexport { routes }",
    )
    expect(messages).toEqual([
      { rule: 'feature-imports/declared', message: expect.stringContaining('src/app/') as string },
    ])
  })

  it("lets a test import any feature's index.ts or testing module, never its inner modules", async () => {
    const file = 'src/features/kiosk/example.test.tsx'
    const fine = "import { buildCustomer } from '../customers/testing'\nbuildCustomer()"
    expect(await lintAs(file, fine)).toEqual([])
    const deep =
      "import { customerQueryOptions } from '../customers/api'\ncustomerQueryOptions('1')"
    expect((await lintAs(file, deep)).map((m) => m.rule)).toEqual(['feature-imports/declared'])
  })

  it('asks for a row in FEATURE_DEPS for a new feature folder', async () => {
    const messages = await lintAs('src/features/loyalty-cards/example.ts', 'export const x = 1')
    expect(messages).toEqual([
      {
        rule: 'feature-imports/declared',
        message: expect.stringContaining('"loyalty-cards" is not in FEATURE_DEPS') as string,
      },
    ])
  })

  it('keeps src/lib and components/ui free of features', async () => {
    for (const file of ['src/lib/example.ts', 'src/components/ui/example.tsx']) {
      const messages = await lintAs(file, "export { getOtpSession } from '../features/otp'")
      expect(messages.map((m) => m.rule)).toEqual(['no-restricted-imports'])
    }
  })

  it('stops on a dependency table with a cycle', async () => {
    const cyclic = { ...(await featureDeps()), otp: ['kiosk'] }
    await expect(lintAs('src/features/otp/example.ts', 'export {}', cyclic)).rejects.toThrow(
      /cycle: (\w+ → )+\w+/,
    )
  })
})

describe('the feature dependency graph', () => {
  it('FEATURE_DEPS is acyclic and has a row for every feature folder', async () => {
    const deps = await featureDeps()
    expect(findCycle(deps)).toBeNull()
    expect(Object.keys(deps).sort()).toEqual(readdirSync(join(root, 'src', 'features')).sort())
  })

  it('the imports between features in src/ have no cycle, and are exactly FEATURE_DEPS', async () => {
    const graph = featureGraph()
    expect(findCycle(graph)).toBeNull()
    const actual = Object.fromEntries(
      Object.entries(graph).map(([feature, edges]) => [feature, [...edges].sort()]),
    )
    // A dependency no module uses any more is dropped from the table, so it tells the truth.
    expect(actual).toEqual(await featureDeps())
  })

  it('finds a cycle when there is one (so the two checks above can fail)', () => {
    expect(findCycle({ a: ['b'], b: ['c'], c: ['a'] })).toEqual(['a', 'b', 'c', 'a'])
    expect(findCycle({ a: ['b'], b: [], c: ['a'] })).toBeNull()
  })
})
