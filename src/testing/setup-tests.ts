import '@testing-library/jest-dom/vitest'
import { cleanup } from '@testing-library/react'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { resetDeviceStorage } from '../lib/device-storage'
import { server } from './msw-server'

// A request no test planned for is a bug in the test or the app, so it fails loudly.
beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' })
})

afterEach(() => {
  cleanup()
  server.resetHandlers()
  localStorage.clear()
  resetDeviceStorage()
})

afterAll(() => {
  server.close()
})
