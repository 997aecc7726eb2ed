import { describe, expect, it } from 'vitest'
import { setupSignedIn } from '../testing/app'

describe('own routes', () => {
  it('refuses other methods on own routes', async () => {
    const { call } = await setupSignedIn()
    const response = await call('/api/pos/health', { method: 'POST' })
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe('GET')
  })
})
