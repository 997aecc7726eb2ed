import { onlineManager } from '@tanstack/react-query'
import { useSyncExternalStore } from 'react'

function subscribe(onChange: () => void): () => void {
  window.addEventListener('online', onChange)
  window.addEventListener('offline', onChange)
  return () => {
    window.removeEventListener('online', onChange)
    window.removeEventListener('offline', onChange)
  }
}

const readOnline = () => navigator.onLine

/**
 * Whether the browser believes it has a network. A hint only (Chromium can report "online" with no
 * route to the server), so a false here disables actions, while a true never promises success:
 * failed calls still say so through their own errors.
 */
export function useOnline(): boolean {
  // Without a browser there is nothing to ask; assume online so nothing renders disabled.
  return useSyncExternalStore(subscribe, readOnline, () => true)
}

/**
 * Makes React Query's online state follow navigator.onLine from the first query on. Its own
 * listener starts "online" and learns only from later online/offline events, so a page opened
 * offline (the installed app on a dead network) would send its first requests anyway and show
 * their errors. With this, queries (networkMode 'online') wait paused until the network returns,
 * then run. Mutations are unaffected: they run 'always' (see query-client.ts).
 */
export function followBrowserOnlineState(): void {
  onlineManager.setEventListener((setOnline) => {
    setOnline(navigator.onLine)
    return subscribe(() => {
      setOnline(navigator.onLine)
    })
  })
}
