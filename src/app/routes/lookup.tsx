import { useTranslation } from 'react-i18next'
import { PageTitle } from '../../components/ui/page-title'

/** `/`: customer lookup (the search itself arrives with the customers feature). */
export function LookupRoute() {
  const { t } = useTranslation()
  return (
    <PageTitle title={t('lookup.title')} appName={t('app.name')}>
      {t('lookup.description')}
    </PageTitle>
  )
}
