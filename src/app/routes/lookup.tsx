import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { PageTitle } from '../../components/ui/page-title'
import { CustomerSearch } from '../../features/customers/customer-search'
import { forgetOtpSessions } from '../../features/otp/otp-sessions'

/** `/`: customer lookup. Coming back here means the customer has left the counter. */
export function LookupRoute() {
  const { t } = useTranslation()
  useEffect(() => {
    forgetOtpSessions()
  }, [])
  return (
    <>
      <PageTitle title={t('lookup.title')} appName={t('app.name')}>
        {t('lookup.description')}
      </PageTitle>
      <CustomerSearch />
    </>
  )
}
