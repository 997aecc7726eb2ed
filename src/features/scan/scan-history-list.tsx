import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../components/ui/button'
import { cn } from '../../components/ui/cn'
import { currentLanguage } from '../../i18n/i18n'
import { clearScanHistory, SCAN_OUTCOME_TRAITS, useScanHistory } from './scan-history'

const ICONS = { good: '✓', bad: '✕', neutral: '•' } as const

/** This terminal's scans in this session: code, outcome and time, newest first. */
export function ScanHistoryList() {
  const { t, i18n } = useTranslation()
  const headingId = useId()
  const entries = useScanHistory()
  const time = new Intl.DateTimeFormat(currentLanguage(i18n), { timeStyle: 'medium' })
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-3">
      <div className="flex items-center justify-between gap-3">
        <h2 id={headingId} className="text-lg font-bold">
          {t('scan.history.title')}
        </h2>
        {entries.length > 0 && (
          <Button variant="secondary" className="min-h-10 px-3 text-sm" onClick={clearScanHistory}>
            {t('scan.history.clear')}
          </Button>
        )}
      </div>
      {entries.length === 0 ? (
        <p className="text-base text-ink-subtle">{t('scan.history.empty')}</p>
      ) : (
        <ol className="flex flex-col divide-y divide-line rounded-xl border border-line bg-white">
          {entries.map((entry) => {
            const { tone } = SCAN_OUTCOME_TRAITS[entry.outcome]
            return (
              <li
                key={entry.id}
                className="grid grid-cols-[1.25rem_minmax(0,1fr)_auto] items-baseline gap-x-3 px-3 py-2"
              >
                <span
                  aria-hidden="true"
                  className={cn(
                    'text-center text-lg font-bold',
                    tone === 'good' && 'text-ok',
                    tone === 'bad' && 'text-bad',
                    tone === 'neutral' && 'text-ink-subtle',
                  )}
                >
                  {ICONS[tone]}
                </span>
                <span className="truncate font-mono font-semibold tracking-wide">{entry.text}</span>
                <span className="text-right font-semibold">
                  {t(`scan.outcome.${entry.outcome}`)}
                </span>
                <span className="col-start-2 col-end-4 text-sm text-ink-subtle">
                  {t(`scan.source.${entry.source}`)} ·{' '}
                  <time dateTime={new Date(entry.at).toISOString()}>{time.format(entry.at)}</time>
                </span>
              </li>
            )
          })}
        </ol>
      )}
    </section>
  )
}
