import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * deploy/zupy-pos.service as systemd reads it. No systemd runs the unit here (it is not PID 1 on
 * this machine), so systemd's own parser checks the file, and the settings a store relies on are
 * read back from it: the production command, restart on failure, the env file, no root.
 */
const UNIT = readFileSync(new URL('zupy-pos.service', import.meta.url), 'utf8')
const ANALYZE = '/usr/bin/systemd-analyze'

function setting(name: string): string[] {
  return [...UNIT.matchAll(new RegExp(`^${name}=(.*)$`, 'gm'))].map((match) => match[1] ?? '')
}

describe('the systemd unit', () => {
  it('starts npm run start:prod from the install folder as an unprivileged user, restarting on failure', () => {
    expect(setting('ExecStart')).toEqual(['/usr/bin/npm run --silent start:prod'])
    expect(setting('WorkingDirectory')).toEqual(['/opt/zupy-pos'])
    expect(setting('EnvironmentFile')).toEqual(['/etc/zupy-pos/env'])
    expect(setting('Restart')).toEqual(['on-failure'])
    expect(setting('User')).toEqual(['zupy-pos'])
    expect(setting('NoNewPrivileges')).toEqual(['yes'])
    // Longer than the BFF's 10 s drain, so systemd never kills a request in flight.
    expect(Number(setting('TimeoutStopSec')[0])).toBeGreaterThan(10)
  })

  it.skipIf(!existsSync(ANALYZE))('is accepted by systemd-analyze without a warning', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zupy-unit-'))
    try {
      const file = join(dir, 'zupy-pos.service')
      writeFileSync(file, UNIT)
      const verify = spawnSync(ANALYZE, ['verify', file], { encoding: 'utf8' })
      expect(verify.stderr + verify.stdout).toBe('')
      expect(verify.status).toBe(0)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
