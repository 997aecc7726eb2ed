import { http, type HttpResponseResolver } from 'msw'
import type { EndpointDef, ParamsOf } from '../../contract/endpoint'

/**
 * An MSW handler for one entry of the endpoint registry (contract/endpoints.ts): the entry's
 * method and path. MSW reads the same `:name` parameters, so `params` has the entry's names.
 */
export function endpointHandler<E extends EndpointDef>(
  endpoint: E,
  resolver: HttpResponseResolver<{ [K in keyof ParamsOf<E>]: string }>,
) {
  const on = endpoint.method === 'GET' ? http.get : http.post
  return on(endpoint.path, resolver)
}
