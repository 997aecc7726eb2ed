import { afterEach, describe, expect, it, vi } from 'vitest'
import { createAppUpdates, UPDATE_CHECK_INTERVAL_MS } from './app-updates'
import {
  asRegistration,
  FakeRegistration,
  FakeWorker,
  installContainer,
  removeContainer,
} from './testing'

afterEach(() => {
  removeContainer()
  vi.useRealTimers()
})

describe('createAppUpdates', () => {
  it('offers a build that was already waiting when the page loaded', () => {
    installContainer(true)
    const updates = createAppUpdates()
    const registration = new FakeRegistration()
    registration.waiting = new FakeWorker('installed')
    updates.watch(asRegistration(registration))
    expect(updates.available()).toBe(true)
  })

  it('offers a new build once it has installed next to the running one', () => {
    installContainer(true)
    const updates = createAppUpdates()
    const registration = new FakeRegistration()
    const listener = vi.fn()
    updates.subscribe(listener)
    updates.watch(asRegistration(registration))

    const worker = registration.found()
    expect(updates.available()).toBe(false)
    worker.moveTo('installed')
    expect(updates.available()).toBe(true)
    expect(listener).toHaveBeenCalledOnce()
  })

  it('offers nothing for the very first worker: it takes over by itself', () => {
    installContainer(false)
    const updates = createAppUpdates()
    const registration = new FakeRegistration()
    updates.watch(asRegistration(registration))
    registration.found().moveTo('installed')
    expect(updates.available()).toBe(false)
  })

  it('withdraws the offer when the build stops waiting (another tab let it in, or a newer one came)', () => {
    installContainer(true)
    const updates = createAppUpdates()
    const registration = new FakeRegistration()
    const worker = new FakeWorker('installed')
    registration.waiting = worker
    updates.watch(asRegistration(registration))
    worker.moveTo('redundant')
    expect(updates.available()).toBe(false)
  })

  it('apply lets the waiting worker in and reloads once, when it has taken over', () => {
    installContainer(true)
    const reload = vi.fn()
    const updates = createAppUpdates({ reload })
    const registration = new FakeRegistration()
    const worker = new FakeWorker('installed')
    registration.waiting = worker
    updates.watch(asRegistration(registration))

    updates.apply()
    updates.apply()
    expect(worker.messages).toEqual([{ type: 'skip-waiting' }])
    worker.moveTo('activating')
    // Its old cache is still being deleted: too early to load the new build.
    expect(reload).not.toHaveBeenCalled()
    worker.moveTo('activated')
    expect(reload).toHaveBeenCalledOnce()
  })

  it('apply does nothing when no build waits', () => {
    const reload = vi.fn()
    createAppUpdates({ reload }).apply()
    expect(reload).not.toHaveBeenCalled()
  })

  it('asks the server for a new build every half hour, on coming back into view and on coming online', () => {
    vi.useFakeTimers()
    installContainer(true)
    const updates = createAppUpdates()
    const registration = new FakeRegistration()
    const stop = updates.watch(asRegistration(registration))

    vi.advanceTimersByTime(UPDATE_CHECK_INTERVAL_MS - 1)
    expect(registration.updates).toBe(0)
    vi.advanceTimersByTime(1)
    expect(registration.updates).toBe(1)
    document.dispatchEvent(new Event('visibilitychange'))
    expect(registration.updates).toBe(2)
    window.dispatchEvent(new Event('online'))
    expect(registration.updates).toBe(3)

    stop()
    vi.advanceTimersByTime(UPDATE_CHECK_INTERVAL_MS)
    document.dispatchEvent(new Event('visibilitychange'))
    window.dispatchEvent(new Event('online'))
    expect(registration.updates).toBe(3)
  })

  it('does not check while the till is hidden, and shrugs off a failed check', async () => {
    installContainer(true)
    const updates = createAppUpdates()
    const registration = new FakeRegistration()
    const update = vi.spyOn(registration, 'update').mockRejectedValue(new TypeError('offline'))
    updates.watch(asRegistration(registration))
    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden')
    document.dispatchEvent(new Event('visibilitychange'))
    expect(update).not.toHaveBeenCalled()
    visibility.mockReturnValue('visible')
    document.dispatchEvent(new Event('visibilitychange'))
    expect(update).toHaveBeenCalledOnce()
    // The rejection is handled: an unhandled one would fail the run.
    await Promise.resolve()
    visibility.mockRestore()
  })
})
