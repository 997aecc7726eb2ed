/**
 * The scan screen answers in under a second when its code is already here: the route, the
 * scanner (html5-qrcode, ~110 KB gzip) and the decoder's `.wasm` (~360 KB brotli). None of it is
 * in the first load; it is fetched when the browser is idle after the first screen, and at once
 * when the cashier points at or focuses "Scan". Fetched once: a failure is forgotten so that the
 * next chance tries again, and the screen still loads everything itself if it has to.
 * Offline, nothing is fetched (it could only fail, and each failure is a console error on a till
 * that is already showing the offline banner); the idle prefetch waits for the connection.
 */

import { paths } from '../config/paths'

/** The scan route's module; the router loads the same one, so a prefetch is what it gets. */
export const loadScanRoute = () => import('./routes/scan')

let started: Promise<unknown> | null = null

export function prefetchScanScreen(): void {
  if (started || !navigator.onLine) return
  const run = Promise.all([
    loadScanRoute(),
    import('../features/scan/scanner-engine').then((engine) => engine.prefetchDecoder()),
  ])
  started = run
  run.catch(() => {
    started = null
  })
}

/**
 * After the first screen: once the browser has been idle for a moment. Not on the scan screen
 * itself, which is loading all of it already (a second download of the decoder would race its
 * own). Returns a cancel.
 */
export function prefetchScanScreenWhenIdle(delayMs = 1000): () => void {
  let idle: number | undefined
  let waitingForConnection = false
  const prefetchElsewhere = () => {
    if (!navigator.onLine) {
      waitingForConnection = true
      window.addEventListener('online', prefetchElsewhere, { once: true })
      return
    }
    waitingForConnection = false
    if (window.location.pathname !== paths.scan.href()) prefetchScanScreen()
  }
  const timer = setTimeout(() => {
    if ('requestIdleCallback' in window)
      idle = window.requestIdleCallback(prefetchElsewhere, { timeout: 2000 })
    else prefetchElsewhere()
  }, delayMs)
  return () => {
    clearTimeout(timer)
    if (idle !== undefined) window.cancelIdleCallback(idle)
    if (waitingForConnection) window.removeEventListener('online', prefetchElsewhere)
  }
}
