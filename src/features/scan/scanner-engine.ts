/**
 * The camera scanner: html5-qrcode's `Html5Qrcode` (our own UI, not its widget) reading through
 * ZXing-C++ in WebAssembly. This module is only ever loaded with a dynamic `import()`, so neither
 * html5-qrcode (~108 kB gzip) nor the decoder glue is in the first load; the `.wasm` (~1.1 MB)
 * comes from our own origin (`?url`, hashed under /assets), never a CDN.
 */
import {
  BarcodeDetector,
  prepareZXingModule,
  purgeZXingModule,
  ZXING_WASM_VERSION,
} from 'barcode-detector/ponyfill'
import {
  Html5Qrcode,
  Html5QrcodeScannerState,
  Html5QrcodeSupportedFormats,
  type Html5QrcodeResult,
} from 'html5-qrcode'
import zxingReaderWasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url'
import { setDecoderStatus, type DecoderStatus } from './decoder-status'

const WASM_TIMEOUT_MS = 10_000

const overrides = {
  locateFile: (path: string, prefix: string) =>
    path.endsWith('.wasm') ? zxingReaderWasmUrl : prefix + path,
}

let decoderReady: Promise<DecoderStatus> | null = null

/**
 * Downloads the `.wasm` ahead of the scan screen (src/app/scan-prefetch.ts), into the browser's
 * HTTP cache (it is served immutable), so the decoder's own fetch is a cache hit. Nothing is
 * compiled or installed here: the diagnostics keep saying "not loaded yet" until a scan starts.
 */
let wasmPrefetch: Promise<void> | null = null

export function prefetchDecoder(): Promise<void> {
  // A scan screen already loading it: its own fetch is the one that counts.
  if (decoderReady) return Promise.resolve()
  wasmPrefetch ??= (async () => {
    const response = await fetch(zxingReaderWasmUrl)
    if (!response.ok) throw new Error(`decoder prefetch: HTTP ${String(response.status)}`)
    await response.arrayBuffer()
  })().catch((error: unknown) => {
    wasmPrefetch = null
    throw error
  })
  return wasmPrefetch
}

/**
 * Loads and checks the ZXing-C++ `.wasm`, then installs the ponyfill as `globalThis.BarcodeDetector`
 * so html5-qrcode picks it as its primary decoder. html5-qrcode makes that choice in its
 * constructor, so this must settle before `new Html5Qrcode()`. A failed or hung load leaves
 * html5-qrcode on its own zxing-js decoder and says so in the decoder status; the failure is
 * not sticky (qr-decoders.md §8): the next scanner mount tries again from scratch.
 */
export function prepareDecoder(): Promise<DecoderStatus> {
  if (decoderReady) return decoderReady
  const ready = loadDecoder()
  decoderReady = ready
  void ready.then((status) => {
    if (status.state === 'fallback') decoderReady = null
  })
  return ready
}

async function loadDecoder(): Promise<DecoderStatus> {
  // A platform detector (or ours, from an earlier mount) is already there: html5-qrcode uses it.
  const installed = (globalThis as { BarcodeDetector?: unknown }).BarcodeDetector
  if (installed !== undefined) {
    const status: DecoderStatus =
      installed === BarcodeDetector
        ? { state: 'zxing-wasm', version: ZXING_WASM_VERSION }
        : { state: 'native' }
    setDecoderStatus(status)
    return status
  }
  setDecoderStatus({ state: 'loading' })
  // A prefetch under way: let it finish, so the decoder's own fetch is a cache hit, not a second
  // download racing the first.
  await wasmPrefetch?.catch(() => undefined)
  let timer: ReturnType<typeof setTimeout> | undefined
  try {
    await Promise.race([
      (async () => {
        await prepareZXingModule({ overrides, fireImmediately: true })
        // A .wasm from another zxing-wasm version loads but fails on first use; try it once.
        await new BarcodeDetector({ formats: ['qr_code'] }).detect(new ImageData(8, 8))
      })(),
      new Promise((_, reject) => {
        timer = setTimeout(() => {
          reject(new Error(`no decoder after ${WASM_TIMEOUT_MS} ms`))
        }, WASM_TIMEOUT_MS)
      }),
    ])
    Object.defineProperty(globalThis, 'BarcodeDetector', {
      value: BarcodeDetector,
      configurable: true,
      writable: true,
    })
    const status: DecoderStatus = { state: 'zxing-wasm', version: ZXING_WASM_VERSION }
    setDecoderStatus(status)
    return status
  } catch (error) {
    purgeZXingModule()
    const status: DecoderStatus = { state: 'fallback', reason: describe(error) }
    setDecoderStatus(status)
    return status
  } finally {
    clearTimeout(timer)
  }
}

function firstFrame(video: HTMLVideoElement, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer)
      video.removeEventListener('playing', done)
      video.removeEventListener('error', done)
      resolve()
    }
    const timer = setTimeout(done, timeoutMs)
    video.addEventListener('playing', done)
    video.addEventListener('error', done)
  })
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`
  return String(error)
}

export interface CameraChoice {
  /** A `deviceId`, or null for "the rear camera" (facingMode environment). */
  deviceId: string | null
}

export interface ScanResult {
  text: string
  /** 'BarcodeDetector' or 'zxing-js', as html5-qrcode reports it. */
  decoder: string | null
}

export interface RunningCamera {
  /** The deviceId of the camera in use, when the browser says. */
  deviceId: string | null
  torchSupported: boolean
}

export interface CameraScanner {
  /** Resolves once frames arrive (or rejects with the reason the camera could not start). */
  started: Promise<RunningCamera>
  /**
   * Stops decoding until resume(); the picture stays unless `freezeVideo` (a hidden tab). No-op
   * when not scanning.
   */
  pause: (freezeVideo: boolean) => void
  resume: () => void
  setTorch: (on: boolean) => Promise<void>
  /** Ends every camera track and removes the scanner's elements. Safe to call more than once. */
  stop: () => Promise<void>
}

/**
 * Starts the camera inside `container`, in a host element of its own: under React StrictMode an
 * effect mounts twice, and two scanners must never share one element (toolchain.md §4).
 */
/** html5-qrcode finds its element by id; each start gets its own. */
let hosts = 0

export function startCameraScanner(
  container: HTMLElement,
  choice: CameraChoice,
  onResult: (result: ScanResult) => void,
): CameraScanner {
  const host = document.createElement('div')
  host.id = `qr-host-${String((hosts += 1))}`
  // html5-qrcode's own "Scanner paused" banner is English-only; the screen says it instead.
  host.className = 'qr-host'
  container.appendChild(host)

  const scanner = new Html5Qrcode(host.id, {
    verbose: false,
    formatsToSupport: [Html5QrcodeSupportedFormats.QR_CODE],
    useBarCodeDetectorIfSupported: true,
  })

  let stopped = false
  /**
   * A pause asked for before the first frame. html5-qrcode reports SCANNING as soon as start()
   * resolves but builds its paused overlay only on the first frame, and its pause() throws until
   * then ("scanner paused UI element not found"): a wedge scan while a slow camera was opening
   * took the scan screen down. Such a pause waits here and is applied on the first decoded frame.
   */
  let pendingPause: boolean | null = null
  const applyPendingPause = () => {
    if (pendingPause === null || !scanner.isScanning) return
    const freezeVideo = pendingPause
    pendingPause = null
    if (scanner.getState() === Html5QrcodeScannerState.SCANNING) scanner.pause(freezeVideo)
  }
  const started = scanner
    .start(
      choice.deviceId ?? { facingMode: 'environment' },
      // No qrbox: the whole frame is decoded, so a code off-centre is read too.
      { fps: 10 },
      (text: string, result: Html5QrcodeResult) => {
        applyPendingPause()
        if (stopped || scanner.getState() !== Html5QrcodeScannerState.SCANNING) return
        onResult({ text, decoder: result.result.debugData?.decoderName ?? null })
      },
      // Called for every frame without a code.
      applyPendingPause,
    )
    .then((): RunningCamera => {
      const settings = scanner.getRunningTrackSettings()
      let torchSupported = false
      try {
        torchSupported = scanner.getRunningTrackCameraCapabilities().torchFeature().isSupported()
      } catch {
        // getCapabilities() is missing in some browsers (Firefox): no torch then.
      }
      return { deviceId: settings.deviceId ?? null, torchSupported }
    })

  const stop = async () => {
    if (stopped) return
    stopped = true
    // start() resolves before frames arrive and isScanning flips only then: a cleanup that checked
    // isScanning left the track live when the cashier left during startup. getState() is right.
    await started.catch(() => undefined)
    // html5-qrcode calls video.play() without handling its promise; stopping before the first
    // frame rejects it ("play() request was interrupted") as an uncaught error. Its isScanning
    // flips on that first frame, so until then wait for it (briefly) before taking the video away.
    const video = host.querySelector('video')
    if (video && !scanner.isScanning) await firstFrame(video, 2000)
    try {
      if (scanner.getState() !== Html5QrcodeScannerState.NOT_STARTED) await scanner.stop()
    } catch {
      // Already stopping or stopped: the tracks are ended either way.
    } finally {
      host.remove()
    }
  }

  return {
    started,
    pause: (freezeVideo) => {
      if (stopped || scanner.getState() !== Html5QrcodeScannerState.SCANNING) return
      if (scanner.isScanning) scanner.pause(freezeVideo)
      else pendingPause = freezeVideo
    },
    resume: () => {
      pendingPause = null
      if (!stopped && scanner.getState() === Html5QrcodeScannerState.PAUSED) scanner.resume()
    },
    setTorch: async (on) => {
      await scanner.getRunningTrackCameraCapabilities().torchFeature().apply(on)
    },
    stop,
  }
}
