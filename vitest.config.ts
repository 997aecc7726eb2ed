import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'
import react from '@vitejs/plugin-react'

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
          name: 'client',
          environment: 'happy-dom',
          include: ['src/**/*.test.{ts,tsx}'],
          setupFiles: ['./src/testing/setup-tests.ts'],
        },
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
