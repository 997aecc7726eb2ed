import { useSyncExternalStore } from 'react'

/**
 * Which QR decoder the camera uses. Kept outside the lazily loaded scanner so a diagnostics view
 * (the scan screen now, Settings later) can read it without loading html5-qrcode.
 */
export type DecoderStatus =
  /** The scanner has not been opened in this visit. */
  | { state: 'idle' }
  | { state: 'loading' }
  /** ZXing-C++ (WebAssembly, self-hosted) behind the BarcodeDetector API. */
  | { state: 'zxing-wasm'; version: string }
  /** The browser's own BarcodeDetector (Chrome on Android and macOS). */
  | { state: 'native' }
  /** The .wasm did not load: html5-qrcode's built-in decoder only (no inverted/low-contrast QR). */
  | { state: 'fallback'; reason: string }

let status: DecoderStatus = { state: 'idle' }
const listeners = new Set<() => void>()

export function getDecoderStatus(): DecoderStatus {
  return status
}

export function setDecoderStatus(next: DecoderStatus): void {
  status = next
  for (const listener of listeners) listener()
}

function subscribe(listener: () => void) {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

export function useDecoderStatus(): DecoderStatus {
  return useSyncExternalStore(subscribe, getDecoderStatus, getDecoderStatus)
}
