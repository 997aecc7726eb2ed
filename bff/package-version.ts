import { readFileSync } from 'node:fs'
import { z } from 'zod'

/**
 * The app's version, for /api/pos/config. This file stays directly in bff/: the server bundle
 * (vite.server.config.ts) sits one folder below the root too, so `../package.json` holds in both.
 */
export const PACKAGE_VERSION = z
  .object({ version: z.string() })
  .parse(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))).version
