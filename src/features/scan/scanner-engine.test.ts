import { afterEach, describe, expect, it, vi } from 'vitest'

/**
 * html5-qrcode as it behaves around its first frame: start() resolves and getState() says
 * SCANNING before the video has a frame; the paused overlay, and `isScanning`, come with the
 * first frame; until then pause() throws. The callbacks are kept so a test can play frames.
 */
const fake = vi.hoisted(() => {
  const State = { NOT_STARTED: 1, SCANNING: 2, PAUSED: 3 } as const
  const instances: FakeScanner[] = []
  class FakeScanner {
    state: number = State.NOT_STARTED
    isScanning = false
    paused: boolean[] = []
    onCode: ((text: string, result: unknown) => void) | null = null
    onNoCode: (() => void) | null = null
    constructor() {
      instances.push(this)
    }
    start(_camera: unknown, _config: unknown, onCode: never, onNoCode: never) {
      this.onCode = onCode
      this.onNoCode = onNoCode
      this.state = State.SCANNING
      return Promise.resolve(null)
    }
    firstFrame() {
      this.isScanning = true
    }
    getState() {
      return this.state
    }
    pause(freezeVideo: boolean) {
      if (!this.isScanning) throw new Error('[internal error] scanner paused UI element not found')
      this.state = State.PAUSED
      this.paused.push(freezeVideo)
    }
    resume() {
      this.state = State.SCANNING
    }
    getRunningTrackSettings() {
      return { deviceId: 'cam-1' }
    }
    getRunningTrackCameraCapabilities() {
      return { torchFeature: () => ({ isSupported: () => false }) }
    }
    stop() {
      this.state = State.NOT_STARTED
      return Promise.resolve()
    }
  }
  return { State, FakeScanner, instances }
})

vi.mock('html5-qrcode', () => ({
  Html5Qrcode: fake.FakeScanner,
  Html5QrcodeScannerState: fake.State,
  Html5QrcodeSupportedFormats: { QR_CODE: 0 },
}))

const { startCameraScanner } = await import('./scanner-engine')

function start() {
  const results: string[] = []
  const scanner = startCameraScanner(document.body, { deviceId: null }, (result) => {
    results.push(result.text)
  })
  const library = fake.instances.at(-1)
  if (!library) throw new Error('no Html5Qrcode was made')
  return { scanner, library, results }
}

afterEach(() => {
  document.body.replaceChildren()
})

describe('startCameraScanner before the first frame', () => {
  it('a pause does not throw; the first frame applies it and its code is not reported', async () => {
    const { scanner, library, results } = start()
    await scanner.started

    expect(() => {
      scanner.pause(false)
    }).not.toThrow()
    library.firstFrame()
    library.onCode?.('CZ-7K3M9P2Q', { result: {} })

    expect(library.paused).toEqual([false])
    expect(library.getState()).toBe(fake.State.PAUSED)
    expect(results).toEqual([])
  })

  it('a frame without a code applies the pause too, with its frozen video', async () => {
    const { scanner, library } = start()
    await scanner.started

    scanner.pause(true)
    library.firstFrame()
    library.onNoCode?.()

    expect(library.paused).toEqual([true])
  })

  it('a resume before the first frame cancels the pause: codes are reported', async () => {
    const { scanner, library, results } = start()
    await scanner.started

    scanner.pause(false)
    scanner.resume()
    library.firstFrame()
    library.onCode?.('CZ-7K3M9P2Q', { result: {} })

    expect(library.paused).toEqual([])
    expect(results).toEqual(['CZ-7K3M9P2Q'])
  })

  it('after the first frame a pause applies at once', async () => {
    const { scanner, library, results } = start()
    await scanner.started
    library.firstFrame()

    scanner.pause(false)
    library.onCode?.('CZ-7K3M9P2Q', { result: {} })

    expect(library.paused).toEqual([false])
    expect(results).toEqual([])
  })
})
