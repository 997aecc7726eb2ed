// @ts-check
/**
 * ESLint rule `feature-imports/declared`: a feature (`src/features/<name>/`) imports another
 * feature only when its entry in the `deps` table names it, and only through that feature's
 * `index.ts` (its public interface). Tests (`*.test.ts(x)`) may also import any feature's
 * `index.ts` or `testing` module: nothing imports a test, so it cannot close a cycle. No feature
 * imports `src/app/`. The table must be acyclic; a cycle in it stops the lint run.
 *
 * Paths are resolved from the file, so `../scan`, `../../features/scan` and `./../scan/index` are
 * the same import. Shared layers (`src/lib`, `src/components`, ...) are covered by
 * no-restricted-imports in eslint.config.js.
 */
import path from 'node:path'

/** @typedef {Record<string, readonly string[]>} FeatureDeps */

/**
 * A cycle in `deps` as a list of names (first = last), or null when there is none.
 * @param {FeatureDeps} deps
 * @returns {string[] | null}
 */
export function findCycle(deps) {
  /** @type {Map<string, 'open' | 'done'>} */
  const state = new Map()
  /** @type {string[]} */
  const stack = []
  /** @param {string} name @returns {string[] | null} */
  const visit = (name) => {
    if (state.get(name) === 'done') return null
    if (state.get(name) === 'open') return [...stack.slice(stack.indexOf(name)), name]
    state.set(name, 'open')
    stack.push(name)
    for (const next of deps[name] ?? []) {
      const cycle = visit(next)
      if (cycle) return cycle
    }
    stack.pop()
    state.set(name, 'done')
    return null
  }
  for (const name of Object.keys(deps)) {
    const cycle = visit(name)
    if (cycle) return cycle
  }
  return null
}

/** @type {WeakSet<object>} tables already checked (the rule is created once per file). */
const checked = new WeakSet()

/** @param {FeatureDeps} deps */
function checkTable(deps) {
  if (checked.has(deps)) return
  for (const [name, list] of Object.entries(deps)) {
    for (const dep of list) {
      if (!(dep in deps)) throw new Error(`FEATURE_DEPS: ${name} depends on unknown feature ${dep}`)
      if (dep === name) throw new Error(`FEATURE_DEPS: ${name} lists itself`)
    }
  }
  const cycle = findCycle(deps)
  if (cycle) throw new Error(`FEATURE_DEPS has an import cycle: ${cycle.join(' → ')}`)
  checked.add(deps)
}

/**
 * Where a project-relative path lies: a feature (with the module inside it), the app, or neither.
 * @param {string} relative posix path from the project root, without extension for imports
 */
export function locate(relative) {
  const feature = /^src\/features\/([^/]+)(?:\/(.*))?$/.exec(relative)
  if (feature) {
    const [, name = '', rest = ''] = feature
    const module = rest.replace(/\.(ts|tsx|js|jsx)$/, '')
    return { kind: /** @type {const} */ ('feature'), name, module }
  }
  if (relative === 'src/app' || relative.startsWith('src/app/'))
    return { kind: /** @type {const} */ ('app') }
  return { kind: /** @type {const} */ ('other') }
}

const isTest = (/** @type {string} */ file) => /\.test\.[cm]?[jt]sx?$/.test(file)

/** @type {import('eslint').Rule.RuleModule} */
const declared = {
  meta: {
    type: 'problem',
    docs: {
      description: 'Features import each other only as FEATURE_DEPS declares, through index.ts',
    },
    schema: [
      {
        type: 'object',
        properties: {
          deps: {
            type: 'object',
            additionalProperties: { type: 'array', items: { type: 'string' } },
          },
        },
        required: ['deps'],
        additionalProperties: false,
      },
    ],
    messages: {
      unknownFeature:
        'Feature "{{name}}" is not in FEATURE_DEPS (eslint.config.js): add it with the features it may import.',
      app: 'A feature never imports src/app/: the app composes features, not the other way round.',
      deep: 'Import feature "{{target}}" through its public interface ("{{suggestion}}"), not its module "{{module}}"; export what you need from its index.ts.',
      undeclared:
        'Feature "{{name}}" may not import feature "{{target}}": FEATURE_DEPS (eslint.config.js) does not list it, and the table must stay acyclic.',
    },
  },
  create(context) {
    const { deps } = /** @type {{ deps: FeatureDeps }} */ (context.options[0])
    checkTable(deps)
    const root = context.cwd
    const file = path.relative(root, context.filename).split(path.sep).join('/')
    const self = locate(file)
    if (self.kind !== 'feature') return {}
    const test = isTest(file)
    const allowed = deps[self.name]

    /** @param {import('estree').Node & { source?: unknown }} node */
    const check = (node) => {
      const source = /** @type {{ value?: unknown } | null | undefined} */ (node.source)
      const value = source?.value
      if (typeof value !== 'string' || !value.startsWith('.')) return
      const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), value))
      const target = locate(resolved)
      if (target.kind === 'app') {
        context.report({ node, messageId: 'app' })
        return
      }
      if (target.kind !== 'feature' || target.name === self.name) return
      const entry = target.module === '' || target.module === 'index'
      const testing = target.module === 'testing'
      if (test) {
        if (!entry && !testing)
          context.report({
            node,
            messageId: 'deep',
            data: { target: target.name, module: target.module, suggestion: `../${target.name}` },
          })
        return
      }
      if (!entry) {
        context.report({
          node,
          messageId: 'deep',
          data: { target: target.name, module: target.module, suggestion: `../${target.name}` },
        })
        return
      }
      if (!allowed?.includes(target.name))
        context.report({
          node,
          messageId: 'undeclared',
          data: { name: self.name, target: target.name },
        })
    }

    return {
      Program(node) {
        if (!allowed)
          context.report({ node, messageId: 'unknownFeature', data: { name: self.name } })
      },
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    }
  },
}

/** The plugin eslint.config.js registers as `feature-imports`. */
export default { meta: { name: 'feature-imports' }, rules: { declared } }
