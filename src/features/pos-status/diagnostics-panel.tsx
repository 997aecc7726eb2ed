import { useQuery } from '@tanstack/react-query'
import { useId, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../components/ui/button'
import { Card } from '../../components/ui/card'
import { Spinner } from '../../components/ui/spinner'
import {
  clockSkewQueryOptions,
  posConfigQueryOptions,
  posHealthQueryOptions,
  type PosHealth,
} from './api'

/** Under this the device and the server agree, as far as a whole-second header can tell. */
const IN_SYNC_MS = 3_000
/** From here a wrong clock shows in OTP countdowns and expiry times: say how to fix it. */
const WARN_MS = 60_000

/**
 * Mode, upstream reachability, clock and app version, for a support call ("what does Settings
 * say?"). `children` adds rows ({@link DiagnosticsRow}) that other features know about, such as
 * the camera's; they come before the version.
 */
export function DiagnosticsPanel({ children }: { children?: ReactNode }) {
  const { t } = useTranslation()
  const titleId = useId()
  const config = useQuery(posConfigQueryOptions())
  const health = useQuery(posHealthQueryOptions())
  const clock = useQuery(clockSkewQueryOptions())

  const mode = health.data?.mode ?? config.data?.mode
  const unavailable = t('diagnostics.unavailable')
  const checking = health.isFetching || clock.isFetching

  return (
    <Card aria-labelledby={titleId}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id={titleId} className="text-xl font-bold">
          {t('diagnostics.title')}
        </h2>
        <Button
          variant="secondary"
          onClick={() => {
            void health.refetch()
            void clock.refetch()
          }}
          disabled={checking}
        >
          {checking && <Spinner />}
          {t('diagnostics.refresh')}
        </Button>
      </div>
      <dl className="mt-4 grid grid-cols-1 gap-x-6 gap-y-3 sm:grid-cols-[max-content_1fr]">
        <DiagnosticsRow label={t('diagnostics.mode')}>
          {mode
            ? t(`diagnostics.modes.${mode}`)
            : pending(config.isPending && health.isPending, t('diagnostics.checking'), unavailable)}
        </DiagnosticsRow>
        <DiagnosticsRow label={t('diagnostics.upstream')}>
          {health.data ? (
            <Upstream upstream={health.data.upstream} />
          ) : (
            pending(health.isPending, t('diagnostics.checking'), unavailable)
          )}
        </DiagnosticsRow>
        {health.data?.shared_state && (
          <DiagnosticsRow label={t('diagnostics.sharedState.label')}>
            <span
              className={
                health.data.shared_state === 'unavailable' ? 'font-semibold text-bad' : undefined
              }
            >
              {t(`diagnostics.sharedState.${health.data.shared_state}`)}
            </span>
          </DiagnosticsRow>
        )}
        <DiagnosticsRow label={t('diagnostics.clock.label')}>
          {clock.isSuccess ? (
            <ClockSkew skewMs={clock.data} />
          ) : (
            pending(clock.isPending, t('diagnostics.checking'), unavailable)
          )}
        </DiagnosticsRow>
        {children}
        <DiagnosticsRow label={t('diagnostics.version')}>
          {config.data
            ? config.data.version
            : pending(config.isPending, t('diagnostics.checking'), unavailable)}
        </DiagnosticsRow>
      </dl>
    </Card>
  )
}

function pending(isPending: boolean, checking: string, unavailable: string): ReactNode {
  return <span className="text-ink-subtle">{isPending ? checking : unavailable}</span>
}

/** One label and value of the diagnostics list. */
export function DiagnosticsRow({ label, children }: { label: string; children: ReactNode }) {
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

function ClockSkew({ skewMs }: { skewMs: number | null }) {
  const { t } = useTranslation()
  if (skewMs === null)
    return <span className="text-ink-subtle">{t('diagnostics.clock.noDate')}</span>
  const size = Math.abs(skewMs)
  if (size < IN_SYNC_MS) {
    return (
      <span className="font-semibold text-ok">
        <span aria-hidden="true">✓ </span>
        {t('diagnostics.clock.inSync')}
      </span>
    )
  }
  const amount =
    size < 90_000
      ? t('diagnostics.clock.seconds', { n: Math.round(size / 1000) })
      : size < 90 * 60_000
        ? t('diagnostics.clock.minutes', { n: Math.round(size / 60_000) })
        : t('diagnostics.clock.hours', { n: Math.round(size / 3_600_000) })
  const text =
    skewMs > 0
      ? t('diagnostics.clock.ahead', { amount })
      : t('diagnostics.clock.behind', { amount })
  if (size < WARN_MS) return <span>{text}</span>
  return (
    <span className="flex flex-col">
      <span className="font-semibold text-warn">
        <span aria-hidden="true">⚠ </span>
        {text}
      </span>
      <span>{t('diagnostics.clock.fix')}</span>
    </span>
  )
}
