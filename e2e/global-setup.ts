import { mkdirSync } from 'node:fs'
import { CAMERA_FIXTURES, FIXTURE_DIR, writeQrY4m } from './scan-fixtures'

/**
 * Writes the fake-camera streams (e2e/.fixtures/, git-ignored; not test-results/, which
 * Playwright empties). Cheap (five 460 kB files), so every run writes them afresh.
 */
export default function globalSetup(): void {
  mkdirSync(FIXTURE_DIR, { recursive: true })
  for (const fixture of Object.values(CAMERA_FIXTURES)) writeQrY4m(fixture)
}
