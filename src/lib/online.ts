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
