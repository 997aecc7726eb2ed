import type { BffLogger } from '../logger'
import type { RedisStore } from './redis-store'
import type { SharedState, StateStore } from './store'

/** At most one "Redis unavailable" error line this often, however many requests fall back. */
export const REDIS_ERROR_LOG_INTERVAL_MS = 60_000

export interface ResilientStoreOptions {
  redis: RedisStore
  /** This instance's memory, used while Redis does not answer. */
  fallback: StateStore
  logger: BffLogger
  /** The real clock, for spacing the error lines (not the injected request clock). */
  clock?: () => number
}

/**
 * Redis when it answers, this process's memory when it does not: a cashier is never stopped by
 * Redis going away. While it is away, the counts and sign-outs are per instance again (the
 * status says "unavailable"); ioredis keeps reconnecting, and the next command after it is back
 * goes to Redis. Reservations remember which store granted them, so each is released where it
 * was taken.
 */
export function createResilientStore(options: ResilientStoreOptions): StateStore {
  const { redis, fallback, logger } = options
  const clock = options.clock ?? Date.now
  let failing = false
  let lastLoggedAt = -Infinity

  const fail = (error: unknown) => {
    failing = true
    const at = clock()
    if (at - lastLoggedAt < REDIS_ERROR_LOG_INTERVAL_MS) return
    lastLoggedAt = at
    const code =
      error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.name) : 'unknown'
    logger.error(
      { error_code: code },
      "shared state: Redis unavailable; using this instance's memory until it answers",
    )
  }

  redis.client.on('error', fail)
  redis.client.on('ready', () => {
    if (!failing) return
    failing = false
    logger.info('shared state: Redis answers again')
  })

  /** Runs on Redis if it is connected and answers; otherwise the same call on the fallback. */
  const either = async <T>(onRedis: () => Promise<T>, onFallback: () => Promise<T>): Promise<T> => {
    if (redis.client.status !== 'ready') {
      fail(new Error('not connected'))
      return onFallback()
    }
    try {
      const value = await onRedis()
      failing = false
      return value
    } catch (error) {
      fail(error)
      return onFallback()
    }
  }

  return {
    status: (): SharedState =>
      redis.client.status === 'ready' && !failing ? 'redis' : 'unavailable',
    revokeSession: (id, expiresAt, at) =>
      either(
        () => redis.revokeSession(id, expiresAt, at),
        () => fallback.revokeSession(id, expiresAt, at),
      ),
    isRevoked: (id, at) =>
      either(
        () => redis.isRevoked(id, at),
        () => fallback.isRevoked(id, at),
      ),
    checkPin: (client, rules, at) =>
      either(
        () => redis.checkPin(client, rules, at),
        () => fallback.checkPin(client, rules, at),
      ),
    attemptPin: (client, rules, at) =>
      either(
        () => redis.attemptPin(client, rules, at),
        () => fallback.attemptPin(client, rules, at),
      ),
    clearPin: async (client) => {
      // Both: failures counted in memory while Redis was away are forgotten too.
      await fallback.clearPin(client)
      await either(
        () => redis.clearPin(client),
        () => Promise.resolve(),
      )
    },
    reserveCode: async (key, rules, at) => {
      const tag =
        (prefix: string) =>
        async (reserve: Promise<Awaited<ReturnType<StateStore['reserveCode']>>>) => {
          const reservation = await reserve
          return reservation.kind === 'granted'
            ? { ...reservation, id: `${prefix}${reservation.id}` }
            : reservation
        }
      return either(
        () => tag('r:')(redis.reserveCode(key, rules, at)),
        () => tag('m:')(fallback.reserveCode(key, rules, at)),
      )
    },
    releaseCode: (key, id, unknownCode, rules, at) => {
      const own = id.slice(2)
      if (id.startsWith('m:')) return fallback.releaseCode(key, own, unknownCode, rules, at)
      // A Redis reservation that cannot be released now lapses there (RESERVATION_TTL_MS).
      return either(
        () => redis.releaseCode(key, own, unknownCode, rules, at),
        () => Promise.resolve(false),
      )
    },
    close: async () => {
      await redis.close()
      await fallback.close()
    },
  }
}
