import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { loadDotEnv } from './dotenv'

const dirs: string[] = []
function envFile(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'zupy-dotenv-'))
  dirs.push(dir)
  const file = join(dir, '.env')
  writeFileSync(file, text)
  return file
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('loadDotEnv', () => {
  it('sets the variables the file names, with comments, quotes and export lines', () => {
    const env: Record<string, string | undefined> = {}
    const file = envFile(
      [
        '# the store till',
        'PORT=3001',
        'export HOST=0.0.0.0',
        'POS_PIN="4321"',
        "LOG_LEVEL='warn' # quieter",
        '',
      ].join('\n'),
    )
    expect(loadDotEnv(file, env).sort()).toEqual(['HOST', 'LOG_LEVEL', 'PORT', 'POS_PIN'])
    expect(env).toEqual({ PORT: '3001', HOST: '0.0.0.0', POS_PIN: '4321', LOG_LEVEL: 'warn' })
  })

  it('lets the real environment win, an empty value included', () => {
    const env: Record<string, string | undefined> = { PORT: '4000', ZUPY_API_KEY: '' }
    const file = envFile(
      'PORT=3001\nZUPY_API_KEY=zupy_pk_abcdefghijklmnopqrstuvwxyz012345\nHOST=::\n',
    )
    expect(loadDotEnv(file, env)).toEqual(['HOST'])
    expect(env).toEqual({ PORT: '4000', ZUPY_API_KEY: '', HOST: '::' })
  })

  it('does nothing without a file', () => {
    const env: Record<string, string | undefined> = {}
    expect(loadDotEnv(join(tmpdir(), 'no-such-dir-zupy', '.env'), env)).toEqual([])
    expect(env).toEqual({})
  })

  it('names a path that is not a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zupy-dotenv-'))
    dirs.push(dir)
    expect(() => loadDotEnv(dir, {})).toThrow(`.env: cannot read ${dir} (EISDIR)`)
  })
})
