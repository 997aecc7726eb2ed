import '@testing-library/jest-dom/vitest'
import { cleanup, configure } from '@testing-library/react'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { resetDeviceStorage } from '../lib/device-storage'
import { server } from './msw-server'

// findBy / waitFor give up after 3 s, not 1 s: a lazy screen (the scanner's chunk above all) can
// take over a second to import on a loaded 2-core machine, which failed tests such as "navigates
// to Scan and Settings" though nothing was wrong. A passing wait returns as soon as it holds.
configure({ asyncUtilTimeout: 3000 })

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
