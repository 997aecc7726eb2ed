import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { currentLanguage } from '../../i18n/i18n'
import { formatNumber } from '../../i18n/format'
import type { ApiError } from '../../lib/api-client'
import { Button } from './button'
import { cn } from './cn'

/** What a cashier can do about a failed call, which decides the wording. */
export type ApiErrorClass =
  'offline' | 'network' | 'unavailable' | 'rate-limited' | 'not-found' | 'other'

/** Sorts a failure by what the cashier can do about it; branches on kind and status only. */
export function classifyApiError(
  error: ApiError,
  online: boolean = navigator.onLine,
): ApiErrorClass {
  switch (error.kind) {
    case 'network':
      return online ? 'network' : 'offline'
    case 'timeout':
      return 'unavailable'
    case 'contract':
      return 'other'
    case 'http':
      if (error.status >= 500) return 'unavailable'
      if (error.status === 429) return 'rate-limited'
      if (error.status === 404) return 'not-found'
      return 'other'
  }
}

// When each 429 may be retried, fixed the first time it is shown so re-renders do not restart the wait.
const retryDeadlines = new WeakMap<ApiError, number>()

function retryDeadlineOf(error: ApiError): number | null {
  if (error.retryAfterSeconds === undefined) return null
  let deadline = retryDeadlines.get(error)
  if (deadline === undefined) {
    deadline = Date.now() + error.retryAfterSeconds * 1000
    retryDeadlines.set(error, deadline)
  }
  return deadline
}

/** Whole seconds left until `deadline` (null: no deadline), ticking once a second. */
function useSecondsLeft(deadline: number | null): number | null {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (deadline === null) return
    const timer = setInterval(() => {
      setNow(Date.now())
    }, 1000)
    return () => {
      clearInterval(timer)
    }
  }, [deadline])
  return deadline === null ? null : Math.max(0, Math.ceil((deadline - now) / 1000))
}

/**
 * The cashier-facing message for any failed call: what happened in plain words, a Retry button
 * when `onRetry` is given and retrying can help (reads), and for unexpected failures the BFF's
 * request id in small print so support can find the log line. Never the raw body or a stack.
 */
export function ApiErrorMessage({
  error,
  onRetry,
  notFoundMessage,
  className,
}: {
  error: ApiError
  onRetry?: () => void
  /** What a 404 means here ("Customer not found"); a generic line otherwise. */
  notFoundMessage?: string
  className?: string
}) {
  const { t, i18n } = useTranslation()
  const kind = classifyApiError(error)
  const secondsLeft = useSecondsLeft(kind === 'rate-limited' ? retryDeadlineOf(error) : null)
  const waiting = secondsLeft !== null && secondsLeft > 0

  let message: string
  switch (kind) {
    case 'offline':
      message = t('apiError.offline')
      break
    case 'network':
      message = t('apiError.network')
      break
    case 'unavailable':
      message = t('apiError.unavailable')
      break
    case 'rate-limited':
      message =
        secondsLeft === null
          ? t('apiError.rateLimitedNoWait')
          : waiting
            ? t('apiError.rateLimited', {
                seconds: formatNumber(secondsLeft, currentLanguage(i18n)),
              })
            : t('apiError.rateLimitedOver')
      break
    case 'not-found':
      message = notFoundMessage ?? t('apiError.notFound')
      break
    case 'other':
      message = t('apiError.generic')
      break
  }

  // Retrying a 404 or a contract mismatch gives the same answer; everything else may pass.
  const canRetry = onRetry !== undefined && kind !== 'not-found'

  return (
    <div
      role="alert"
      className={cn(
        'flex flex-col gap-3 rounded-lg border-2 border-bad bg-bad-soft p-4 text-bad',
        className,
      )}
    >
      <p className="flex items-start gap-2 text-base font-semibold">
        <span aria-hidden="true">⚠</span>
        <span>{message}</span>
      </p>
      {kind === 'other' && error.requestId !== undefined && (
        <p className="text-sm text-ink-subtle">
          {t('apiError.requestId', { id: error.requestId })}
        </p>
      )}
      {canRetry && (
        <Button variant="secondary" className="self-start" disabled={waiting} onClick={onRetry}>
          {t('apiError.retry')}
        </Button>
      )}
    </div>
  )
}
