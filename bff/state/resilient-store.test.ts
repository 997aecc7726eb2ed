/**
 * Redis going away and coming back, against a real redis-server (one for this file): the store
 * keeps answering from this instance's memory, says so, logs once a minute at most, and is
 * shared again once Redis answers.
 */
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { captureLogger } from '../testing/http'
import { setupSignedIn } from '../testing/app'
import { useTestRedis } from '../testing/use-test-redis'
import { PIN_RULES } from '../pin-lockout'
import { createMemoryStore } from './memory-store'
import { REDIS_ERROR_LOG_INTERVAL_MS, createResilientStore } from './resilient-store'

const AT = Date.parse('2026-03-25T08:00:00Z')

const redis = useTestRedis()

async function until(condition: () => boolean, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

function open(prefix: string) {
  return redis.open({ prefix, commandTimeoutMs: 200 })
}

describe('the resilient store', () => {
  it('falls back while Redis is away, logs once a minute, and shares again when it is back', async () => {
    const prefix = `test-${randomBytes(6).toString('hex')}:`
    const logs = captureLogger()
    const clock = { ms: 0 }
    const redisStore = open(prefix)
    const store = createResilientStore({
      redis: redisStore,
      fallback: createMemoryStore(),
      logger: logs.logger,
      clock: () => clock.ms,
    })
    const peer = open(prefix)
    await until(() => store.status() === 'redis' && peer.status() === 'redis')

    await store.revokeSession('shared', AT + 60_000, AT)
    expect(await peer.isRevoked('shared', AT)).toBe(true)

    await redis.server().stop()
    await until(() => store.status() === 'unavailable')
    // Every call still answers, from memory, and a burst logs one error line.
    for (let i = 0; i < 20; i++) await store.revokeSession(`local-${i}`, AT + 60_000, AT)
    expect(await store.isRevoked('local-3', AT)).toBe(true)
    expect((await store.attemptPin('c', PIN_RULES, AT)).locked).toBe(false)
    const reservation = await store.reserveCode('s', { limit: 10, windowMs: 60_000 }, AT)
    expect(reservation.kind).toBe('granted')
    const errors = () => logs.records().filter((r) => r.level === 'error')
    expect(errors()).toHaveLength(1)
    expect(JSON.stringify(errors()[0])).not.toContain(redis.server().url)
    clock.ms += REDIS_ERROR_LOG_INTERVAL_MS
    await store.isRevoked('x', AT)
    expect(errors()).toHaveLength(2)

    await redis.server().start()
    await until(() => redisStore.client.status === 'ready' && peer.client.status === 'ready')
    await until(() => store.status() === 'redis')
    // Redis lost its keys (no persistence); what is written now is shared again.
    await store.revokeSession('after', AT + 60_000, AT)
    expect(await peer.isRevoked('after', AT)).toBe(true)
    if (reservation.kind === 'granted')
      expect(
        await store.releaseCode('s', reservation.id, false, { limit: 10, windowMs: 60_000 }, AT),
      ).toBe(false)
  })

  it('answers /api/pos/health with 200 and shared_state "unavailable" while Redis is away', async () => {
    const redisStore = redis.open({ url: 'redis://127.0.0.1:1', commandTimeoutMs: 200 })
    const state = createResilientStore({
      redis: redisStore,
      fallback: createMemoryStore(),
      logger: captureLogger().logger,
    })
    const { call } = await setupSignedIn({ state })
    const response = await call('/api/pos/health')
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ shared_state: 'unavailable' })
  })
})
