import { createHash, randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import {
  RESERVATION_TTL_MS,
  secondsUntil,
  type CodeReservation,
  type LockoutCheck,
  type PinAttempt,
  type StateStore,
} from './store'

/**
 * The shared store: every read-modify-write is one Lua script, so instances racing on a key see
 * each other's counts exactly. Times are the callers' clocks (passed in, see store.ts); Redis key
 * expiry only cleans up, with margin, and never decides an answer.
 */

export const DEFAULT_REDIS_PREFIX = 'zupy-pos:'

/** KEYS: pin hash. ARGV: at, maxFailures, lockoutMs, memoryMs. → {locked, until|failures, startedNow} */
const PIN_ATTEMPT = `
local at = tonumber(ARGV[1])
local max = tonumber(ARGV[2])
local lockout = tonumber(ARGV[3])
local memory = tonumber(ARGV[4])
local state = redis.call('HMGET', KEYS[1], 'f', 'l', 'u')
local failures = tonumber(state[1] or '0')
local last = tonumber(state[2] or '0')
local locked = tonumber(state[3] or '0')
if locked > at then return {1, locked, 0} end
if (locked > 0 and locked <= at) or at - last >= memory then failures = 0 end
failures = failures + 1
if failures >= max then
  redis.call('HSET', KEYS[1], 'f', failures, 'l', at, 'u', at + lockout)
  redis.call('PEXPIRE', KEYS[1], lockout + memory)
  return {1, at + lockout, 1}
end
redis.call('HSET', KEYS[1], 'f', failures, 'l', at, 'u', 0)
redis.call('PEXPIRE', KEYS[1], memory)
return {0, failures, 0}
`

/**
 * KEYS: misses (zset of times), reservations (zset id → deadline), block (string: until).
 * ARGV: at, limit, windowMs, id, reservationTtlMs. → {0, until} blocked, {1} granted, {2} full.
 */
const CODE_RESERVE = `
local at = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local window = tonumber(ARGV[3])
local blocked = tonumber(redis.call('GET', KEYS[3]) or '0')
if blocked > at then return {0, blocked} end
if blocked ~= 0 then redis.call('DEL', KEYS[1], KEYS[3]) end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', at - window)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', at)
local misses = redis.call('ZCARD', KEYS[1])
local inFlight = redis.call('ZCARD', KEYS[2])
if misses + inFlight < limit then
  local ttl = tonumber(ARGV[5])
  redis.call('ZADD', KEYS[2], at + ttl, ARGV[4])
  redis.call('PEXPIRE', KEYS[2], ttl * 2)
  return {1, 0}
end
if inFlight == 0 then
  redis.call('SET', KEYS[3], at + window, 'PX', window * 2)
  return {0, at + window}
end
return {2, 0}
`

/** KEYS as CODE_RESERVE. ARGV: at, limit, windowMs, id, unknownCode (1/0). → 1 when blocked now. */
const CODE_RELEASE = `
local at = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local window = tonumber(ARGV[3])
redis.call('ZREM', KEYS[2], ARGV[4])
if ARGV[5] ~= '1' then return 0 end
redis.call('ZADD', KEYS[1], at, ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', at - window)
redis.call('PEXPIRE', KEYS[1], window * 2)
local blocked = tonumber(redis.call('GET', KEYS[3]) or '0')
if redis.call('ZCARD', KEYS[1]) >= limit and blocked <= at then
  redis.call('SET', KEYS[3], at + window, 'PX', window * 2)
  return 1
end
return 0
`

interface StateCommands {
  pinAttempt(key: string, ...args: (string | number)[]): Promise<[number, number, number]>
  codeReserve(
    misses: string,
    reservations: string,
    block: string,
    ...args: (string | number)[]
  ): Promise<[number, number]>
  codeRelease(
    misses: string,
    reservations: string,
    block: string,
    ...args: (string | number)[]
  ): Promise<number>
}

export interface RedisStoreOptions {
  url: string
  prefix?: string
  /** A command that has not answered by then fails (and the caller falls back); never a stall. */
  commandTimeoutMs?: number
  /**
   * Stands for a client address or session id in a key, so Redis holds neither (bff/main.ts
   * passes the keyed log hash; the default, an unkeyed SHA-256, is for tests).
   */
  keyOf?: (value: string) => string
}

export interface RedisStore extends StateStore {
  readonly client: Redis
}

/**
 * Commands fail at once while disconnected (no offline queue, no per-request retries), and the
 * client keeps reconnecting in the background, so a dead Redis costs a request nothing but the
 * fallback (resilient-store.ts).
 */
export function createRedisStore(options: RedisStoreOptions): RedisStore {
  const prefix = options.prefix ?? DEFAULT_REDIS_PREFIX
  const client = new Redis(options.url, {
    commandTimeout: options.commandTimeoutMs ?? 500,
    connectTimeout: 2000,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: (times) => Math.min(100 * times, 1000),
    lazyConnect: false,
  })
  client.defineCommand('pinAttempt', { numberOfKeys: 1, lua: PIN_ATTEMPT })
  client.defineCommand('codeReserve', { numberOfKeys: 3, lua: CODE_RESERVE })
  client.defineCommand('codeRelease', { numberOfKeys: 3, lua: CODE_RELEASE })
  const commands = client as unknown as StateCommands

  const keyOf =
    options.keyOf ??
    ((value: string) => createHash('sha256').update(value).digest('base64url').slice(0, 22))
  const revokedKey = (id: string) => `${prefix}revoked:${keyOf(id)}`
  const pinKey = (client: string) => `${prefix}pin:${keyOf(client)}`
  const codeKeys = (session: string) => {
    const key = keyOf(session)
    return [
      `${prefix}code:${key}:misses`,
      `${prefix}code:${key}:flight`,
      `${prefix}code:${key}:block`,
    ] as const
  }

  return {
    status: () => (client.status === 'ready' ? 'redis' : 'unavailable'),
    client,
    async revokeSession(sessionId, expiresAt, at) {
      const ttl = Math.ceil(expiresAt - at)
      if (ttl > 0) await client.set(revokedKey(sessionId), '1', 'PX', ttl)
    },
    async isRevoked(sessionId) {
      return (await client.exists(revokedKey(sessionId))) === 1
    },
    async checkPin(key, _rules, at): Promise<LockoutCheck> {
      const until = Number((await client.hget(pinKey(key), 'u')) ?? 0)
      return until > at ? { locked: true, retryAfterS: secondsUntil(until, at) } : { locked: false }
    },
    async attemptPin(key, rules, at): Promise<PinAttempt> {
      const [locked, value, startedNow] = await commands.pinAttempt(
        pinKey(key),
        at,
        rules.maxFailures,
        rules.lockoutMs,
        rules.memoryMs,
      )
      return locked === 1
        ? { locked: true, retryAfterS: secondsUntil(value, at), startedNow: startedNow === 1 }
        : { locked: false, attemptsRemaining: rules.maxFailures - value }
    },
    async clearPin(key) {
      await client.del(pinKey(key))
    },
    async reserveCode(key, rules, at): Promise<CodeReservation> {
      const id = randomBytes(9).toString('base64url')
      const [kind, until] = await commands.codeReserve(
        ...codeKeys(key),
        at,
        rules.limit,
        rules.windowMs,
        id,
        RESERVATION_TTL_MS,
      )
      if (kind === 1) return { kind: 'granted', id }
      if (kind === 2) return { kind: 'full' }
      return { kind: 'blocked', retryAfterS: secondsUntil(until, at) }
    },
    async releaseCode(key, id, unknownCode, rules, at) {
      const blocked = await commands.codeRelease(
        ...codeKeys(key),
        at,
        rules.limit,
        rules.windowMs,
        id,
        unknownCode ? '1' : '0',
      )
      return blocked === 1
    },
    async close() {
      client.disconnect()
      return Promise.resolve()
    },
  }
}
