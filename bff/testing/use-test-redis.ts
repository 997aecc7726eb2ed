/**
 * One throwaway redis-server for the calling test file (started before its tests, stopped after),
 * and the Redis stores its tests open on it, all closed at the end. Call it at the top level of a
 * Vitest file. (bff/testing/redis-server.ts has no Vitest import: the benchmarks start one too.)
 */
import { afterAll, beforeAll } from 'vitest'
import { createRedisStore, type RedisStore, type RedisStoreOptions } from '../state/redis-store'
import { startTestRedis, type TestRedis } from './redis-server'

export interface TestRedisStores {
  /** The server: its URL, and stop/start for "Redis went away and came back". */
  server(): TestRedis
  /** A Redis store, on that server unless `url` says otherwise, closed after the file's tests. */
  open(options?: Partial<RedisStoreOptions>): RedisStore
}

export function useTestRedis(): TestRedisStores {
  let redis: TestRedis | undefined
  const opened: RedisStore[] = []
  beforeAll(async () => {
    redis = await startTestRedis()
  })
  afterAll(async () => {
    for (const store of opened) await store.close()
    await redis?.stop()
  })
  const server = () => {
    if (!redis) throw new Error('useTestRedis: the server starts in beforeAll')
    return redis
  }
  return {
    server,
    open(options = {}) {
      const store = createRedisStore({ ...options, url: options.url ?? server().url })
      opened.push(store)
      return store
    },
  }
}
