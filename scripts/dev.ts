/**
 * `npm run dev`: the BFF (which starts the sandbox itself when no ZUPY_API_KEY is set), restarted on
 * change, plus Vite with HMR on http://localhost:5173 proxying /api to the BFF.
 */
import { spawn, type ChildProcess } from 'node:child_process'

const bffPort = process.env.PORT ?? '3000'
// Each child leads its own process group, so stopping it also stops what it spawned (tsx watch
// runs the BFF in a grandchild that a plain SIGTERM to the child would leave holding its port).
const start = (bin: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess =>
  spawn(`node_modules/.bin/${bin}`, args, {
    stdio: 'inherit',
    detached: true,
    env: { ...process.env, ...env },
  })

const children = [
  start('tsx', ['watch', '--clear-screen=false', 'bff/main.ts'], { PORT: bffPort }),
  start('vite', [], { BFF_PORT: bffPort }),
]

function stopAll(code: number): void {
  for (const child of children) {
    if (child.exitCode === null && child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGTERM')
      } catch {
        // Already gone.
      }
    }
  }
  process.exitCode = code
}
for (const child of children)
  child.on('exit', (code) => {
    stopAll(code ?? 0)
  })
process.on('SIGINT', () => {
  stopAll(0)
})
process.on('SIGTERM', () => {
  stopAll(0)
})
