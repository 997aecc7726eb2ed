import { useId } from 'react'
import { useTranslation } from 'react-i18next'

/** A read that is no coupon, card or phone: said as plainly as a refused coupon. */
export function UnrecognisedCard({ text }: { text: string }) {
  const { t } = useTranslation()
  const headingId = useId()
  return (
    <section
      aria-labelledby={headingId}
      className="overflow-hidden rounded-xl border-4 border-bad bg-white shadow-sm"
    >
      <div className="flex flex-col gap-3 bg-bad-soft px-4 py-5 sm:px-6">
        <div className="flex items-center gap-3 text-bad">
          <span
            aria-hidden="true"
            className="flex size-12 shrink-0 items-center justify-center rounded-full border-4 border-bad text-2xl font-bold"
          >
            ✕
          </span>
          <h2 id={headingId} className="text-3xl font-extrabold leading-tight sm:text-4xl">
            {t('scan.result.unrecognised.heading')}
          </h2>
        </div>
        <p className="break-all text-lg font-semibold text-ink">
          {t('scan.result.unrecognised.body', { text })}
        </p>
      </div>
    </section>
  )
}
