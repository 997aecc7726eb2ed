import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { Banner } from '../../components/ui/banner'
import { posConfigQueryOptions } from './api'

/**
 * Shown on every screen while the server runs against the sandbox, so nobody mistakes demo
 * points for real ones. Nothing is shown while the config loads or when it cannot be read.
 */
export function SandboxBanner() {
  const { t } = useTranslation()
  const { data } = useQuery(posConfigQueryOptions())
  if (data?.mode !== 'sandbox') return null
  return (
    <Banner tone="warn" role="status" aria-label={t('sandbox.label')}>
      {t('sandbox.message')}
    </Banner>
  )
}
