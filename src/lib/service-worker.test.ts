import { afterEach, describe, expect, it, vi } from 'vitest'
import { registerServiceWorker, SERVICE_WORKER_URL } from './service-worker'

function installContainer(register: ReturnType<typeof vi.fn>) {
  Object.defineProperty(navigator, 'serviceWorker', { value: { register }, configurable: true })
}

afterEach(() => {
  Reflect.deleteProperty(navigator, 'serviceWorker')
  vi.restoreAllMocks()
})

describe('registerServiceWorker', () => {
  it('does nothing outside a production build (vite dev, tests)', () => {
    const register = vi.fn(() => Promise.resolve({}))
    installContainer(register)
    expect(registerServiceWorker({ production: false })).toBe(false)
    // The default reads the build mode, which is not production under Vitest.
    expect(registerServiceWorker()).toBe(false)
    window.dispatchEvent(new Event('load'))
    expect(register).not.toHaveBeenCalled()
  })

  it('does nothing where the browser has no service workers (plain HTTP on a LAN address)', () => {
    expect('serviceWorker' in navigator).toBe(false)
    expect(registerServiceWorker({ production: true })).toBe(false)
  })

  it('registers /sw.js for the whole app once the page has loaded', () => {
    const register = vi.fn(() => Promise.resolve({}))
    installContainer(register)
    vi.spyOn(document, 'readyState', 'get').mockReturnValue('interactive')
    expect(registerServiceWorker({ production: true })).toBe(true)
    expect(register).not.toHaveBeenCalled()
    window.dispatchEvent(new Event('load'))
    window.dispatchEvent(new Event('load'))
    expect(register).toHaveBeenCalledExactlyOnceWith(SERVICE_WORKER_URL, { scope: '/' })
  })

  it('registers at once when the page had already loaded', () => {
    const register = vi.fn(() => Promise.resolve({}))
    installContainer(register)
    vi.spyOn(document, 'readyState', 'get').mockReturnValue('complete')
    registerServiceWorker({ production: true })
    expect(register).toHaveBeenCalledOnce()
  })

  it('hands the registration over, to watch for new builds', async () => {
    const registration = { scope: '/' }
    installContainer(vi.fn(() => Promise.resolve(registration)))
    vi.spyOn(document, 'readyState', 'get').mockReturnValue('complete')
    const onRegistered = vi.fn()
    registerServiceWorker({ production: true, onRegistered })
    await vi.waitFor(() => {
      expect(onRegistered).toHaveBeenCalledExactlyOnceWith(registration)
    })
  })

  it('only warns when registration fails: the app works without it', async () => {
    const failure = new Error('SecurityError')
    installContainer(vi.fn(() => Promise.reject(failure)))
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    vi.spyOn(document, 'readyState', 'get').mockReturnValue('complete')
    registerServiceWorker({ production: true })
    await vi.waitFor(() => {
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('service worker'), failure)
    })
  })
})
