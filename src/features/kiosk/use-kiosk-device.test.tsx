import { act, renderHook } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest'
import { KIOSK_ATTRIBUTE, useKioskDevice } from './use-kiosk-device'

/** A Screen Wake Lock the test can release, as the browser does when the page is hidden. */
class FakeSentinel extends EventTarget {
  released = false
  release = vi.fn(() => {
    this.released = true
    this.dispatchEvent(new Event('release'))
    return Promise.resolve()
  })
}

let sentinels: FakeSentinel[]
let wakeLockRequest: Mock<(type: 'screen') => Promise<FakeSentinel>>
let requestFullscreen: Mock<() => Promise<void>>
let exitFullscreen: Mock<() => Promise<void>>
let fullscreenElement: Element | null
let visibility: DocumentVisibilityState

const flush = () =>
  act(async () => {
    await Promise.resolve()
    await Promise.resolve()
  })

beforeEach(() => {
  sentinels = []
  fullscreenElement = null
  visibility = 'visible'
  wakeLockRequest = vi.fn((_type: 'screen') => {
    const sentinel = new FakeSentinel()
    sentinels.push(sentinel)
    return Promise.resolve(sentinel)
  })
  requestFullscreen = vi.fn(() => {
    fullscreenElement = document.documentElement
    return Promise.resolve()
  })
  exitFullscreen = vi.fn(() => {
    fullscreenElement = null
    return Promise.resolve()
  })
  Object.defineProperty(navigator, 'wakeLock', {
    configurable: true,
    value: { request: wakeLockRequest },
  })
  Object.defineProperty(document, 'fullscreenEnabled', { configurable: true, value: true })
  Object.defineProperty(document, 'fullscreenElement', {
    configurable: true,
    get: () => fullscreenElement,
  })
  Object.defineProperty(document, 'exitFullscreen', { configurable: true, value: exitFullscreen })
  Object.defineProperty(document, 'visibilityState', {
    configurable: true,
    get: () => visibility,
  })
  document.documentElement.requestFullscreen = requestFullscreen
})

afterEach(() => {
  for (const key of ['wakeLock'] as const) Reflect.deleteProperty(navigator, key)
  for (const key of [
    'fullscreenEnabled',
    'fullscreenElement',
    'exitFullscreen',
    'visibilityState',
  ] as const) {
    Reflect.deleteProperty(document, key)
  }
  Reflect.deleteProperty(document.documentElement, 'requestFullscreen')
})

const tap = () => {
  document.body.dispatchEvent(new PointerEvent('pointerup', { bubbles: true }))
}

describe('useKioskDevice', () => {
  it('does nothing while kiosk mode is off', async () => {
    renderHook(() => {
      useKioskDevice(false)
    })
    tap()
    await flush()
    expect(document.documentElement.hasAttribute(KIOSK_ATTRIBUTE)).toBe(false)
    expect(requestFullscreen).not.toHaveBeenCalled()
    expect(wakeLockRequest).not.toHaveBeenCalled()
  })

  it('marks <html> for the kiosk styles and holds the screen awake', async () => {
    renderHook(() => {
      useKioskDevice(true)
    })
    await flush()
    expect(document.documentElement.hasAttribute(KIOSK_ATTRIBUTE)).toBe(true)
    expect(wakeLockRequest).toHaveBeenCalledWith('screen')
  })

  it('goes fullscreen on the first tap (a user gesture), and asks again after leaving it', async () => {
    renderHook(() => {
      useKioskDevice(true)
    })
    expect(requestFullscreen).not.toHaveBeenCalled()
    tap()
    await flush()
    expect(requestFullscreen).toHaveBeenCalledTimes(1)
    tap()
    await flush()
    expect(requestFullscreen).toHaveBeenCalledTimes(1)
    fullscreenElement = null // a swipe or Escape left it
    tap()
    await flush()
    expect(requestFullscreen).toHaveBeenCalledTimes(2)
  })

  it('stays quiet where fullscreen is refused or missing', async () => {
    requestFullscreen.mockImplementation(() => Promise.reject(new TypeError('denied')))
    renderHook(() => {
      useKioskDevice(true)
    })
    tap()
    await flush()
    Object.defineProperty(document, 'fullscreenEnabled', { configurable: true, value: undefined })
    tap()
    await flush()
    expect(requestFullscreen).toHaveBeenCalledTimes(1)
  })

  it('takes the wake lock again when the page is visible again, or on the next tap', async () => {
    renderHook(() => {
      useKioskDevice(true)
    })
    await flush()
    // Hidden: the browser releases it.
    visibility = 'hidden'
    await act(async () => {
      await sentinels[0]?.release()
    })
    document.dispatchEvent(new Event('visibilitychange'))
    await flush()
    expect(wakeLockRequest).toHaveBeenCalledTimes(1)

    // Visible again, but the request needs a fresh gesture (iOS): refused, then the tap retries.
    visibility = 'visible'
    wakeLockRequest.mockImplementationOnce(() =>
      Promise.reject(new DOMException('gesture', 'NotAllowedError')),
    )
    document.dispatchEvent(new Event('visibilitychange'))
    await flush()
    expect(wakeLockRequest).toHaveBeenCalledTimes(2)
    tap()
    await flush()
    expect(wakeLockRequest).toHaveBeenCalledTimes(3)
    expect(sentinels).toHaveLength(2)
    tap()
    await flush()
    expect(wakeLockRequest).toHaveBeenCalledTimes(3)
  })

  it('works without the Wake Lock API', async () => {
    Reflect.deleteProperty(navigator, 'wakeLock')
    renderHook(() => {
      useKioskDevice(true)
    })
    tap()
    await flush()
    expect(requestFullscreen).toHaveBeenCalledTimes(1)
  })

  it('leaving kiosk mode leaves fullscreen, releases the lock and the styles', async () => {
    const { rerender } = renderHook(
      ({ on }) => {
        useKioskDevice(on)
      },
      { initialProps: { on: true } },
    )
    tap()
    await flush()
    rerender({ on: false })
    await flush()
    expect(exitFullscreen).toHaveBeenCalledTimes(1)
    expect(sentinels[0]?.release).toHaveBeenCalled()
    expect(document.documentElement.hasAttribute(KIOSK_ATTRIBUTE)).toBe(false)
    tap()
    await flush()
    expect(requestFullscreen).toHaveBeenCalledTimes(1)
  })

  it('blocks the context menu on controls, not in text fields', () => {
    renderHook(() => {
      useKioskDevice(true)
    })
    document.body.innerHTML =
      '<nav><a href="/scan">Scan</a></nav><button>Use</button><input type="search" /><p>Text</p>'
    const menu = (selector: string) => {
      const event = new MouseEvent('contextmenu', { bubbles: true, cancelable: true })
      document.querySelector(selector)?.dispatchEvent(event)
      return event.defaultPrevented
    }
    expect(menu('button')).toBe(true)
    expect(menu('a')).toBe(true)
    expect(menu('input')).toBe(false)
    expect(menu('p')).toBe(false)
    document.body.innerHTML = ''
  })
})
