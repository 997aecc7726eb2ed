/**
 * `npm run dev`: the BFF (which starts the sandbox itself when no ZUPY_API_KEY is set), restarted on
 * change, plus Vite with HMR on http://localhost:5173 proxying /api to the BFF.
 */
import { spawn, type ChildProcess } from 'node:child_process'

const bffPort = process.env.PORT ?? '3000'
const children: ChildProcess[] = [
  spawn('npx', ['tsx', 'watch', '--clear-screen=false', 'bff/main.ts'], {
    stdio: 'inherit',
    env: { ...process.env, PORT: bffPort },
  }),
  spawn('npx', ['vite'], { stdio: 'inherit', env: { ...process.env, BFF_PORT: bffPort } }),
]

function stopAll(code: number): void {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM')
  process.exitCode = code
}
for (const child of children) child.on('exit', (code) => stopAll(code ?? 0))
process.on('SIGINT', () => stopAll(0))
process.on('SIGTERM', () => stopAll(0))
