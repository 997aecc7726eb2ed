/**
 * Performance marks the scan screen sets, so the time from camera start to verdict can be
 * measured where it happens (the e2e reads them with `performance.getEntriesByName`; keep the
 * names in step with e2e/scan-camera.spec.ts).
 */
export const SCAN_MARKS = {
  /** The scanner module was requested (its chunk and the .wasm may still be loading). */
  engineRequested: 'zupy-scan:engine-requested',
  /** `Html5Qrcode.start()` was called: the camera is being opened. */
  cameraStart: 'zupy-scan:camera-start',
  /** The first frames arrived. */
  cameraReady: 'zupy-scan:camera-ready',
  /** A QR was decoded and accepted. */
  decoded: 'zupy-scan:decoded',
  /** A verdict is on screen for the read. */
  verdict: 'zupy-scan:verdict',
} as const

export function markScan(name: (typeof SCAN_MARKS)[keyof typeof SCAN_MARKS]): void {
  // performance.mark is missing in a few embedded browsers; timing is a nicety, never a failure.
  try {
    performance.mark(name)
  } catch {
    // ignore
  }
}
