import { useEffect, useId, useRef, useState, type SubmitEvent } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import type { OtpRequestResponse } from '../../../contract/otp'
import { ApiErrorMessage } from '../../components/ui/api-error-message'
import { Button } from '../../components/ui/button'
import { Field } from '../../components/ui/field'
import { ModalDialog } from '../../components/ui/modal-dialog'
import { Spinner } from '../../components/ui/spinner'
import { assertNever } from '../../lib/assert-never'
import type { OtpCustomer, OtpStepProps } from './otp-gate'
import { OTP_SESSION_TTL_MS } from './otp-sessions'
import { maskEmail, maskPhone, toE164 } from '../../lib/phone'
import { useSendOtp, useVerifyOtp } from './api'
import { formatClock, useNow } from './clock'

export const OTP_CODE_LENGTH = 6
/** Zupy's codes last 5 minutes; used until the send answer says otherwise. */
const DEFAULT_CODE_TTL_S = 300
/** A new code may be asked for this long after the last one was sent. */
export const RESEND_AFTER_MS = 30_000

type Problem = 'wrong' | 'expired' | 'too-many' | 'mismatch'

interface Sent {
  at: number
  answer: OtpRequestResponse
}

/** Where Zupy sends the code: the phone (E.164) when there is one, else the e-mail. */
function identifierOf(customer: OtpCustomer): string | null {
  return toE164(customer.phone) ?? (customer.email?.trim() || null)
}

const onlyDigits = (raw: string) => raw.replace(/\D/g, '').slice(0, OTP_CODE_LENGTH)

/**
 * The OTP step: sends the code when it opens, shows where it went and how long it lasts, takes
 * the 6 digits (typed, pasted, autofilled or from the on-screen pad) and verifies them.
 */
export function OtpDialog({ customer, onVerified, onCancel }: OtpStepProps) {
  const { t } = useTranslation()
  const titleId = useId()
  const introId = useId()
  const codeId = useId()
  const now = useNow(1000)
  const identifier = identifierOf(customer)
  const send = useSendOtp()
  const verify = useVerifyOtp()
  const [sent, setSent] = useState<Sent | null>(null)
  const [code, setCode] = useState('')
  const [problem, setProblem] = useState<Problem | null>(null)
  const inputRef = useRef<HTMLInputElement>(null)

  const sendCode = () => {
    if (identifier === null) return
    setProblem(null)
    setCode('')
    send.mutate(identifier, {
      onSuccess: (answer) => {
        setSent({ at: Date.now(), answer })
        inputRef.current?.focus()
      },
    })
  }

  // One send per opening; StrictMode's second effect run keeps the ref, so no second code.
  const sentOnce = useRef(false)
  useEffect(() => {
    if (sentOnce.current) return
    sentOnce.current = true
    sendCode()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only on opening
  }, [])

  // The clock ticks once a second: never show more time than the answer gave.
  const clock = sent ? Math.max(now, sent.at) : now
  const expiresAt = sent ? sent.at + (sent.answer.expires_in || DEFAULT_CODE_TTL_S) * 1000 : null
  const codeExpired = expiresAt !== null && clock >= expiresAt
  const resendAt = sent ? sent.at + RESEND_AFTER_MS : null
  const resendWait = resendAt === null ? 0 : Math.max(0, Math.ceil((resendAt - clock) / 1000))
  const canResend =
    identifier !== null &&
    !send.isPending &&
    (resendWait === 0 ||
      codeExpired ||
      problem === 'too-many' ||
      problem === 'expired' ||
      send.isError)

  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault()
    if (identifier === null || code.length !== OTP_CODE_LENGTH || verify.isPending) return
    setProblem(null)
    verify.mutate(
      { identifier, code },
      {
        onSuccess: (result) => {
          switch (result.outcome) {
            case 'verified':
              if (result.session.customer_id !== customer.id) {
                setProblem('mismatch')
                return
              }
              onVerified({
                token: result.session.otp_session,
                // Counted from our clock when the answer arrived: never later than Zupy's expiry.
                expiresAt: Date.now() + OTP_SESSION_TTL_MS,
              })
              return
            case 'rejected':
              // Zupy says 401 for both; our own countdown tells which it was.
              setProblem(expiresAt !== null && Date.now() >= expiresAt ? 'expired' : 'wrong')
              return
            case 'no-code':
              setProblem('expired')
              return
            case 'too-many':
              setProblem('too-many')
              return
            default:
              assertNever(result)
          }
        },
      },
    )
  }

  const destination =
    sent?.answer.channel === 'email'
      ? (maskEmail(customer.email) ?? maskPhone(customer.phone))
      : (maskPhone(customer.phone) ?? maskEmail(customer.email))

  return (
    <ModalDialog labelledBy={titleId} describedBy={introId} onCancel={onCancel}>
      <form onSubmit={onSubmit} className="flex flex-col gap-4">
        <h2 id={titleId} className="text-2xl font-bold">
          {t('otp.title')}
        </h2>
        <p id={introId} className="text-base">
          {identifier === null ? t('otp.noChannel') : t('otp.intro', { name: customer.name })}
        </p>

        {identifier !== null && (
          <div className="flex flex-col gap-1 rounded-lg bg-brand-soft p-3 text-base">
            {send.isPending ? (
              <span className="flex items-center gap-2">
                <Spinner />
                {t('otp.sending')}
              </span>
            ) : sent ? (
              <>
                <span className="font-semibold">
                  <SentBy channel={sent.answer.channel} destination={destination ?? ''} />
                </span>
                <span className={codeExpired ? 'font-semibold text-warn' : 'tabular-nums'}>
                  {codeExpired
                    ? t('otp.codeExpired')
                    : t('otp.expiresIn', { time: formatClock((expiresAt ?? clock) - clock) })}
                </span>
              </>
            ) : null}
          </div>
        )}

        {send.isError && <ApiErrorMessage error={send.error} />}

        {identifier !== null && (
          <>
            <Field htmlFor={codeId} label={t('otp.codeLabel')}>
              <input
                ref={inputRef}
                id={codeId}
                name="otp_code"
                type="text"
                inputMode="numeric"
                autoComplete="one-time-code"
                pattern="[0-9]{6}"
                autoFocus
                value={code}
                onChange={(event) => {
                  setCode(onlyDigits(event.target.value))
                  setProblem(null)
                }}
                aria-invalid={problem === 'wrong' ? true : undefined}
                className="min-h-touch w-full rounded-lg border-2 border-line bg-white px-4 text-center font-mono text-3xl tracking-[0.5em] focus-visible:border-brand"
              />
            </Field>

            <Keypad
              disabled={verify.isPending}
              onDigit={(digit) => {
                setCode((current) => onlyDigits(current + digit))
                setProblem(null)
              }}
              onDelete={() => {
                setCode((current) => current.slice(0, -1))
                setProblem(null)
              }}
            />

            {problem && (
              <p
                role="alert"
                className="flex items-start gap-2 rounded-lg border-2 border-bad bg-bad-soft p-3 font-semibold text-bad"
              >
                <span aria-hidden="true">✕</span>
                {problemText(t, problem)}
              </p>
            )}
            {verify.isError && <ApiErrorMessage error={verify.error} />}
          </>
        )}

        <div className="flex flex-col gap-3">
          {identifier !== null && (
            <Button
              type="submit"
              disabled={code.length !== OTP_CODE_LENGTH || verify.isPending || sent === null}
            >
              {verify.isPending && <Spinner />}
              {verify.isPending ? t('otp.verifying') : t('otp.verify')}
            </Button>
          )}
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
            {identifier !== null && (
              <Button variant="secondary" disabled={!canResend} onClick={sendCode}>
                {canResend || resendWait === 0
                  ? t('otp.resend')
                  : t('otp.resendIn', { seconds: resendWait })}
              </Button>
            )}
            <Button variant="secondary" onClick={onCancel}>
              {t('otp.cancel')}
            </Button>
          </div>
        </div>
      </form>
    </ModalDialog>
  )
}

type T = ReturnType<typeof useTranslation>['t']

/** "Code sent by WhatsApp to (11) •••••-4321", the destination kept on one line. */
function SentBy({ channel, destination }: { channel: string; destination: string }) {
  const key = channel === 'whatsapp' || channel === 'sms' || channel === 'email' ? channel : 'other'
  return (
    <Trans
      i18nKey={`otp.sentBy.${key}`}
      values={{ destination }}
      components={{ nowrap: <span className="whitespace-nowrap" /> }}
    />
  )
}

function problemText(t: T, problem: Problem): string {
  switch (problem) {
    case 'wrong':
      return t('otp.wrong')
    case 'expired':
      return t('otp.expired')
    case 'too-many':
      return t('otp.tooMany')
    case 'mismatch':
      return t('otp.mismatch')
    default:
      return assertNever(problem)
  }
}

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const

/** An on-screen pad for tills without a keyboard; the field still takes typing and paste. */
function Keypad({
  disabled,
  onDigit,
  onDelete,
}: {
  disabled: boolean
  onDigit: (digit: string) => void
  onDelete: () => void
}) {
  const { t } = useTranslation()
  const key =
    'min-h-touch rounded-lg border border-line bg-white text-xl font-semibold hover:bg-brand-soft disabled:opacity-60'
  return (
    <div role="group" aria-label={t('otp.keypad')} className="grid grid-cols-3 gap-2">
      {KEYS.map((digit) => (
        <button
          key={digit}
          type="button"
          className={key}
          disabled={disabled}
          onClick={() => {
            onDigit(digit)
          }}
        >
          {digit}
        </button>
      ))}
      <span aria-hidden="true" />
      <button
        type="button"
        className={key}
        disabled={disabled}
        onClick={() => {
          onDigit('0')
        }}
      >
        0
      </button>
      <button type="button" className={key} disabled={disabled} onClick={onDelete}>
        <span aria-hidden="true">⌫</span>
        <span className="sr-only">{t('otp.delete')}</span>
      </button>
    </div>
  )
}
