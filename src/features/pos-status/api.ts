import { queryOptions } from '@tanstack/react-query'
import * as z from 'zod/mini'
import { request, getJson } from '../../lib/api-client'

// The BFF's own bodies (not Zupy's), so they live here rather than in contract/.

export const PosModeSchema = z.enum(['sandbox', 'live'])
export type PosMode = z.infer<typeof PosModeSchema>

/** `GET /api/pos/config`: how this till's server is set up. */
export const PosConfigSchema = z.object({
  mode: PosModeSchema,
  version: z.string(),
  // Shown for information only, so new presets or shapes must not break the banner.
  sandbox: z.optional(z.object({ otp_policy: z.string(), shape: z.string() })),
  // This till's name (`POS_TILL_NAME`, printed on use slips) and the store's time zone (the Today
  // screen's days). Optional so the app still reads a BFF from before the till journal.
  till: z.optional(z.string()),
  time_zone: z.optional(z.string()),
})
export type PosConfig = z.infer<typeof PosConfigSchema>

/** `GET /api/pos/health`: whether the BFF can reach Zupy (or its sandbox) right now. */
export const PosHealthSchema = z.object({
  status: z.string(),
  mode: PosModeSchema,
  upstream: z.object({
    reachable: z.boolean(),
    latency_ms: z.nullish(z.number().check(z.nonnegative())),
  }),
  // Where sign-outs and security counters live; optional so the app still reads an older BFF.
  shared_state: z.optional(z.enum(['in-process', 'redis', 'unavailable'])),
})
export type PosHealth = z.infer<typeof PosHealthSchema>

export const posStatusKeys = {
  all: ['pos-status'] as const,
  config: () => [...posStatusKeys.all, 'config'] as const,
  health: () => [...posStatusKeys.all, 'health'] as const,
  clock: () => [...posStatusKeys.all, 'clock'] as const,
}

export const posConfigQueryOptions = () =>
  queryOptions({
    queryKey: posStatusKeys.config(),
    queryFn: ({ signal }) => getJson('/api/pos/config', PosConfigSchema, { signal }),
    // Fixed for the life of the server process.
    staleTime: 5 * 60_000,
  })

export const posHealthQueryOptions = () =>
  queryOptions({
    queryKey: posStatusKeys.health(),
    queryFn: async ({ signal }) => {
      // A degraded BFF may say so with 503 and the same body; that is an answer, not a failure.
      const answer = await request({
        path: '/api/pos/health',
        signal,
        expect: { 200: PosHealthSchema, 503: PosHealthSchema },
      })
      return answer.data
    },
    // Diagnostics should show the situation now, not 30 s ago.
    staleTime: 0,
  })

/**
 * This device's clock minus the till server's, in ms (positive: the device is ahead), from the
 * `Date` header of a cheap BFF answer; null when the header is missing (a proxy may drop it).
 * OTP countdowns and "valid until" are read against the device's clock, so a wrong one shows up
 * there first. A raw fetch, because the api client hands back bodies and this is a header.
 */
export async function measureClockSkew(
  signal?: AbortSignal,
  now: () => number = Date.now,
): Promise<number | null> {
  const sent = now()
  const response = await fetch('/api/pos/config', {
    cache: 'no-store',
    credentials: 'same-origin',
    signal,
  })
  const received = now()
  // Read to the end (a few bytes) so the connection is free again.
  await response.text()
  const date = Date.parse(response.headers.get('Date') ?? '')
  if (Number.isNaN(date)) return null
  // The header is whole seconds: the server read its clock somewhere in [date, date + 1 s).
  return (sent + received) / 2 - (date + 500)
}

export const clockSkewQueryOptions = () =>
  queryOptions({
    queryKey: posStatusKeys.clock(),
    queryFn: ({ signal }) => measureClockSkew(signal),
    staleTime: 0,
  })
