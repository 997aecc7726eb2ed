import { describe, expect, it } from 'vitest'
import { post, problemOf, setupSignedIn } from './testing/app'

/** Request bodies (request-body.ts), through a table route that takes one. */

describe('request bodies', () => {
  it('refuses a body over 4 KB with 413, by declared length or by actual size', async () => {
    const { call, upstream } = await setupSignedIn()
    const big = JSON.stringify({ identifier: 'x'.repeat(5000) })
    const declared = await post(call, {
      headers: { 'content-type': 'application/json', 'content-length': String(big.length) },
      body: big,
    })
    expect(declared.status).toBe(413)
    const streamed = await post(call, {
      headers: { 'content-type': 'application/json' },
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < 10; i++)
            controller.enqueue(new TextEncoder().encode('x'.repeat(1000)))
          controller.close()
        },
      }),
      // @ts-expect-error undici needs duplex for a streamed request body; lib.dom lacks the field
      duplex: 'half',
    })
    expect(streamed.status).toBe(413)
    expect((await problemOf(streamed)).slug).toBe('payload-too-large')
    expect(upstream.calls).toHaveLength(0)
  })

  it.each([
    ['invalid JSON', '{"identifier":'],
    ['a schema failure', '{"identifier":"+5511987654321","extra":1}'],
    ['a wrong type', '{"identifier":5511987654321}'],
    ['an array', '[]'],
    ['a missing body', ''],
  ])('refuses %s with 400 validation-error', async (_name, body) => {
    const { call, upstream } = await setupSignedIn()
    const response = await post(call, { headers: { 'content-type': 'application/json' }, body })
    expect(response.status).toBe(400)
    expect((await problemOf(response)).slug).toBe('validation-error')
    expect(upstream.calls).toHaveLength(0)
  })
})
