/** Where the build writes the worker (scripts/service-worker-build.ts); the BFF serves it no-cache. */
export const SERVICE_WORKER_URL = '/sw.js'

export interface RegisterOptions {
  /** Defaults to the build mode: under `vite` dev a cached shell would hide every saved change. */
  production?: boolean
  /** Receives the registration, e.g. to watch for a new build's worker. */
  onRegistered?: (registration: ServiceWorkerRegistration) => void
}

/**
 * Registers the app-shell service worker (src/lib/service-worker-script.ts), in production builds
 * only. Browsers offer service workers only to secure pages (https://, localhost), so on a
 * plain-HTTP LAN address this does nothing and the app simply has no offline shell.
 *
 * Returns whether a registration was started.
 */
export function registerServiceWorker({
  production = import.meta.env.PROD,
  onRegistered,
}: RegisterOptions = {}): boolean {
  if (!production || !('serviceWorker' in navigator)) return false
  const register = () => {
    navigator.serviceWorker.register(SERVICE_WORKER_URL, { scope: '/' }).then(
      (registration) => onRegistered?.(registration),
      (error: unknown) => {
        // Not the cashier's problem: the app works the same, it only cannot open offline.
        console.warn('Zupy POS: the service worker could not be registered', error)
      },
    )
  }
  // After the page's own first load, so installing the shell never competes with it.
  if (document.readyState === 'complete') register()
  else window.addEventListener('load', register, { once: true })
  return true
}
