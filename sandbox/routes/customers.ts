import type { SandboxContext } from '../context'
import type { CustomerRow } from '../db'
import { digitsOf } from '../ids'
import { problem, validationProblem } from '../problems'
import { readPageRequest, sendOne, sendPage } from '../responses'
import { customerProfile, customerSummary, pointsBalance } from '../serializers'
import { customerEndpoints } from '../../contract/endpoints/customers'
import { served, type ApiRoute } from './route'

const contains = (haystack: string | null, needle: string) =>
  haystack !== null && haystack.toLowerCase().includes(needle.toLowerCase())

/** `search=` compares phone digits only for phone-like terms, so "ZP-MARIA01" can't match a phone ending in 01. */
const PHONE_LIKE = /^[\d\s()+.-]+$/

function matchesPhone(row: CustomerRow, raw: string): boolean {
  const digits = digitsOf(raw)
  // Zupy normalises phones to E.164 internally, so "(11) 98765-4321" finds +5511987654321 (§4.1).
  return digits !== '' && row.phone !== null && digitsOf(row.phone).includes(digits)
}

function matchesSearch(row: CustomerRow, term: string): boolean {
  return (
    contains(row.full_name, term) ||
    contains(row.email, term) ||
    contains(row.card_number, term) ||
    (PHONE_LIKE.test(term) && matchesPhone(row, term))
  )
}

export function customerRoutes(ctx: SandboxContext): ApiRoute[] {
  return [
    served(customerEndpoints.search, (c) => {
      const page = readPageRequest(c)
      if (Array.isArray(page)) return validationProblem(c, page)
      // django-filter ignores empty parameters, so `?name=` filters nothing.
      const q = (name: string) => {
        const value = c.req.query(name)?.trim()
        return value === undefined || value === '' ? undefined : value
      }
      const phone = q('phone')
      const email = q('email')
      const name = q('name')
      const card = q('card_code')
      const search = q('search')
      const tier = q('tier')
      const segment = q('segment')
      const rows = ctx.db.customers
        .all()
        .filter(
          (row) =>
            (phone === undefined || matchesPhone(row, phone)) &&
            (email === undefined || contains(row.email, email)) &&
            (name === undefined || contains(row.full_name, name)) &&
            (card === undefined || contains(row.card_number, card)) &&
            (search === undefined || matchesSearch(row, search)) &&
            (tier === undefined || row.tier === tier.toLowerCase()) &&
            (segment === undefined || row.rfm_segment === segment.toLowerCase()),
        )
      return sendPage(c, ctx, rows.map(customerSummary), page)
    }),
    served(customerEndpoints.get, (c, { id }) => {
      const row = ctx.db.customers.byId(id)
      if (!row) return problem(c, 404, 'not-found', 'Cliente não encontrado.')
      return sendOne(c, ctx, customerProfile(row))
    }),
    served(customerEndpoints.points, (c, { id }) => {
      const row = ctx.db.customers.byId(id)
      if (!row) return problem(c, 404, 'not-found', 'Cliente não encontrado.')
      return sendOne(c, ctx, pointsBalance(row))
    }),
  ]
}
