import { queryOptions } from '@tanstack/react-query'
import * as z from 'zod/mini'
import { isProblem, ProblemBodySchema } from '../../../contract/problem-body'
import { ApiError, getJson, request } from '../../lib/api-client'

// The BFF's own session API (docs/decisions/004-cashier-session.md), not Zupy's.

/** `GET /api/pos/session`: never 401, and it does not slide the idle deadline. */
export const SessionStatusSchema = z.object({
  authenticated: z.boolean(),
  idle_expires_at: z.optional(z.string()),
  expires_at: z.optional(z.string()),
  idle_timeout_s: z.int().check(z.positive()),
})
export type SessionStatus = z.infer<typeof SessionStatusSchema>

/** Only the part of `GET /api/pos/config` the lock screen reads. */
const PinHintSchema = z.object({ pin_hint: z.nullish(z.string()) })

export const sessionKeys = {
  all: ['cashier-session'] as const,
  status: () => [...sessionKeys.all, 'status'] as const,
  pinHint: () => [...sessionKeys.all, 'pin-hint'] as const,
}

export const sessionStatusQueryOptions = () =>
  queryOptions({
    queryKey: sessionKeys.status(),
    queryFn: ({ signal }) => getJson('/api/pos/session', SessionStatusSchema, { signal }),
    // Read once per page load and after each unlock; the store follows the calls in between.
    staleTime: Infinity,
  })

export const pinHintQueryOptions = () =>
  queryOptions({
    queryKey: sessionKeys.pinHint(),
    queryFn: async ({ signal }) =>
      (await getJson('/api/pos/config', PinHintSchema, { signal })).pin_hint ?? null,
    staleTime: Infinity,
  })

/** How one PIN attempt ended. Anything else (offline, 5xx…) throws an ApiError. */
export type SignInOutcome =
  | { outcome: 'signed-in' }
  | { outcome: 'wrong-pin'; attemptsRemaining: number | null }
  | { outcome: 'locked-out'; retryAfterS: number }

const InvalidPinSchema = z.extend(ProblemBodySchema, {
  attempts_remaining: z.optional(z.int().check(z.nonnegative())),
})

/** Sign-in is locked for 5 minutes after five wrong PINs; used when Retry-After is unreadable. */
const DEFAULT_LOCKOUT_S = 300

/** `POST /api/pos/session {pin}`. Signing in while signed in renews the session. */
export async function signIn(pin: string): Promise<SignInOutcome> {
  const path = '/api/pos/session'
  try {
    const answer = await request({
      path,
      method: 'POST',
      body: { pin },
      expect: { 204: z.undefined(), 401: InvalidPinSchema },
    })
    if (answer.status === 204) return { outcome: 'signed-in' }
    if (!isProblem(answer.data, 'invalid-pin')) {
      throw new ApiError({ kind: 'http', method: 'POST', path, status: 401, problem: answer.data })
    }
    return { outcome: 'wrong-pin', attemptsRemaining: answer.data.attempts_remaining ?? null }
  } catch (error) {
    if (error instanceof ApiError && error.status === 429) {
      return { outcome: 'locked-out', retryAfterS: error.retryAfterSeconds ?? DEFAULT_LOCKOUT_S }
    }
    throw error
  }
}

/** `DELETE /api/pos/session`: the server revokes the session and clears the cookie. */
export async function signOut(): Promise<void> {
  await request({ path: '/api/pos/session', method: 'DELETE', expect: { 204: z.undefined() } })
}
