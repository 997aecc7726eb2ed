import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError } from '../../lib/api-client'
import { markSignedIn } from '../../lib/cashier-session'
import { signIn } from './api'

export type PinCheckState =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'wrong'; attemptsRemaining: number | null }
  /** Sign-in refused until `until` (epoch ms, this clock), from Retry-After. */
  | { kind: 'locked-out'; until: number }
  /** No answer, or one that says nothing about the PIN (5xx…). */
  | { kind: 'failed'; error: ApiError }
  | { kind: 'verified' }

export interface PinCheck {
  state: PinCheckState
  /** Sends `pin`; ignored while a check is in flight or sign-in is locked out. */
  verify: (pin: string) => void
}

/**
 * Checks the cashier PIN with the server: the lock screen's unlock, and any other place that must
 * ask for it (leaving kiosk mode). A right PIN signs in, or renews the session when there is one,
 * and `onVerified` runs. Plain state rather than a mutation on purpose: a mutation would keep the
 * PIN as its variables in the mutation cache.
 */
export function usePinCheck({ onVerified }: { onVerified?: () => void } = {}): PinCheck {
  const [state, setState] = useState<PinCheckState>({ kind: 'idle' })
  const busy = useRef(false)
  const onVerifiedRef = useRef(onVerified)
  useEffect(() => {
    onVerifiedRef.current = onVerified
  })

  const lockedUntil = state.kind === 'locked-out' ? state.until : null
  useEffect(() => {
    if (lockedUntil === null) return
    const timer = setTimeout(
      () => {
        setState({ kind: 'idle' })
      },
      Math.max(0, lockedUntil - Date.now()),
    )
    return () => {
      clearTimeout(timer)
    }
  }, [lockedUntil])

  const verify = useCallback(
    (pin: string) => {
      // A ref, not state: a second tap in the same frame must not send a second guess.
      if (busy.current || lockedUntil !== null) return
      busy.current = true
      setState({ kind: 'checking' })
      signIn(pin).then(
        (result) => {
          busy.current = false
          switch (result.outcome) {
            case 'signed-in':
              setState({ kind: 'verified' })
              markSignedIn()
              onVerifiedRef.current?.()
              break
            case 'wrong-pin':
              setState({ kind: 'wrong', attemptsRemaining: result.attemptsRemaining })
              break
            case 'locked-out':
              setState({ kind: 'locked-out', until: Date.now() + result.retryAfterS * 1000 })
              break
          }
        },
        (error: unknown) => {
          busy.current = false
          setState({
            kind: 'failed',
            error:
              error instanceof ApiError
                ? error
                : new ApiError({ kind: 'network', method: 'POST', path: '/api/pos/session' }),
          })
        },
      )
    },
    [lockedUntil],
  )

  return { state, verify }
}
