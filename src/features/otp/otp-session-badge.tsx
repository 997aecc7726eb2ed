import { useTranslation } from 'react-i18next'
import { useOtpSession } from './otp-sessions'
import { formatClock, useNow } from './clock'

/** "Verified · 28:41 left" while the customer's OTP session lives; nothing otherwise. */
export function OtpSessionBadge({ customerId }: { customerId: string }) {
  const session = useOtpSession(customerId)
  if (!session) return null
  return <LiveBadge expiresAt={session.expiresAt} />
}

function LiveBadge({ expiresAt }: { expiresAt: number }) {
  const { t } = useTranslation()
  const now = useNow(1000)
  return (
    // A timer role is not announced on every tick; the words are there when someone looks.
    <p
      role="timer"
      className="inline-flex min-h-8 items-center gap-2 rounded-full border border-ok bg-ok-soft px-3 text-base font-semibold text-ok"
    >
      <span aria-hidden="true">✓</span>
      <span className="tabular-nums">
        {t('otp.session', { time: formatClock(expiresAt - now) })}
      </span>
    </p>
  )
}
