import { useTranslation } from 'react-i18next'
import { cn } from '../../components/ui/cn'
import { assertNever } from '../../lib/assert-never'
import { useDecoderStatus, type DecoderStatus } from './decoder-status'

/** One diagnostics line: which decoder the camera reads with, and why when it is the fallback. */
export function DecoderLine({ className }: { className?: string }) {
  const { t } = useTranslation()
  const status = useDecoderStatus()
  return (
    <p className={cn('text-sm', toneOf(status), className)}>
      {t('scan.decoder.label')}: <DecoderStatusText />
    </p>
  )
}

/** The decoder in words without its label, for a labelled row (Settings' diagnostics). */
export function DecoderStatusText() {
  const { t } = useTranslation()
  const status = useDecoderStatus()
  switch (status.state) {
    case 'idle':
      return t('scan.decoder.idle')
    case 'loading':
      return t('scan.decoder.loading')
    case 'zxing-wasm':
      return t('scan.decoder.zxingWasm', { version: status.version })
    case 'native':
      return t('scan.decoder.native')
    case 'fallback':
      return t('scan.decoder.fallback', { reason: status.reason })
    default:
      return assertNever(status)
  }
}

function toneOf(status: DecoderStatus): string {
  return status.state === 'fallback' ? 'font-semibold text-warn' : 'text-ink-subtle'
}
