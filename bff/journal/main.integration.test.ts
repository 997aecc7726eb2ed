import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { JournalPageSchema } from '../../contract/journal'
import { SEED } from '../../sandbox/seed'
import { signIn } from '../testing/http'
import { spawnMain, type MainProcess } from '../testing/spawn-main'
import { openJournalStore } from './store'

/**
 * bff/main.ts as a real process: the journal file outlives a graceful restart with every entry
 * (even one still being written when SIGTERM came), and a file that cannot be opened leaves the
 * till working without a journal.
 */

const maria = SEED.customers.maria
let dir: string
const running: MainProcess[] = []

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'zupy-journal-main-'))
})
afterEach(() => {
  for (const main of running.splice(0)) if (main.child.exitCode === null) main.child.kill('SIGKILL')
})
afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
})

async function start(env: Record<string, string>) {
  const main = spawnMain({ ZUPY_SANDBOX_OTP_POLICY: 'trusted', ...env })
  running.push(main)
  const listening = await main.listening
  const base = String(listening.url).replace(/\/$/, '')
  const sandboxUrl = String(listening.sandbox_url)
  const control = (path: string, body: unknown) =>
    fetch(`${sandboxUrl}/_sandbox${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  const freshCoupon = async () => {
    const response = await fetch(`${sandboxUrl}/_sandbox/coupons`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ customer_id: maria.id }),
    })
    return ((await response.json()) as { coupon_code: string }).coupon_code
  }
  return { main, base, till: await signIn(base), freshCoupon, control }
}

const validatePath = (code: string) => `/api/v2/customers/${maria.id}/coupons/${code}/validate/`

describe('bff/main.ts and its journal file', () => {
  it('SIGTERM right after a 409 still writes its entry (re-read and all), and a restart reads it back', async () => {
    const file = join(dir, 'restart', 'journal.db')
    const first = await start({ POS_JOURNAL_DB: file })
    const code = await first.freshCoupon()
    // The SPA looks the coupon up first, so the 200's entry needs no read.
    expect((await first.till.call(`/api/v2/coupons/issued/?code=${code}`)).status).toBe(200)
    expect((await first.till.call(validatePath(code), { method: 'POST' })).status).toBe(200)
    // The 409's re-read will take 1.5 s: the signal comes while it is in flight.
    await first.control('/faults', {
      method: 'GET',
      path: '/coupons/issued/',
      fault: { kind: 'latency', ms: 1500 },
    })
    expect((await first.till.call(validatePath(code), { method: 'POST' })).status).toBe(409)
    first.main.child.kill('SIGTERM')
    expect(await first.main.exit).toBe(0)

    const store = openJournalStore(file, { retentionDays: 90, timeZone: 'America/Sao_Paulo' })
    const written = store.page({}).results
    store.close()
    expect(written.map((e) => [e.coupon_code, e.outcome, e.reward_name])).toEqual([
      [code, 'already-used', SEED.rewards.sobremesa.name],
      [code, 'validated', SEED.rewards.sobremesa.name],
    ])

    const second = await start({ POS_JOURNAL_DB: file })
    const page = await second.till.call('/api/pos/journal')
    expect(JournalPageSchema.parse(page.json()).results).toEqual(written)
    second.main.child.kill('SIGTERM')
    expect(await second.main.exit).toBe(0)
  }, 60_000)

  it('a file that cannot be opened: an error line, and the till works without a journal', async () => {
    const notAFolder = join(dir, 'not-a-folder')
    writeFileSync(notAFolder, 'a file where the folder should be')
    const { main, till, freshCoupon } = await start({
      POS_JOURNAL_DB: join(notAFolder, 'journal.db'),
    })
    expect(main.lines).toContainEqual(
      expect.objectContaining({
        level: 'error',
        msg: 'journal: the file cannot be opened; running without a journal',
      }),
    )
    expect((await till.call(validatePath(await freshCoupon()), { method: 'POST' })).status).toBe(
      200,
    )
    const journal = await till.call('/api/pos/journal')
    expect(journal.status).toBe(503)
    main.child.kill('SIGTERM')
    expect(await main.exit).toBe(0)
  }, 60_000)
})
