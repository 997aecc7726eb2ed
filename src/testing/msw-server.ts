import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { buildPosConfig, buildPosHealth } from './pos-fixtures'

/** What every screen loads in the background; tests override with `server.use(...)`. */
export const defaultHandlers = [
  http.get('/api/pos/config', () => HttpResponse.json(buildPosConfig())),
  http.get('/api/pos/health', () => HttpResponse.json(buildPosHealth())),
  // Signed in, so screens render unlocked; the session tests override it.
  http.get('/api/pos/session', () =>
    HttpResponse.json({
      authenticated: true,
      idle_expires_at: new Date(Date.now() + 900_000).toISOString(),
      expires_at: new Date(Date.now() + 12 * 3_600_000).toISOString(),
      idle_timeout_s: 900,
    }),
  ),
]

export const server = setupServer(...defaultHandlers)
