import { useTranslation } from 'react-i18next'
import { PageTitle } from '../../components/ui/page-title'

/** `/scan`: coupon scanning (the scanner arrives with the scan feature). */
export function ScanRoute() {
  const { t } = useTranslation()
  return (
    <PageTitle title={t('scan.title')} appName={t('app.name')}>
      {t('scan.description')}
    </PageTitle>
  )
}
