import type { Context } from 'hono'
import type { HttpBindings } from '@hono/node-server'
import type { SandboxConfig } from './config'
import type { SandboxDb } from './db'
import type { SandboxState } from './state'

/** What every route and middleware needs; built once per app. */
export interface SandboxContext {
  config: SandboxConfig
  db: SandboxDb
  state: SandboxState
  /** Epoch ms; injected so tests can move the clock. */
  now(): number
  log(line: string): void
  /** Aborted when the server closes, so delayed answers stop waiting. */
  signal: AbortSignal
}

/** Partial because `app.request()` in tests runs without a Node socket. */
export interface SandboxEnv {
  Bindings: Partial<HttpBindings>
}

export type SandboxHonoContext = Context<SandboxEnv>

export function nodeBindings(c: SandboxHonoContext): Partial<HttpBindings> {
  // c.env is undefined under app.request() even though Hono types it as the bindings.
  const env = c.env as Partial<HttpBindings> | undefined
  return env ?? {}
}

/** The path as the client sent it (before any URL normalisation), without the query. */
export function rawPath(c: SandboxHonoContext): string {
  const target = nodeBindings(c).incoming?.url
  if (target) return target.split('?')[0] ?? target
  return new URL(c.req.url).pathname
}
