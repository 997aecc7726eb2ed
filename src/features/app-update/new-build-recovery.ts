import { useIsMutating } from '@tanstack/react-query'
import { useEffect, useRef, useState } from 'react'

/**
 * A page opened on build N asks for build N's lazy screens by their hashed names. Once the server
 * holds build N+1 (and no service worker keeps build N for this page: plain-HTTP LAN tills have
 * none), those files are gone and the import fails. The cure is to load the page again, at the
 * address the cashier was going to: it comes from the new build.
 */

/** Errors Vite reported as a failed chunk (or its CSS) load; see {@link watchFailedChunkLoads}. */
const failedChunkLoads = new WeakSet<object>()

/**
 * Vite's lazy-import wrapper fires `vite:preloadError` on window with the error it then throws:
 * the one reliable way to tell "this chunk could not be fetched" from a screen that crashed, the
 * browsers' own messages for it all differ. Call once, before the first navigation.
 */
export function watchFailedChunkLoads(target: Window = window): void {
  target.addEventListener('vite:preloadError', (event) => {
    const { payload } = event as Event & { payload?: unknown }
    if (typeof payload === 'object' && payload !== null) failedChunkLoads.add(payload)
  })
}

export function isFailedChunkLoad(error: unknown): boolean {
  return typeof error === 'object' && error !== null && failedChunkLoads.has(error)
}

const STAMP_KEY = 'zupy-pos:new-build-reload'
/**
 * One reload per address in this long. If the page still fails right after its reload, the
 * problem is not an old page (the server's build is broken or half-copied): the error screen.
 */
export const RELOAD_GUARD_MS = 60_000

/** Records a reload of `url` unless one was made within {@link RELOAD_GUARD_MS}. */
export function claimReload(url: string, storage: () => Storage, now: number): boolean {
  try {
    const store = storage()
    const last = JSON.parse(store.getItem(STAMP_KEY) ?? 'null') as {
      url?: unknown
      at?: unknown
    } | null
    if (last?.url === url && typeof last.at === 'number' && now - last.at < RELOAD_GUARD_MS)
      return false
    store.setItem(STAMP_KEY, JSON.stringify({ url, at: now }))
    return true
  } catch {
    // No session storage (or garbage in it): without the guard a reload could loop.
    return false
  }
}

export interface ReloadDeps {
  fetch: typeof fetch
  /** A getter: merely reading `sessionStorage` throws where storage is blocked. */
  storage: () => Storage
  now: () => number
  reload: () => void
}

const browserDeps: ReloadDeps = {
  fetch: (...args) => window.fetch(...args),
  storage: () => window.sessionStorage,
  now: () => Date.now(),
  reload: () => {
    window.location.reload()
  },
}

/**
 * Reloads `url` when the server answers for it and no reload of it was made just now. Offline,
 * a reload would trade the app for the browser's own error page: the error screen is better.
 */
export async function reloadForNewBuild(url: string, deps: ReloadDeps): Promise<boolean> {
  try {
    // HEAD: the service worker leaves it alone, so this really asks the server.
    const answer = await deps.fetch(url, { method: 'HEAD', cache: 'no-store' })
    if (!answer.ok) return false
  } catch {
    return false
  }
  if (!claimReload(url, deps.storage, deps.now())) return false
  deps.reload()
  return true
}

/**
 * For an error boundary: true while `error` is a failed chunk load being cured by a reload of the
 * current address (the router has already moved to the screen the cashier asked for), false once
 * that is not possible. A redeem or validate still in flight is waited for: a reload would cut
 * its answer off.
 */
export function useNewBuildRecovery(error: unknown, deps: ReloadDeps = browserDeps): boolean {
  const chunkFailure = isFailedChunkLoad(error)
  const [gaveUpOn, setGaveUpOn] = useState<unknown>(null)
  const spending = useIsMutating() > 0
  // Per error, so React's second effect run in development does not try (and refuse) again.
  const startedFor = useRef<unknown>(null)
  const recovering = chunkFailure && gaveUpOn !== error

  useEffect(() => {
    if (!recovering || spending || startedFor.current === error) return
    startedFor.current = error
    console.warn('Zupy POS: a screen of an older build is gone from the server; reloading', error)
    void reloadForNewBuild(window.location.href, deps).then((reloaded) => {
      if (!reloaded) setGaveUpOn(error)
    })
  }, [recovering, spending, error, deps])

  return recovering
}
