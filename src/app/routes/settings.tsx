import { useTranslation } from 'react-i18next'
import { Card } from '../../components/ui/card'
import { PageTitle } from '../../components/ui/page-title'
import { LanguageSelect } from '../../features/language/language-select'
import { DiagnosticsPanel } from '../../features/pos-status/diagnostics-panel'

export function SettingsRoute() {
  const { t } = useTranslation()
  return (
    <>
      <PageTitle title={t('settings.title')} appName={t('app.name')} />
      <div className="flex flex-col gap-6">
        <Card>
          <LanguageSelect />
        </Card>
        <DiagnosticsPanel />
      </div>
    </>
  )
}
