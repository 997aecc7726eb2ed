// @ts-check
/**
 * ESLint rule `typescript/diagnostics`: reports TypeScript's own errors (what `tsc -b` prints) for
 * each linted file, from the program typed linting has already built (ADR 013). `npm test` then
 * type-checks and lints in one pass: a separate `tsc -b` parsed, bound and checked the same two
 * projects a second time, 40 s of the suite's first stage on the 2-core machine.
 *
 * Per file: syntactic and semantic diagnostics (noUnusedLocals and the other strict options
 * included). Per program, once: the options and global diagnostics, reported on the first file
 * linted with it. Suggestions are not errors in tsc either, so they are left out.
 */
import ts from 'typescript'

/** Programs whose program-wide diagnostics were already reported. */
const reportedPrograms = new WeakSet()

/**
 * The diagnostic's place in the file as ESLint wants it (lines from 1, columns from 0).
 * @param {ts.Diagnostic} diagnostic
 * @returns {import('eslint').AST.SourceLocation | null}
 */
function location(diagnostic) {
  const file = diagnostic.file
  if (!file || diagnostic.start === undefined) return null
  const start = file.getLineAndCharacterOfPosition(diagnostic.start)
  const end = file.getLineAndCharacterOfPosition(diagnostic.start + (diagnostic.length ?? 0))
  return {
    start: { line: start.line + 1, column: start.character },
    end: { line: end.line + 1, column: end.character },
  }
}

/** @type {import('eslint').Rule.RuleModule} */
const diagnostics = {
  meta: {
    type: 'problem',
    docs: { description: "TypeScript's compile errors, from typed linting's own program" },
    schema: [],
  },
  create(context) {
    const services = context.sourceCode.parserServices
    const program = /** @type {ts.Program | null | undefined} */ (services?.program)
    if (!program) return {}
    const sourceFile = program.getSourceFile(context.physicalFilename)
    if (!sourceFile) return {}
    return {
      'Program:exit'(node) {
        /** @type {ts.Diagnostic[]} */
        const found = [
          ...program.getSyntacticDiagnostics(sourceFile),
          ...program.getSemanticDiagnostics(sourceFile),
        ]
        if (!reportedPrograms.has(program)) {
          reportedPrograms.add(program)
          found.push(...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics())
        }
        for (const diagnostic of found) {
          if (diagnostic.category !== ts.DiagnosticCategory.Error) continue
          const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')
          const where =
            diagnostic.file && diagnostic.file !== sourceFile ? `${diagnostic.file.fileName}: ` : ''
          const message = `TS${String(diagnostic.code)}: ${where}${text}`
          const loc = diagnostic.file === sourceFile ? location(diagnostic) : null
          context.report(loc ? { loc, message } : { node, message })
        }
      },
    }
  },
}

export default { rules: { diagnostics } }
