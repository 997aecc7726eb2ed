import { useTranslation } from 'react-i18next'
import { cn } from '../../components/ui/cn'
import { assertNever } from '../../lib/assert-never'
import { useDecoderStatus } from './decoder-status'

/** One diagnostics line: which decoder the camera reads with, and why when it is the fallback. */
export function DecoderLine({ className }: { className?: string }) {
  const { t } = useTranslation()
  const status = useDecoderStatus()
  let text: string
  switch (status.state) {
    case 'idle':
      text = t('scan.decoder.idle')
      break
    case 'loading':
      text = t('scan.decoder.loading')
      break
    case 'zxing-wasm':
      text = t('scan.decoder.zxingWasm', { version: status.version })
      break
    case 'native':
      text = t('scan.decoder.native')
      break
    case 'fallback':
      text = t('scan.decoder.fallback', { reason: status.reason })
      break
    default:
      return assertNever(status)
  }
  return (
    <p
      className={cn(
        'text-sm',
        status.state === 'fallback' ? 'font-semibold text-warn' : 'text-ink-subtle',
        className,
      )}
    >
      {t('scan.decoder.label')}: {text}
    </p>
  )
}
