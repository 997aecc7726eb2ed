import type { EndpointDef, ParamsOf } from '../../contract/endpoint'
import type { SandboxHonoContext } from '../context'

/** One documented partner endpoint; app.ts registers these and derives 405 vs 403 from them. */
export interface ApiRoute {
  method: 'GET' | 'POST'
  /** Hono path template, always with the trailing slash Zupy's URLs have. */
  path: string
  handler: (c: SandboxHonoContext) => Response | Promise<Response>
}

export type JsonBody =
  { kind: 'empty' } | { kind: 'json'; value: unknown } | { kind: 'invalid'; message: string }

/** Reads a request body as JSON whatever the Content-Type says; empty means no body. */
export async function readJsonBody(c: SandboxHonoContext): Promise<JsonBody> {
  const text = await c.req.text()
  if (text.trim() === '') return { kind: 'empty' }
  try {
    return { kind: 'json', value: JSON.parse(text) as unknown }
  } catch (error) {
    return { kind: 'invalid', message: error instanceof Error ? error.message : 'Invalid JSON' }
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * One registry entry (contract/endpoints.ts) as the sandbox serves it: the entry's method and
 * path, and its path parameters under the entry's names. Hono reads the same `:name` templates.
 */
export function served<E extends EndpointDef>(
  endpoint: E,
  handler: (c: SandboxHonoContext, params: ParamsOf<E>) => Response | Promise<Response>,
): ApiRoute {
  return {
    method: endpoint.method,
    path: endpoint.path,
    handler: (c) => {
      // Routes only run when Hono matched the template, so every parameter is there.
      const params = Object.keys(endpoint.params).map((name) => [name, c.req.param(name) ?? ''])
      return handler(c, Object.fromEntries(params) as ParamsOf<E>)
    },
  }
}
