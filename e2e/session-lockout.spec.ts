import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { expect, failedStatus, test } from './fixtures'

/**
 * Five wrong PINs lock sign-in for the client's address for 5 minutes (ADR 004), and every e2e
 * request comes from 127.0.0.1. Against the shared stacks that would refuse every later spec's
 * sign-in for 5 minutes, and the BFF has (and must have) no route to reset it. So this spec
 * starts a BFF of its own (the real bff/main.ts with its embedded sandbox, both on ephemeral
 * ports) and locks that one out; the shared stacks never see a wrong PIN streak, whatever order
 * the specs run in. The UI countdown runs on Playwright's clock; the server's lockout runs on
 * real time, which the end of the test shows.
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url))

interface PrivateBff {
  child: ChildProcess
  url: string
}

async function startBff(shape: string): Promise<PrivateBff> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    ZUPY_API_KEY: '',
    ZUPY_SANDBOX_PORT: '0',
    ZUPY_SANDBOX_SHAPE: shape,
    POS_PIN: '',
  }
  // Playwright's own loader hooks are for its workers, not for a server started from one.
  delete env.NODE_OPTIONS
  const child = spawn(process.execPath, ['--import', 'tsx', 'bff/main.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stderr.resume()
  const url = await new Promise<string>((resolve, reject) => {
    let buffered = ''
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString()
      const lines = buffered.split('\n')
      buffered = lines.pop() ?? ''
      for (const line of lines) {
        const record = JSON.parse(line) as { msg?: string; url?: string }
        if (record.msg === 'listening' && record.url) resolve(record.url)
      }
    })
    child.once('exit', (code) => {
      reject(new Error(`bff/main.ts exited before listening (${String(code)})`))
    })
  })
  child.stdout.resume()
  return { child, url }
}

async function stopBff(bff: PrivateBff): Promise<void> {
  if (bff.child.exitCode !== null) return
  const exited = new Promise((resolve) => bff.child.once('exit', resolve))
  bff.child.kill('SIGTERM')
  await exited
}

let bff: PrivateBff | undefined

test.beforeAll(async () => {
  // The project's response shape, like the shared stack it stands beside.
  bff = await startBff(test.info().project.name === 'envelope' ? 'envelope' : 'root')
})

test.afterAll(async () => {
  if (bff) await stopBff(bff)
})

test.use({
  signedIn: false,
  locale: 'en-US',
  // 401 and 429 answers are this spec's point; Chromium logs each as a failed resource.
  allowedConsoleErrors: failedStatus('401|429'),
})

test('five wrong PINs lock sign-in with a live countdown; the keys stay disabled until it ends', async ({
  page,
}) => {
  const url = bff?.url ?? ''
  await page.clock.install()
  await page.goto(`${url}/`)
  const dialog = page.getByRole('dialog', { name: 'Locked' })
  const field = dialog.getByLabel('PIN', { exact: true })
  const pad = dialog.getByRole('group', { name: 'PIN keypad' })
  const unlock = dialog.getByRole('button', { name: 'Unlock' })
  const timer = dialog.getByRole('timer')

  for (let attempt = 1; attempt <= 4; attempt += 1) {
    await field.fill('0000')
    await field.press('Enter')
    await expect(dialog.getByRole('alert')).toHaveText(
      `Wrong PIN. ${5 - attempt} attempt${5 - attempt === 1 ? '' : 's'} left.`,
    )
  }
  await field.fill('0000')
  await field.press('Enter')
  await expect(dialog.getByRole('alert')).toHaveText('Too many wrong PINs. Unlocking is paused.')
  await expect(timer).toHaveText(/^Try again in (5:00|4:5\d)$/)
  for (const key of await pad.getByRole('button').all()) await expect(key).toBeDisabled()
  await expect(field).toBeDisabled()
  await expect(unlock).toBeDisabled()

  await page.clock.fastForward(60_000)
  await expect(timer).toHaveText(/^Try again in (4:00|3:5\d)$/)
  for (const key of await pad.getByRole('button').all()) await expect(key).toBeDisabled()

  await page.clock.fastForward(240_000)
  await expect(timer).toBeHidden()
  for (const key of await pad.getByRole('button').all()) await expect(key).toBeEnabled()
  await expect(field).toBeEnabled()

  // The page's clock moved 5 minutes, the server's did not: even the right PIN is refused, with
  // the server's remaining time, and nothing unlocks.
  await field.fill('1234')
  await field.press('Enter')
  await expect(timer).toHaveText(/^Try again in (5:00|4:[0-5]\d)$/)
  await expect(dialog).toBeVisible()
  const status = await page.evaluate(
    async () => (await (await fetch('/api/pos/session')).json()) as unknown,
  )
  expect(status).toMatchObject({ authenticated: false })
})
