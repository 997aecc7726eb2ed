import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { buildPosConfig, buildPosHealth } from './pos-fixtures'

/** What every screen loads in the background; tests override with `server.use(...)`. */
export const defaultHandlers = [
  http.get('/api/pos/config', () => HttpResponse.json(buildPosConfig())),
  http.get('/api/pos/health', () => HttpResponse.json(buildPosHealth())),
]

export const server = setupServer(...defaultHandlers)
