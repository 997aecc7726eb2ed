import { useQuery } from '@tanstack/react-query'
import { useEffect, useId, useRef, useState, type MouseEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../components/ui/button'
import { Field } from '../../components/ui/field'
import { Spinner } from '../../components/ui/spinner'
import { pinHintQueryOptions } from './api'
import { usePinCheck, type PinCheckState } from './use-pin-check'

/** POS_PIN is 4 to 12 digits (bff/env.ts): anything shorter cannot be right and costs a try. */
export const PIN_MIN_LENGTH = 4
export const PIN_MAX_LENGTH = 12

const DIGIT_ROWS = [
  ['1', '2', '3'],
  ['4', '5', '6'],
  ['7', '8', '9'],
] as const

const onlyDigits = (value: string) => value.replace(/\D/g, '').slice(0, PIN_MAX_LENGTH)

/** `m:ss`, the way a countdown reads on a till. */
export function formatCountdown(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds))
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
}

/** Keeps focus in the PIN field when a key is clicked, so typing and tapping mix freely. */
const keepFieldFocus = (event: MouseEvent) => {
  event.preventDefault()
}

/**
 * The PIN entry: a password field that takes a hardware keyboard, a large on-screen keypad, and
 * what the server said about the last try (wrong with attempts left, locked out with a live
 * countdown, unreachable). In sandbox mode it shows the demo PIN. The lock screen uses it, and so
 * can anything else that must ask for the PIN (leaving kiosk mode): `onVerified` runs once the
 * server accepted it, which also renews the cashier session.
 */
export function PinPrompt({
  onVerified,
  submitLabel,
}: {
  onVerified?: () => void
  /** Defaults to "Unlock". */
  submitLabel?: string
}) {
  const { t } = useTranslation()
  const { state, verify } = usePinCheck({ onVerified })
  const [pin, setPin] = useState('')
  const fieldRef = useRef<HTMLInputElement>(null)
  const fieldId = useId()
  const messageId = useId()
  const hint = useQuery(pinHintQueryOptions())

  const lockedOut = state.kind === 'locked-out'
  const checking = state.kind === 'checking'
  const keysDisabled = lockedOut || checking

  // Back to the field after each answer, and when a lockout ends.
  const kind = state.kind
  useEffect(() => {
    if (kind !== 'checking' && kind !== 'locked-out') fieldRef.current?.focus()
  }, [kind])

  const type = (next: string) => {
    setPin(onlyDigits(next))
  }
  const submit = () => {
    if (keysDisabled || pin.length < PIN_MIN_LENGTH) return
    verify(pin)
    // Whatever the answer, the PIN does not stay on screen or in memory; a wrong one is retyped.
    setPin('')
  }

  const keyClass =
    'min-h-16 min-w-touch rounded-lg border border-line bg-white text-2xl font-semibold text-ink ' +
    'hover:bg-brand-soft active:bg-brand-soft disabled:cursor-not-allowed disabled:opacity-50'

  return (
    <form
      className="flex flex-col gap-4"
      onSubmit={(event) => {
        event.preventDefault()
        submit()
      }}
    >
      <Field htmlFor={fieldId} label={t('session.pin.label')}>
        <input
          ref={fieldRef}
          id={fieldId}
          type="password"
          inputMode="numeric"
          autoComplete="off"
          autoFocus
          maxLength={PIN_MAX_LENGTH}
          value={pin}
          disabled={lockedOut}
          readOnly={checking}
          aria-describedby={state.kind === 'idle' || checking ? undefined : messageId}
          onChange={(event) => {
            type(event.target.value)
          }}
          className="min-h-14 rounded-lg border-2 border-line bg-white px-4 text-center font-mono text-3xl tracking-[0.5em] disabled:opacity-60"
        />
      </Field>

      <div id={messageId}>
        <PinMessage state={state} />
      </div>

      <div role="group" aria-label={t('session.pin.keypad')} className="grid grid-cols-3 gap-2">
        {DIGIT_ROWS.flat().map((digit) => (
          <button
            key={digit}
            type="button"
            className={keyClass}
            disabled={keysDisabled}
            onMouseDown={keepFieldFocus}
            onClick={() => {
              type(pin + digit)
            }}
          >
            {digit}
          </button>
        ))}
        <button
          type="button"
          className={`${keyClass} text-lg`}
          disabled={keysDisabled}
          onMouseDown={keepFieldFocus}
          onClick={() => {
            setPin('')
          }}
        >
          {t('session.pin.clear')}
        </button>
        <button
          type="button"
          className={keyClass}
          disabled={keysDisabled}
          onMouseDown={keepFieldFocus}
          onClick={() => {
            type(`${pin}0`)
          }}
        >
          0
        </button>
        <button
          type="button"
          className={keyClass}
          disabled={keysDisabled}
          aria-label={t('session.pin.delete')}
          onMouseDown={keepFieldFocus}
          onClick={() => {
            setPin(pin.slice(0, -1))
          }}
        >
          <span aria-hidden="true">⌫</span>
        </button>
      </div>

      <Button
        type="submit"
        className="min-h-14 w-full text-lg"
        disabled={keysDisabled || pin.length < PIN_MIN_LENGTH}
      >
        {checking && <Spinner />}
        {checking ? t('session.pin.checking') : (submitLabel ?? t('session.pin.unlock'))}
      </Button>

      {hint.data && (
        <p className="text-center text-base font-semibold text-warn">
          {t('session.pin.sandboxHint', { pin: hint.data })}
        </p>
      )}
    </form>
  )
}

function PinMessage({ state }: { state: PinCheckState }) {
  const { t } = useTranslation()
  const box = 'rounded-lg border-2 border-bad bg-bad-soft p-3 text-base font-semibold text-bad'
  switch (state.kind) {
    case 'idle':
    case 'checking':
    case 'verified':
      return null
    case 'wrong':
      return (
        <p role="alert" className={box}>
          {state.attemptsRemaining === null
            ? t('session.pin.wrongNoCount')
            : t('session.pin.wrong', { count: state.attemptsRemaining })}
        </p>
      )
    case 'locked-out':
      return (
        <div className={box}>
          <p role="alert">{t('session.pin.lockedOut')}</p>
          <Countdown until={state.until} />
        </div>
      )
    case 'failed':
      return (
        <p role="alert" className={box}>
          {state.error.kind === 'network' || state.error.kind === 'timeout'
            ? t('session.pin.unreachable')
            : t('session.pin.failed')}
        </p>
      )
  }
}

/** Re-renders every second; a timer role, so screen readers do not announce each tick. */
function Countdown({ until }: { until: number }) {
  const { t } = useTranslation()
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => {
      setNow(Date.now())
    }, 1000)
    return () => {
      clearInterval(timer)
    }
  }, [])
  return (
    <p role="timer" className="mt-1 tabular-nums">
      {t('session.pin.retryIn', { time: formatCountdown((until - now) / 1000) })}
    </p>
  )
}
