import { useQuery } from '@tanstack/react-query'
import { http, HttpResponse } from 'msw'
import { useState } from 'react'
import { z } from 'zod'
import { PROBLEM_TYPE_BASE } from '../../../contract/problem-body'
import { getJson } from '../../lib/api-client'
import { server } from '../../testing/msw-server'
import { buildPosConfig } from '../../testing/pos-fixtures'

/** Test support: the BFF's session rules in MSW (ADR 004), and a screen that reads customer data. */

export const PROBE_PATH = '/api/v2/customers/probe/'

export interface FakeSessionBff {
  signedIn: boolean
  /** Every request the fake answered, in order: `METHOD path`. */
  requests: string[]
  /** PINs received by POST /api/pos/session. */
  pins: string[]
  /** Ends the session as the server would (idle expiry, restart): the next /api/v2 call is 401. */
  expire: () => void
}

const problem = (
  slug: string,
  status: number,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) =>
  HttpResponse.json(
    { type: `${PROBLEM_TYPE_BASE}${slug}`, title: slug, status, ...extra },
    { status, headers: { 'Content-Type': 'application/problem+json', ...headers } },
  )

/**
 * A stateful stand-in for the BFF's session API: the right PIN signs in, five wrong ones lock
 * sign-in for `lockoutS` (429 + Retry-After), DELETE signs out, and the probe route answers 401
 * `session-required` without a session.
 */
export function useFakeSessionBff(
  options: {
    signedIn?: boolean
    pin?: string
    idleTimeoutS?: number
    pinHint?: string | null
    lockoutS?: number
    customerName?: string
  } = {},
): FakeSessionBff {
  const pin = options.pin ?? '1234'
  const idleTimeoutS = options.idleTimeoutS ?? 900
  const lockoutMs = (options.lockoutS ?? 300) * 1000
  let failures = 0
  let lockedUntil = 0
  const fake: FakeSessionBff = {
    signedIn: options.signedIn ?? false,
    requests: [],
    pins: [],
    expire: () => {
      fake.signedIn = false
    },
  }
  const log = (request: Request) => {
    fake.requests.push(`${request.method} ${new URL(request.url).pathname}`)
  }

  server.use(
    http.get('/api/pos/session', ({ request }) => {
      log(request)
      return HttpResponse.json(
        fake.signedIn
          ? {
              authenticated: true,
              idle_expires_at: new Date(Date.now() + idleTimeoutS * 1000).toISOString(),
              expires_at: new Date(Date.now() + 12 * 3_600_000).toISOString(),
              idle_timeout_s: idleTimeoutS,
            }
          : { authenticated: false, idle_timeout_s: idleTimeoutS },
      )
    }),
    http.post('/api/pos/session', async ({ request }) => {
      log(request)
      const body = (await request.json()) as { pin: string }
      fake.pins.push(body.pin)
      const now = Date.now()
      const lockedOut = () =>
        problem(
          'rate-limit-exceeded',
          429,
          {},
          { 'Retry-After': String(Math.ceil((lockedUntil - now) / 1000)) },
        )
      if (lockedUntil > now) return lockedOut()
      if (body.pin !== pin) {
        failures += 1
        if (failures >= 5) {
          lockedUntil = now + lockoutMs
          return lockedOut()
        }
        return problem('invalid-pin', 401, { attempts_remaining: 5 - failures })
      }
      failures = 0
      fake.signedIn = true
      return new HttpResponse(null, { status: 204 })
    }),
    http.delete('/api/pos/session', ({ request }) => {
      log(request)
      fake.signedIn = false
      return new HttpResponse(null, { status: 204 })
    }),
    http.get('/api/pos/config', ({ request }) => {
      log(request)
      return HttpResponse.json({ ...buildPosConfig(), pin_hint: options.pinHint ?? null })
    }),
    http.get(PROBE_PATH, ({ request }) => {
      log(request)
      if (!fake.signedIn) return problem('session-required', 401)
      return HttpResponse.json({ name: options.customerName ?? 'Maria Silva' })
    }),
  )
  return fake
}

/** How many requests the fake answered for `METHOD path`. */
export const countRequests = (fake: FakeSessionBff, request: string) =>
  fake.requests.filter((r) => r === request).length

export const probeKey = ['customers', 'probe'] as const

/** A screen with customer data from the API and some local state of its own (a typed note). */
export function CustomerProbe() {
  const [note, setNote] = useState('')
  const customer = useQuery({
    queryKey: probeKey,
    queryFn: ({ signal }) => getJson(PROBE_PATH, z.object({ name: z.string() }), { signal }),
  })
  return (
    <section>
      <p>{customer.data ? `Customer: ${customer.data.name}` : 'No customer'}</p>
      <label>
        Note
        <input
          value={note}
          onChange={(event) => {
            setNote(event.target.value)
          }}
        />
      </label>
      <button type="button" onClick={() => void customer.refetch()}>
        Reload customer
      </button>
    </section>
  )
}
