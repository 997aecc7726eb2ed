import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'
import react from '@vitejs/plugin-react'

const client = {
  environment: 'happy-dom',
  include: ['src/**/*.test.{ts,tsx}'],
  setupFiles: ['./src/testing/setup-tests.ts'],
}

/**
 * Files that replace a module with `vi.mock`: a mock applies only to a module graph of the file's
 * own, so these keep Vitest's isolation.
 */
const MOCKING = [
  'src/app/scan-prefetch.test.ts',
  'src/app/routes/scan-kiosk.test.tsx',
  'src/app/routes/scan.test.tsx',
  'src/features/scan/camera-scanner.test.tsx',
  'src/features/scan/scanner-engine.test.ts',
]

export default defineConfig({
  test: {
    // Many files wait on child processes and sockets, so more workers than Vitest's default (one
    // fewer than the cores) pay off, and threads start faster than forks. On the 2-core CI machine,
    // the whole unit step: forks × 2 131 s, threads × 2 120 s, threads × 3 99 s (one run each).
    pool: 'threads',
    maxWorkers: Math.max(3, availableParallelism()),
    projects: [
      {
        plugins: [react()],
        test: {
          ...client,
          name: 'client',
          exclude: MOCKING,
          // One DOM and one module graph per worker, not per file: the client step took 70 s with
          // a fresh environment and setup for each of its 61 files, 14 s without. The setup file
          // empties what a test leaves behind (DOM, MSW handlers, storage) after every test.
          isolate: false,
        },
      },
      {
        plugins: [react()],
        test: { ...client, name: 'client-mocks', include: MOCKING },
      },
      {
        test: {
          name: 'server',
          environment: 'node',
          include: [
            'contract/**/*.test.ts',
            'sandbox/**/*.test.ts',
            'bff/**/*.test.ts',
            'scripts/**/*.test.ts',
            'deploy/**/*.test.ts',
          ],
          testTimeout: 20_000,
        },
      },
    ],
  },
})
