import { readFileSync } from 'node:fs'
import { parseEnv } from 'node:util'

/**
 * Reads a `.env` file (KEY=value lines, `#` comments, quotes as in Node's --env-file) into `env`.
 * Variables already set in the real environment win, even when set to an empty string, so a
 * service manager or a shell can always override the file. A missing file is fine (it is
 * optional); an unreadable one stops startup with a message naming it, never its contents.
 *
 * Returns the names the file set, for the startup log.
 */
export function loadDotEnv(
  file: string,
  env: Record<string, string | undefined> = process.env,
): string[] {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return []
    throw new Error(
      `Invalid BFF environment:\n- .env: cannot read ${file} (${code ?? 'unknown error'})`,
      { cause: error },
    )
  }
  const set: string[] = []
  for (const [name, value] of Object.entries(parseEnv(text))) {
    if (env[name] !== undefined) continue
    env[name] = value
    set.push(name)
  }
  return set
}
