/**
 * `npm test`: every check: lint (which reports TypeScript's errors too) beside build, unit
 * (Vitest) and e2e (Playwright) in that order; see `stages`. A failing step does not stop the later ones, so
 * one run shows every problem. Ends with the one line CI reads, `N passed, N failed`, summed over
 * the runners' JSON reports; a step that fails without a report of its own (lint, build) counts as
 * one failure, so a red run never reads green.
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
}

// Type-checks too: the rule typescript/diagnostics reports what `tsc -b` would, from the program
// typed linting builds anyway (ADR 013), so no separate `tsc -b` builds it a second time.
const lint: Step = { name: 'lint', command: ['npx', 'eslint', '.', '--max-warnings=0'] }
// The SPA that the unit step's file scans (scripts/dist-scan.test.ts) and the e2e step read, and
// the server bundle that `npm run start:prod` runs.
const build: Step = { name: 'build', command: ['npm', 'run', 'build'] }
const unit: Step = {
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
}
const e2e: Step = {
  name: 'e2e',
  command: ['npx', 'playwright', 'test'],
  report: 'reports/playwright.json',
  totals: playwrightTotals,
}

/**
 * Stages run one after another; the lanes of a stage run side by side, the steps of a lane in
 * order. Lint keeps one core busy from the start; build, unit (Vitest, whose files wait on child
 * processes and sockets for part of their time) and e2e (Playwright) follow one another on the
 * other, and take both cores once lint is done. E2E starts when unit ends, not when lint does,
 * so no core waits at a stage's end for the slower lane (on the 2-core machine lint ended 6–19 s
 * after unit); e2e's timing spec runs last, long after lint.
 */
const stages: Step[][][] = [[[build, unit, e2e], [lint]]]

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
for (const lanes of stages) {
  // The first lane streams its output; the others' is shown when each of their steps ends.
  const results = await Promise.all(
    lanes.map(async (lane, index) => {
      const ran: { step: Step; ok: boolean; seconds: string }[] = []
      for (const step of lane) ran.push({ step, ...(await run(step, index > 0)) })
      return ran
    }),
  )
  for (const { step, ok, seconds } of results.flat()) record(step, ok, seconds)
}
lines.push(`total: ${((Date.now() - started) / 1000).toFixed(1)} s`)
console.log(`\n${lines.join('\n')}`)
console.log(
  `${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`,
)
process.exitCode = total.failed > 0 ? 1 : 0
