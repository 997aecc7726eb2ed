import { useSyncExternalStore } from 'react'
import { SKIP_WAITING } from '../../lib/service-worker-script'

/**
 * A till stays open all day and never navigates by itself, so the browser's own check for a new
 * /sw.js (on navigation) almost never runs: the app asks this often, and when the till comes back
 * into view or online.
 */
export const UPDATE_CHECK_INTERVAL_MS = 30 * 60_000

/**
 * Whether a new build's service worker is installed and waiting (src/lib/service-worker-script.ts
 * no longer takes over by itself), and the cashier's way to switch to it.
 */
export interface AppUpdates {
  /** Follows `registration` for new builds and checks for one now and then; returns a stop. */
  watch: (registration: ServiceWorkerRegistration) => () => void
  subscribe: (listener: () => void) => () => void
  /** True while a new build waits for this page to let it take over. */
  available: () => boolean
  /** Lets the waiting build take over, then reloads once it has: the page is the new build. */
  apply: () => void
}

export function createAppUpdates({
  reload = () => {
    window.location.reload()
  },
  checkEveryMs = UPDATE_CHECK_INTERVAL_MS,
}: { reload?: () => void; checkEveryMs?: number } = {}): AppUpdates {
  let waiting: ServiceWorker | null = null
  let applying = false
  const listeners = new Set<() => void>()

  const setWaiting = (worker: ServiceWorker | null) => {
    if (worker === waiting) return
    waiting = worker
    for (const listener of listeners) listener()
  }

  const track = (worker: ServiceWorker) => {
    setWaiting(worker)
    worker.addEventListener('statechange', () => {
      // Activating (this page or another tab let it in) or redundant (a newer build replaced it):
      // either way it no longer waits.
      if (worker.state !== 'installed' && waiting === worker) setWaiting(null)
    })
  }

  return {
    watch(registration) {
      if (registration.waiting) track(registration.waiting)
      const onUpdateFound = () => {
        const installing = registration.installing
        if (!installing) return
        installing.addEventListener('statechange', () => {
          // The very first worker (no page controlled yet) activates by itself: nothing to offer.
          if (installing.state === 'installed' && navigator.serviceWorker.controller)
            track(installing)
        })
      }
      const check = () => {
        registration.update().catch(() => {
          // Offline, or the server is restarting for the deploy: the next check will see it.
        })
      }
      const onVisibility = () => {
        if (document.visibilityState === 'visible') check()
      }
      registration.addEventListener('updatefound', onUpdateFound)
      document.addEventListener('visibilitychange', onVisibility)
      window.addEventListener('online', check)
      const timer = setInterval(check, checkEveryMs)
      return () => {
        registration.removeEventListener('updatefound', onUpdateFound)
        document.removeEventListener('visibilitychange', onVisibility)
        window.removeEventListener('online', check)
        clearInterval(timer)
      }
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    available: () => waiting !== null,
    apply() {
      const worker = waiting
      if (!worker || applying) return
      applying = true
      // `activated` rather than `controllerchange`: it also comes for a page the old worker never
      // controlled, and by then the new build's cache is the only one left.
      worker.addEventListener('statechange', () => {
        if (worker.state === 'activated') reload()
      })
      worker.postMessage({ type: SKIP_WAITING })
    },
  }
}

/** The page's one instance: main.tsx feeds it the registration, the header reads it. */
export const appUpdates = createAppUpdates()

export function useUpdateAvailable(updates: AppUpdates = appUpdates): boolean {
  return useSyncExternalStore(updates.subscribe, updates.available)
}
