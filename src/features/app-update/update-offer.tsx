import { useTranslation } from 'react-i18next'
import { appUpdates, useUpdateAvailable, type AppUpdates } from './app-updates'
import { useSpendInProgress } from './spend-in-progress'

/**
 * "New version — Reload" in the header while a new build waits, never in the middle of a redeem
 * or validate (see {@link useSpendInProgress}): it comes back once the cashier is done.
 */
export function UpdateOffer({
  className,
  updates = appUpdates,
}: {
  className?: string
  updates?: AppUpdates
}) {
  const { t } = useTranslation()
  const available = useUpdateAvailable(updates)
  const busy = useSpendInProgress()
  if (!available || busy) return null
  return (
    <button type="button" className={className} onClick={updates.apply}>
      {t('appUpdate.offer')}
    </button>
  )
}
