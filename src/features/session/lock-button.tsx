import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import { lockCashierSession } from '../../lib/cashier-session'
import { signOut } from './api'
import { LockIcon } from './lock-screen'

/**
 * Locks the till now: the lock screen shows at once (and the onLock callbacks forget the
 * customer), then the server revokes the session. If that call fails (offline), the lock screen
 * still stands and the server session ends at its idle deadline.
 */
export function useLockNow(): () => void {
  return useCallback(() => {
    lockCashierSession('manual')
    void signOut().catch(() => undefined)
  }, [])
}

/** The header's Lock button; below desktop width only its icon shows, its name stays "Lock". */
export function LockButton({ className }: { className?: string }) {
  const { t } = useTranslation()
  const lockNow = useLockNow()
  return (
    <button type="button" className={className} onClick={lockNow}>
      <LockIcon className="size-5 shrink-0" />
      <span className="max-lg:sr-only">{t('session.lock')}</span>
    </button>
  )
}
