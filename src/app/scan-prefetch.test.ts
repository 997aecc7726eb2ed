import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

// The real modules are large (the scanner, the decoder); what matters here is when they are asked for.
const prefetchDecoder = vi.fn<() => Promise<void>>()
vi.mock('../features/scan/scanner-engine', () => ({ prefetchDecoder }))
vi.mock('./routes/scan', () => ({ ScanRoute: () => null }))

async function freshModule() {
  vi.resetModules()
  return import('./scan-prefetch')
}

beforeEach(() => {
  prefetchDecoder.mockReset()
  prefetchDecoder.mockResolvedValue(undefined)
})
afterEach(() => {
  vi.useRealTimers()
})

describe('prefetchScanScreen', () => {
  it('fetches the decoder once, however often the cashier points at "Scan"', async () => {
    const { prefetchScanScreen } = await freshModule()
    prefetchScanScreen()
    prefetchScanScreen()
    await vi.waitFor(() => {
      expect(prefetchDecoder).toHaveBeenCalledTimes(1)
    })
    prefetchScanScreen()
    await Promise.resolve()
    expect(prefetchDecoder).toHaveBeenCalledTimes(1)
  })

  it('tries again on the next chance after a failed fetch', async () => {
    prefetchDecoder.mockRejectedValueOnce(new Error('offline'))
    const { prefetchScanScreen } = await freshModule()
    prefetchScanScreen()
    await vi.waitFor(() => {
      expect(prefetchDecoder).toHaveBeenCalledTimes(1)
    })
    await new Promise((resolve) => setTimeout(resolve, 0))
    prefetchScanScreen()
    await vi.waitFor(() => {
      expect(prefetchDecoder).toHaveBeenCalledTimes(2)
    })
  })
})

describe('prefetchScanScreenWhenIdle', () => {
  it('waits for the first screen to settle, and a cancel before then fetches nothing', async () => {
    vi.useFakeTimers()
    const { prefetchScanScreenWhenIdle } = await freshModule()
    const cancel = prefetchScanScreenWhenIdle(1000)
    await vi.advanceTimersByTimeAsync(500)
    cancel()
    await vi.advanceTimersByTimeAsync(5000)
    expect(prefetchDecoder).not.toHaveBeenCalled()

    prefetchScanScreenWhenIdle(1000)
    await vi.advanceTimersByTimeAsync(999)
    expect(prefetchDecoder).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(3000)
    vi.useRealTimers()
    await vi.waitFor(() => {
      expect(prefetchDecoder).toHaveBeenCalledTimes(1)
    })
  })

  it('offline, fetches nothing until the connection is back, then fetches once', async () => {
    vi.useFakeTimers()
    const onLine = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false)
    try {
      const { prefetchScanScreenWhenIdle, prefetchScanScreen } = await freshModule()
      prefetchScanScreenWhenIdle(1000)
      await vi.advanceTimersByTimeAsync(5000)
      prefetchScanScreen()
      vi.useRealTimers()
      await new Promise((resolve) => setTimeout(resolve, 10))
      expect(prefetchDecoder).not.toHaveBeenCalled()

      onLine.mockReturnValue(true)
      window.dispatchEvent(new Event('online'))
      await vi.waitFor(() => {
        expect(prefetchDecoder).toHaveBeenCalledTimes(1)
      })
    } finally {
      onLine.mockRestore()
    }
  })

  it('a cancel while offline also drops the wait for the connection', async () => {
    vi.useFakeTimers()
    const onLine = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false)
    try {
      const { prefetchScanScreenWhenIdle } = await freshModule()
      const cancel = prefetchScanScreenWhenIdle(1000)
      await vi.advanceTimersByTimeAsync(5000)
      cancel()
      onLine.mockReturnValue(true)
      window.dispatchEvent(new Event('online'))
      vi.useRealTimers()
      await new Promise((resolve) => setTimeout(resolve, 10))
      expect(prefetchDecoder).not.toHaveBeenCalled()
    } finally {
      onLine.mockRestore()
    }
  })

  it('does nothing on the scan screen itself, which loads the decoder on its own', async () => {
    vi.useFakeTimers()
    window.history.pushState({}, '', '/scan')
    try {
      const { prefetchScanScreenWhenIdle } = await freshModule()
      prefetchScanScreenWhenIdle(1000)
      await vi.advanceTimersByTimeAsync(5000)
      vi.useRealTimers()
      await new Promise((resolve) => setTimeout(resolve, 10))
      expect(prefetchDecoder).not.toHaveBeenCalled()
    } finally {
      window.history.pushState({}, '', '/')
    }
  })
})
