/**
 * The state-store contract, run against both stores: the in-process one and Redis (a real
 * redis-server on a free port, one for this file). The features are driven through their own
 * modules (session.ts, pin-lockout.ts, enumeration-guard.ts), as the BFF uses them.
 */
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  UNKNOWN_CODE_LIMIT,
  UNKNOWN_CODE_WINDOW_MS,
  createEnumerationGuard,
  type GuardTicket,
} from '../enumeration-guard'
import { MAX_PIN_FAILURES, PIN_LOCKOUT_MS, createPinLockout } from '../pin-lockout'
import { createSessionManager } from '../session'
import { useTestRedis } from '../testing/use-test-redis'
import { createMemoryStore } from './memory-store'
import type { RedisStore } from './redis-store'
import type { StateStore } from './store'

const START = Date.parse('2026-03-25T08:00:00Z')

const redis = useTestRedis()

async function redisStore(prefix: string): Promise<RedisStore> {
  const store = redis.open({ prefix })
  if (store.client.status !== 'ready')
    await new Promise((resolve) => store.client.once('ready', resolve))
  return store
}

/** Two handles on one state: two Redis clients on one prefix, or one shared in-process store. */
const implementations: [string, () => Promise<[StateStore, StateStore]>][] = [
  [
    'in-process',
    () => {
      const store = createMemoryStore()
      return Promise.resolve([store, store])
    },
  ],
  [
    'redis',
    async () => {
      // A prefix of its own: no test sees another's keys.
      const prefix = `test-${randomBytes(6).toString('hex')}:`
      return [await redisStore(prefix), await redisStore(prefix)]
    },
  ],
]

describe.each(implementations)('the %s state store', (_name, open) => {
  async function setup() {
    const [a, b] = await open()
    const clock = { ms: START }
    return { a, b, clock, now: () => clock.ms }
  }

  describe('sign-outs', () => {
    it('refuse a revoked session on every handle, until it would have expired anyway', async () => {
      const { a, b, clock, now } = await setup()
      const secret = 'a-session-secret-of-at-least-32-characters'
      const onA = createSessionManager({ secret, idleMs: 15 * 60_000, now, store: a })
      const onB = createSessionManager({ secret, idleMs: 15 * 60_000, now, store: b })
      const kept = onA.issue()
      const { session, token } = onA.issue()
      expect(await onB.verify(token)).not.toBeNull()
      await onA.revoke(session)
      expect(await onB.verify(token)).toBeNull()
      expect(await onA.verify(token)).toBeNull()
      expect(await onB.verify(kept.token)).not.toBeNull()
      expect(await b.isRevoked(session.id, clock.ms)).toBe(true)
      expect(await b.isRevoked(kept.session.id, clock.ms)).toBe(false)
    })

    it('keep nothing for a session already expired', async () => {
      const { a, b } = await setup()
      await a.revokeSession('gone', START - 1, START)
      expect(await b.isRevoked('gone', START)).toBe(false)
    })
  })

  describe('PIN lockout', () => {
    it('locks a client on the fifth wrong PIN, counting down the attempts before', async () => {
      const { a, b, now } = await setup()
      const handles = [createPinLockout(a, now), createPinLockout(b, now)]
      const outcomes = []
      for (let i = 0; i < MAX_PIN_FAILURES; i++)
        outcomes.push(await handles[i % 2]?.attempt('10.0.0.7'))
      expect(outcomes.slice(0, 4)).toEqual(
        [4, 3, 2, 1].map((n) => ({ locked: false, attemptsRemaining: n })),
      )
      expect(outcomes[4]).toEqual({ locked: true, retryAfterS: 300, startedNow: true })
      expect(await handles[0]?.check('10.0.0.7')).toEqual({ locked: true, retryAfterS: 300 })
      // Refused without counting while locked.
      expect(await handles[1]?.attempt('10.0.0.7')).toEqual({
        locked: true,
        retryAfterS: 300,
        startedNow: false,
      })
      // Only that client.
      expect(await handles[1]?.check('10.0.0.8')).toEqual({ locked: false })
    })

    it('counts parallel attempts one by one', async () => {
      const { a, b, now } = await setup()
      const onA = createPinLockout(a, now)
      const onB = createPinLockout(b, now)
      const outcomes = await Promise.all(
        Array.from({ length: 12 }, (_, i) => (i % 2 ? onB : onA).attempt('c')),
      )
      expect(outcomes.filter((o) => !o.locked)).toHaveLength(MAX_PIN_FAILURES - 1)
      expect(outcomes.filter((o) => o.locked && o.startedNow)).toHaveLength(1)
    })

    it('lifts after five minutes with a fresh count', async () => {
      const { a, clock, now } = await setup()
      const lockout = createPinLockout(a, now)
      for (let i = 0; i < MAX_PIN_FAILURES; i++) await lockout.attempt('c')
      clock.ms += PIN_LOCKOUT_MS - 1000
      expect(await lockout.check('c')).toEqual({ locked: true, retryAfterS: 1 })
      clock.ms += 1000
      expect(await lockout.check('c')).toEqual({ locked: false })
      expect(await lockout.attempt('c')).toEqual({ locked: false, attemptsRemaining: 4 })
    })

    it('forgets failures after a right PIN', async () => {
      const { a, b, now } = await setup()
      for (let i = 0; i < MAX_PIN_FAILURES - 1; i++) await createPinLockout(a, now).attempt('c')
      await createPinLockout(b, now).succeed('c')
      expect(await createPinLockout(a, now).attempt('c')).toEqual({
        locked: false,
        attemptsRemaining: 4,
      })
    })

    it('forgets old failures after 15 quiet minutes', async () => {
      const { a, clock, now } = await setup()
      const lockout = createPinLockout(a, now)
      for (let i = 0; i < MAX_PIN_FAILURES - 1; i++) await lockout.attempt('c')
      clock.ms += 15 * 60_000
      expect(await lockout.attempt('c')).toEqual({ locked: false, attemptsRemaining: 4 })
    })
  })

  describe('the unknown-code limiter', () => {
    async function guards() {
      const { a, b, clock, now } = await setup()
      const blocks: [string, number][] = []
      const onBlock = (key: string, retryAfterS: number) => blocks.push([key, retryAfterS])
      return {
        guards: [
          createEnumerationGuard({ store: a, now, onBlock }),
          createEnumerationGuard({ store: b, now, onBlock }),
        ] as const,
        clock,
        blocks,
      }
    }
    type Guard = Awaited<ReturnType<typeof guards>>['guards'][0]

    async function miss(guard: Guard, key: string) {
      const ticket = await guard.acquire(key)
      if (ticket.ok) await ticket.release(true)
      return ticket.ok
    }

    it('allows ten unknown codes a minute, then refuses with Retry-After, once logged', async () => {
      const {
        guards: [a, b],
        clock,
        blocks,
      } = await guards()
      for (let i = 0; i < UNKNOWN_CODE_LIMIT; i++)
        expect(await miss(i % 2 ? b : a, 's1')).toBe(true)
      clock.ms += 10_000
      expect(await a.acquire('s1')).toEqual({ ok: false, retryAfterS: 50 })
      expect(await b.acquire('s1')).toEqual({ ok: false, retryAfterS: 50 })
      expect(blocks).toEqual([['s1', 60]])
      // Another session is not affected.
      expect((await b.acquire('s2')).ok).toBe(true)
    })

    it('lifts the block when the window has passed, with a fresh budget', async () => {
      const {
        guards: [a, b],
        clock,
      } = await guards()
      for (let i = 0; i < UNKNOWN_CODE_LIMIT; i++) await miss(a, 's')
      clock.ms += UNKNOWN_CODE_WINDOW_MS
      for (let i = 0; i < UNKNOWN_CODE_LIMIT; i++) expect(await miss(b, 's')).toBe(true)
      expect((await a.acquire('s')).ok).toBe(false)
    })

    it('never counts known codes, however many', async () => {
      const {
        guards: [a, b],
      } = await guards()
      for (let i = 0; i < 50; i++) {
        const ticket = await (i % 2 ? b : a).acquire('s')
        expect(ticket.ok).toBe(true)
        if (ticket.ok) await ticket.release(false)
      }
    })

    it('forgets misses older than the window', async () => {
      const {
        guards: [a],
        clock,
      } = await guards()
      for (let i = 0; i < UNKNOWN_CODE_LIMIT - 1; i++) await miss(a, 's')
      clock.ms += UNKNOWN_CODE_WINDOW_MS
      for (let i = 0; i < UNKNOWN_CODE_LIMIT - 1; i++) expect(await miss(a, 's')).toBe(true)
    })

    it('lets at most ten of 50 parallel guesses through, and refuses the rest', async () => {
      const {
        guards: [a, b],
      } = await guards()
      const tickets = Array.from({ length: 50 }, (_, i) => (i % 2 ? b : a).acquire('s'))
      // Give every acquire a chance to run before any answer comes back.
      await new Promise((resolve) => setTimeout(resolve, 50))
      const settled: GuardTicket[] = []
      const granted: GuardTicket[] = []
      for (const ticket of tickets)
        void ticket.then((value) => {
          settled.push(value)
          if (value.ok) granted.push(value)
        })
      await new Promise((resolve) => setTimeout(resolve, 50))
      expect(granted).toHaveLength(UNKNOWN_CODE_LIMIT)
      for (const ticket of [...granted]) if (ticket.ok) await ticket.release(true)
      await Promise.all(tickets)
      expect(settled.filter((t) => t.ok)).toHaveLength(UNKNOWN_CODE_LIMIT)
      expect(settled.filter((t) => !t.ok)).toHaveLength(40)
    })

    it('lets 50 parallel lookups of known codes all through, ten at a time', async () => {
      const {
        guards: [a, b],
      } = await guards()
      let inFlight = 0
      let peak = 0
      await Promise.all(
        Array.from({ length: 50 }, async (_, i) => {
          const ticket = await (i % 2 ? b : a).acquire('s')
          expect(ticket.ok).toBe(true)
          inFlight += 1
          peak = Math.max(peak, inFlight)
          await new Promise((resolve) => setTimeout(resolve, 1))
          inFlight -= 1
          if (ticket.ok) await ticket.release(false)
        }),
      )
      expect(peak).toBe(UNKNOWN_CODE_LIMIT)
    })
  })
})

describe('the redis state store', () => {
  it('names keys under its prefix without the client address or session id', async () => {
    const store = await redisStore('keys-test:')
    await store.revokeSession('session-id-in-clear', START + 60_000, START)
    await createPinLockout(store, () => START).attempt('10.0.0.7')
    const guard = createEnumerationGuard({ store, now: () => START })
    const ticket = await guard.acquire('session-id-in-clear')
    if (ticket.ok) await ticket.release(true)
    const keys = await store.client.keys('keys-test:*')
    // A revocation, a PIN count, a miss and a block... at least the first three.
    expect(keys.length).toBeGreaterThanOrEqual(3)
    for (const key of keys) {
      expect(key).not.toContain('session-id-in-clear')
      expect(key).not.toContain('10.0.0.7')
    }
  })
})
