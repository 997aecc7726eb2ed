import { useId, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Card } from '../../components/ui/card'
import { PageTitle } from '../../components/ui/page-title'
import { BUILD_ID } from '../../features/app-update/build-id'
import { KioskSettings } from '../../features/kiosk/kiosk-settings'
import { LanguageSelect } from '../../features/language/language-select'
import { DiagnosticsPanel, DiagnosticsRow } from '../../features/pos-status/diagnostics-panel'
import { CameraPermissionStatus } from '../../features/scan/camera-permission-status'
import { CameraPreference } from '../../features/scan/camera-preference'
import { DecoderStatusText } from '../../features/scan/decoder-line'
import { ScanOptions } from '../../features/scan/scan-options'

/** `/settings`: this till's own choices (all stored on the device) and its diagnostics. */
export function SettingsRoute() {
  const { t } = useTranslation()
  const languageId = useId()
  return (
    <>
      <PageTitle title={t('settings.title')} appName={t('app.name')}>
        {t('settings.description')}
      </PageTitle>
      <div className="flex flex-col gap-6">
        <Card aria-labelledby={languageId}>
          <LanguageSelect headingId={languageId} />
        </Card>
        <KioskSettings />
        <SettingsSection title={t('settings.scanning.title')}>
          <ScanOptions />
          <CameraPreference />
        </SettingsSection>
        <DiagnosticsPanel>
          <DiagnosticsRow label={t('settings.permission.label')}>
            <CameraPermissionStatus />
          </DiagnosticsRow>
          <DiagnosticsRow label={t('scan.decoder.label')}>
            <DecoderStatusText />
          </DiagnosticsRow>
          {BUILD_ID && <DiagnosticsRow label={t('diagnostics.build')}>{BUILD_ID}</DiagnosticsRow>}
        </DiagnosticsPanel>
      </div>
    </>
  )
}

function SettingsSection({ title, children }: { title: string; children: ReactNode }) {
  const headingId = useId()
  return (
    <Card aria-labelledby={headingId} className="flex flex-col gap-5">
      <h2 id={headingId} className="text-xl font-bold">
        {title}
      </h2>
      {children}
    </Card>
  )
}
