import { useQuery, useQueryClient, type Query } from '@tanstack/react-query'
import { useEffect, useRef, type ReactNode } from 'react'
import { cn } from '../../components/ui/cn'
import { subscribeToResponses } from '../../lib/api-client'
import {
  applySessionStatus,
  isSessionRequired,
  noteApiResponse,
  onLock,
  useCashierSession,
} from '../../lib/cashier-session'
import { sessionKeys, sessionStatusQueryOptions } from './api'
import { forgetCustomerData } from './forget-customer-data'
import { LockScreen } from './lock-screen'

/** What to load again after an unlock: calls refused for want of a session, and reset screens. */
const needsReload = (query: Query) =>
  isSessionRequired(query.state.error) ||
  (query.state.status === 'pending' && query.state.fetchStatus === 'idle')

/**
 * Puts the lock screen over the app whenever there is no cashier session: at start, after Lock,
 * when any call is refused with `session-required`, and when the idle timer runs out. The app
 * stays mounted underneath (inert and hidden), so unlocking returns to the same screen in the same
 * state; what failed for want of a session is loaded again.
 */
export function SessionGate({ children }: { children: ReactNode }) {
  const session = useCashierSession()
  const queryClient = useQueryClient()
  const { data: status } = useQuery(sessionStatusQueryOptions())
  const locked = session.status === 'locked'
  const focusBeforeLock = useRef<Element | null>(null)
  const wasLocked = useRef(locked)

  useEffect(() => subscribeToResponses(noteApiResponse), [])

  useEffect(
    () =>
      onLock((reason) => {
        focusBeforeLock.current = document.activeElement
        // Pressing Lock means the customer has gone; other locks keep the screen to come back to.
        if (reason === 'manual') forgetCustomerData(queryClient)
      }),
    [queryClient],
  )

  useEffect(() => {
    if (!status) return
    applySessionStatus({
      authenticated: status.authenticated,
      idleTimeoutS: status.idle_timeout_s,
      idleExpiresAt: status.idle_expires_at,
    })
  }, [status])

  useEffect(() => {
    if (wasLocked.current && !locked) {
      void queryClient.invalidateQueries({ predicate: needsReload })
      // The new session's idle deadline.
      void queryClient.invalidateQueries({ queryKey: sessionKeys.status() })
      const previous = focusBeforeLock.current
      focusBeforeLock.current = null
      if (previous instanceof HTMLElement && previous.isConnected) previous.focus()
    }
    wasLocked.current = locked
  }, [locked, queryClient])

  return (
    <>
      <div className={cn('contents', locked && 'invisible')} inert={locked}>
        {children}
      </div>
      {session.status === 'locked' && <LockScreen reason={session.reason} />}
    </>
  )
}
