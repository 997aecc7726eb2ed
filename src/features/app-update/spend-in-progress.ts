import { useIsMutating } from '@tanstack/react-query'
import { useSyncExternalStore } from 'react'

/**
 * True while the cashier is in the middle of something a reload would cut short:
 *
 * - any mutation in flight: in this app every mutation is a redeem, a validate, an OTP send or
 *   check, or the "check again" read after a lost answer. The OTP step runs inside the redeem or
 *   validate mutation (src/features/otp/otp-gate.tsx), so it counts too;
 * - any modal dialog open: the redeem confirmation before the POST and its result after it, the
 *   OTP step, the lock screen, the kiosk prompts. The page behind a modal is inert anyway.
 *
 * Read from React Query and the DOM rather than from each feature, so a new spend screen is
 * covered without telling this one about it.
 */
export function useSpendInProgress(): boolean {
  const mutating = useIsMutating() > 0
  const dialogOpen = useSyncExternalStore(subscribeToDialogs, isDialogOpen)
  return mutating || dialogOpen
}

const isDialogOpen = () => document.querySelector('dialog[open]') !== null

function subscribeToDialogs(onChange: () => void): () => void {
  // `open` flips on showModal()/close(); dialogs also come and go with their screens.
  const observer = new MutationObserver(onChange)
  observer.observe(document.documentElement, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['open'],
  })
  return () => {
    observer.disconnect()
  }
}
