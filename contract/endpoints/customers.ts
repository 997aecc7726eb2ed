import { CustomerListItemSchema, CustomerSchema, PointsBalanceSchema } from '../customers'
import { endpoint } from '../endpoint'
import { listOf, singleOf } from '../envelope'
import {
  cardCodeValidator,
  idValidator,
  pageQuery,
  phoneValidator,
  slugValidator,
  text,
} from '../validators'

/** In the SPA's first load (the lookup screen): zod/mini schemas only. */
export const customerEndpoints = {
  /** `GET /customers/?phone=|email=|name=|card_code=|search=` (api-notes §4.1). */
  search: endpoint({
    name: 'customers.search',
    method: 'GET',
    path: '/api/v2/customers/',
    params: {},
    query: {
      phone: phoneValidator,
      email: text(254),
      name: text(100),
      card_code: cardCodeValidator,
      search: text(100),
      tier: slugValidator,
      segment: slugValidator,
      ...pageQuery,
    },
    body: null,
    values: { 200: listOf(CustomerListItemSchema) },
    problems: {},
  }),
  /** `GET /customers/{id}/` (api-notes §4.2). */
  get: endpoint({
    name: 'customers.get',
    method: 'GET',
    path: '/api/v2/customers/:id/',
    params: { id: idValidator },
    query: {},
    body: null,
    values: { 200: singleOf(CustomerSchema) },
    problems: {},
  }),
  /** `GET /customers/{id}/points/`. */
  points: endpoint({
    name: 'customers.points',
    method: 'GET',
    path: '/api/v2/customers/:id/points/',
    params: { id: idValidator },
    query: {},
    body: null,
    values: { 200: singleOf(PointsBalanceSchema) },
    problems: {},
  }),
}
