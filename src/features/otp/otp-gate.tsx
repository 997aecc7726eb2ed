import {
  createContext,
  use,
  useCallback,
  useMemo,
  useRef,
  useState,
  type ComponentType,
  type ReactNode,
} from 'react'
import { saveOtpSession, type OtpSession } from './otp-sessions'

/** Who has to prove they are at the counter: the channel comes from their phone, else e-mail. */
export interface OtpCustomer {
  id: string
  name: string
  phone?: string | null
  email?: string | null
}

/**
 * What the app plugs in as the OTP step: {@link OtpStep}, which the kiosk wraps so its idle reset
 * can close it.
 */
export interface OtpStepProps {
  customer: OtpCustomer
  onVerified: (session: OtpSession) => void
  onCancel: () => void
}

export interface OtpGate {
  /**
   * Opens the OTP step for `customer`. Resolves with the session token once the customer is
   * verified (the session is saved first), or null when the cashier cancels. The caller then runs
   * its action once more with the token; it never loops.
   */
  requestOtp: (customer: OtpCustomer) => Promise<string | null>
}

const OtpGateContext = createContext<OtpGate | null>(null)

interface Pending {
  customer: OtpCustomer
  promise: Promise<string | null>
  resolve: (token: string | null) => void
}

export function OtpGateProvider({
  Step,
  children,
}: {
  Step: ComponentType<OtpStepProps>
  children: ReactNode
}) {
  const [pending, setPending] = useState<Pending | null>(null)
  // The latest request, read synchronously so two calls in one tick share one step.
  const pendingRef = useRef<Pending | null>(null)

  const settle = useCallback((token: string | null) => {
    const current = pendingRef.current
    pendingRef.current = null
    setPending(null)
    current?.resolve(token)
  }, [])

  const requestOtp = useCallback(
    (customer: OtpCustomer) => {
      const open = pendingRef.current
      if (open?.customer.id === customer.id) return open.promise
      // A different customer supersedes the open step: the earlier caller is told "cancelled".
      settle(null)
      let resolve: (token: string | null) => void = () => undefined
      const promise = new Promise<string | null>((r) => {
        resolve = r
      })
      const next = { customer, promise, resolve }
      pendingRef.current = next
      setPending(next)
      return promise
    },
    [settle],
  )

  const gate = useMemo(() => ({ requestOtp }), [requestOtp])

  return (
    <OtpGateContext value={gate}>
      {children}
      {pending && (
        <Step
          key={pending.customer.id}
          customer={pending.customer}
          onVerified={(session) => {
            saveOtpSession(pending.customer.id, session.token, session.expiresAt)
            settle(session.token)
          }}
          onCancel={() => {
            settle(null)
          }}
        />
      )}
    </OtpGateContext>
  )
}

/** The OTP gate of the surrounding {@link OtpGateProvider}. */
export function useOtpGate(): OtpGate {
  const gate = use(OtpGateContext)
  if (!gate) throw new Error('useOtpGate needs an <OtpGateProvider> above it')
  return gate
}
