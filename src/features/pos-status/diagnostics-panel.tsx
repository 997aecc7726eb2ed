import { useQuery } from '@tanstack/react-query'
import { useId, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../components/ui/button'
import { Card } from '../../components/ui/card'
import { Spinner } from '../../components/ui/spinner'
import { posConfigQueryOptions, posHealthQueryOptions, type PosHealth } from './api'

/** Mode, upstream reachability and app version, for a support call ("what does Settings say?"). */
export function DiagnosticsPanel() {
  const { t } = useTranslation()
  const titleId = useId()
  const config = useQuery(posConfigQueryOptions())
  const health = useQuery(posHealthQueryOptions())

  const mode = health.data?.mode ?? config.data?.mode
  const unavailable = t('diagnostics.unavailable')

  return (
    <Card aria-labelledby={titleId}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id={titleId} className="text-xl font-bold">
          {t('diagnostics.title')}
        </h2>
        <Button
          variant="secondary"
          onClick={() => void health.refetch()}
          disabled={health.isFetching}
        >
          {health.isFetching && <Spinner />}
          {t('diagnostics.refresh')}
        </Button>
      </div>
      <dl className="mt-4 grid grid-cols-1 gap-x-6 gap-y-3 sm:grid-cols-[max-content_1fr]">
        <Row label={t('diagnostics.mode')}>
          {mode
            ? t(`diagnostics.modes.${mode}`)
            : pending(config.isPending && health.isPending, t('diagnostics.checking'), unavailable)}
        </Row>
        <Row label={t('diagnostics.upstream')}>
          {health.data ? (
            <Upstream upstream={health.data.upstream} />
          ) : (
            pending(health.isPending, t('diagnostics.checking'), unavailable)
          )}
        </Row>
        <Row label={t('diagnostics.version')}>
          {config.data
            ? config.data.version
            : pending(config.isPending, t('diagnostics.checking'), unavailable)}
        </Row>
      </dl>
    </Card>
  )
}

function pending(isPending: boolean, checking: string, unavailable: string): ReactNode {
  return <span className="text-ink-subtle">{isPending ? checking : unavailable}</span>
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="contents">
      <dt className="font-semibold text-ink-subtle">{label}</dt>
      <dd className="-mt-2 break-words sm:mt-0">{children}</dd>
    </div>
  )
}

function Upstream({ upstream }: { upstream: PosHealth['upstream'] }) {
  const { t } = useTranslation()
  if (!upstream.reachable) {
    return (
      <span className="font-semibold text-bad">
        <span aria-hidden="true">✕ </span>
        {t('diagnostics.unreachable')}
      </span>
    )
  }
  const latency = upstream.latency_ms
  return (
    <span className="font-semibold text-ok">
      <span aria-hidden="true">✓ </span>
      {latency == null
        ? t('diagnostics.reachableNoLatency')
        : t('diagnostics.reachable', { latency: Math.round(latency) })}
    </span>
  )
}
