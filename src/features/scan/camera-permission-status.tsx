import { useTranslation } from 'react-i18next'
import { useCameraPermission, type CameraPermission } from './camera-permission'

const TONE: Record<CameraPermission, { className: string; icon: string }> = {
  granted: { className: 'font-semibold text-ok', icon: '✓' },
  denied: { className: 'font-semibold text-bad', icon: '✕' },
  insecure: { className: 'font-semibold text-bad', icon: '✕' },
  prompt: { className: '', icon: '' },
  unsupported: { className: 'text-ink-subtle', icon: '' },
  checking: { className: 'text-ink-subtle', icon: '' },
}

/** The camera permission in words, for the diagnostics panel; it follows changes as they happen. */
export function CameraPermissionStatus() {
  const { t } = useTranslation()
  const permission = useCameraPermission()
  const { className, icon } = TONE[permission]
  return (
    <span className={className}>
      {icon && <span aria-hidden="true">{icon} </span>}
      {t(`settings.permission.${permission}`)}
    </span>
  )
}
