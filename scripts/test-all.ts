/**
 * `npm test`: every check, in order: typecheck, lint and build side by side (the first two take one
 * core each and lint is the longest), then unit (Vitest) and e2e (Playwright). A failing step does
 * not stop the later ones, so one run shows every problem. Ends with the one
 * line CI reads, `N passed, N failed`, summed over the runners' JSON reports; a step that fails
 * without a report of its own (typecheck, lint, build) counts as one failure, so a red run never
 * reads green.
 */
import { spawn } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'

interface Totals {
  passed: number
  failed: number
  skipped: number
}

interface Step {
  name: string
  command: string[]
  report?: string
  totals?: (r: unknown) => Totals
  /** Runs beside the step before it; its output is shown when it ends, not interleaved. */
  alongside?: boolean
}

const steps: Step[] = [
  { name: 'typecheck', command: ['npx', 'tsc', '-b'] },
  { name: 'lint', command: ['npx', 'eslint', '.', '--max-warnings=0'], alongside: true },
  // The SPA that the unit step's file scans (scripts/dist-scan.test.ts) and the e2e step read, and
  // the server bundle that `npm run start:prod` runs.
  { name: 'build', command: ['npm', 'run', 'build'], alongside: true },
  {
    name: 'unit',
    command: [
      'npx',
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      '--outputFile.json=reports/vitest.json',
    ],
    report: 'reports/vitest.json',
    totals: vitestTotals,
  },
  {
    name: 'e2e',
    command: ['npx', 'playwright', 'test'],
    report: 'reports/playwright.json',
    totals: playwrightTotals,
  },
]

function vitestTotals(report: unknown): Totals {
  const r = report as {
    numPassedTests?: number
    numFailedTests?: number
    numPendingTests?: number
    numTodoTests?: number
  }
  return {
    passed: r.numPassedTests ?? 0,
    failed: r.numFailedTests ?? 0,
    skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0),
  }
}

function playwrightTotals(report: unknown): Totals {
  const s = (
    report as {
      stats?: { expected?: number; unexpected?: number; flaky?: number; skipped?: number }
    }
  ).stats
  return {
    passed: (s?.expected ?? 0) + (s?.flaky ?? 0),
    failed: s?.unexpected ?? 0,
    skipped: s?.skipped ?? 0,
  }
}

/** Runs a step; resolves with whether it exited 0 and its time in seconds. */
function run(step: Step, buffered: boolean): Promise<{ ok: boolean; seconds: string }> {
  const started = Date.now()
  console.log(
    `\n▶ ${step.name}: ${step.command.join(' ')}${buffered ? ' (output when it ends)' : ''}`,
  )
  const child = spawn(step.command[0] ?? '', step.command.slice(1), {
    stdio: buffered ? ['ignore', 'pipe', 'pipe'] : 'inherit',
  })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  return new Promise((resolve) => {
    child.on('close', (code) => {
      if (buffered) console.log(`\n▶ ${step.name} (ended):\n${output}`)
      resolve({ ok: code === 0, seconds: ((Date.now() - started) / 1000).toFixed(1) })
    })
    child.on('error', () => {
      resolve({ ok: false, seconds: ((Date.now() - started) / 1000).toFixed(1) })
    })
  })
}

function record(step: Step, ok: boolean, seconds: string) {
  if (step.report && step.totals && existsSync(step.report)) {
    const t = step.totals(JSON.parse(readFileSync(step.report, 'utf8')))
    // A runner that exits non-zero with no failed test (a crash, an unhandled error) still fails.
    if (!ok && t.failed === 0) t.failed = 1
    total.passed += t.passed
    total.failed += t.failed
    total.skipped += t.skipped
    lines.push(
      `${step.name}: ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped (${seconds} s)`,
    )
  } else {
    if (!ok) total.failed += 1
    lines.push(`${step.name}: ${ok ? 'ok' : 'FAILED'} (${seconds} s)`)
  }
}

rmSync('reports', { recursive: true, force: true })
const total: Totals = { passed: 0, failed: 0, skipped: 0 }
const lines: string[] = []
const started = Date.now()
for (let i = 0; i < steps.length;) {
  const group = [steps[i] as Step]
  while (steps[i + group.length]?.alongside) group.push(steps[i + group.length] as Step)
  i += group.length
  const results = await Promise.all(group.map((step, index) => run(step, index > 0)))
  group.forEach((step, index) => {
    const result = results[index]
    record(step, result?.ok ?? false, result?.seconds ?? '0')
  })
}
lines.push(`total: ${((Date.now() - started) / 1000).toFixed(1)} s`)
console.log(`\n${lines.join('\n')}`)
console.log(
  `${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`,
)
process.exitCode = total.failed > 0 ? 1 : 0
