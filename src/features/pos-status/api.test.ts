import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { server } from '../../testing/msw-server'
import { buildPosConfig } from '../../testing/pos-fixtures'
import { measureClockSkew } from './api'

function serverTime(date: string | null) {
  server.use(
    http.get('/api/pos/config', () =>
      HttpResponse.json(buildPosConfig(), { headers: date === null ? {} : { Date: date } }),
    ),
  )
}

/** A device clock that reads `times` in turn: the send, then the answer. */
function deviceClock(...times: number[]) {
  return () => times.shift() ?? Number.NaN
}

describe('measureClockSkew', () => {
  it('compares the middle of the round trip with the middle of the server second', async () => {
    const second = Date.parse('2026-11-25T12:00:00Z')
    serverTime(new Date(second).toUTCString())
    // Sent at :09.9, answered at :10.1 on the device: the device is about 9.6 s ahead.
    const skew = await measureClockSkew(undefined, deviceClock(second + 9_900, second + 10_100))
    expect(skew).toBe(9_500)
  })

  it('is negative when the device is behind', async () => {
    const second = Date.parse('2026-11-25T12:00:00Z')
    serverTime(new Date(second).toUTCString())
    expect(await measureClockSkew(undefined, deviceClock(second - 60_000, second - 60_000))).toBe(
      -60_500,
    )
  })

  it('is null when the answer carries no Date', async () => {
    serverTime(null)
    expect(await measureClockSkew()).toBeNull()
  })
})
