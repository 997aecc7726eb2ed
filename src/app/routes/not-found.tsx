import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { PageTitle } from '../../components/ui/page-title'
import { paths } from '../../config/paths'

export function NotFoundRoute() {
  const { t } = useTranslation()
  return (
    <>
      <PageTitle title={t('notFound.title')} appName={t('app.name')}>
        {t('notFound.description')}
      </PageTitle>
      <Link
        to={paths.lookup.href()}
        className="inline-flex min-h-touch items-center rounded-lg bg-brand px-5 font-semibold text-white hover:bg-brand-strong"
      >
        {t('notFound.home')}
      </Link>
    </>
  )
}
