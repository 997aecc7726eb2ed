import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { PROBLEM_TYPE_BASE } from '../../contract/problem-body'
import { server } from '../testing/msw-server'
import { getJson, request, subscribeToResponses, type ApiResponseInfo } from './api-client'

describe('subscribeToResponses', () => {
  it('reports every answer with its status and problem slug, but not a call with no answer', async () => {
    server.use(
      http.get('/api/v2/rewards/', () => HttpResponse.json({ ok: true })),
      http.get('/api/v2/customers/', () =>
        HttpResponse.json(
          { type: `${PROBLEM_TYPE_BASE}session-required`, title: 'x', status: 401 },
          { status: 401 },
        ),
      ),
      http.post('/api/v2/customers/', () => HttpResponse.error()),
    )
    const seen: ApiResponseInfo[] = []
    const stop = subscribeToResponses((info) => seen.push(info))
    await getJson('/api/v2/rewards/', z.unknown())
    await expect(getJson('/api/v2/customers/', z.unknown())).rejects.toMatchObject({ status: 401 })
    await expect(
      request({ path: '/api/v2/customers/', method: 'POST', expect: {} }),
    ).rejects.toMatchObject({ kind: 'network' })
    stop()
    await getJson('/api/v2/rewards/', z.unknown())

    expect(seen).toEqual([
      { method: 'GET', path: '/api/v2/rewards/', status: 200, slug: undefined },
      { method: 'GET', path: '/api/v2/customers/', status: 401, slug: 'session-required' },
    ])
  })
})
