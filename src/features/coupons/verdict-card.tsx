import { useEffect, useId, useRef, type ReactNode } from 'react'
import { cn } from '../../components/ui/cn'

export type VerdictTone = 'ok' | 'bad' | 'warn' | 'muted'

// White text on each `solid` colour is at least 6.5:1 (tailwind.config.ts).
const toneClasses: Record<
  VerdictTone,
  { border: string; band: string; solid: string; text: string }
> = {
  ok: { border: 'border-ok', band: 'bg-ok-soft', solid: 'bg-ok', text: 'text-ok' },
  bad: { border: 'border-bad', band: 'bg-bad-soft', solid: 'bg-bad', text: 'text-bad' },
  warn: { border: 'border-warn', band: 'bg-warn-soft', solid: 'bg-warn', text: 'text-warn' },
  muted: { border: 'border-muted', band: 'bg-muted-soft', solid: 'bg-muted', text: 'text-muted' },
}

export type VerdictIconKind = 'ok' | 'bad' | 'expired' | 'cancelled' | 'question'

const iconPaths: Record<VerdictIconKind, string> = {
  ok: 'M5 12.5l4.5 4.5L19 7.5',
  bad: 'M6.5 6.5l11 11M17.5 6.5l-11 11',
  expired: 'M12 3.5a8.5 8.5 0 1 0 0 17a8.5 8.5 0 1 0 0-17M12 7.5V12l3 2',
  cancelled: 'M12 3.5a8.5 8.5 0 1 0 0 17a8.5 8.5 0 1 0 0-17M6 6l12 12',
  question: 'M9 9.5a3 3 0 1 1 4.2 2.7c-.8.4-1.2 1-1.2 1.8v.8M12 18h.01',
}

/**
 * Drawn, not typed: emoji and symbol glyphs are missing from some till fonts. Decorative only;
 * the heading says the verdict in words and the colour backs it up.
 */
export function VerdictIcon({ kind, className }: { kind: VerdictIconKind; className?: string }) {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2.5"
      strokeLinecap="round"
      strokeLinejoin="round"
      className={cn('shrink-0', className)}
    >
      <path d={iconPaths[kind]} />
    </svg>
  )
}

/** Splits a code for reading aloud (`CZ-7K3M 9P2Q`); the gap is spacing only, not a character. */
export function CouponCode({ code, className }: { code: string; className?: string }) {
  const head = code.slice(0, 7)
  const tail = code.slice(7)
  return (
    <span className={cn('font-mono font-bold tracking-widest', className)}>
      <span>{head}</span>
      {tail && <span className="ml-[0.5em]">{tail}</span>}
    </span>
  )
}

/** One row of a verdict's details. */
export function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5 sm:flex-row sm:items-baseline sm:gap-3">
      <dt className="shrink-0 font-semibold text-ink-subtle sm:w-40">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  )
}

/**
 * The one large card a coupon screen shows: the code, an icon and the verdict word as a heading,
 * one line of explanation, the details, then the action.
 */
export function VerdictCard({
  tone,
  icon,
  heading,
  code,
  codeLabel,
  body,
  details,
  solid = false,
  children,
}: {
  tone: VerdictTone
  /** A filled band, for the moment the cashier acts on (Validated): unmistakable at a glance. */
  solid?: boolean
  icon: VerdictIconKind
  heading: string
  code: string
  codeLabel: string
  body?: ReactNode
  details?: ReactNode
  /** Actions and notices, below the details. */
  children?: ReactNode
}) {
  const headingId = useId()
  const headingRef = useRef<HTMLHeadingElement>(null)
  const shownHeading = useRef(heading)
  useEffect(() => {
    if (shownHeading.current === heading) return
    shownHeading.current = heading
    // The button just pressed (Use coupon) went with the old verdict, which drops the focus on
    // the page's body; a keyboard user continues from the new verdict instead.
    if (document.activeElement === null || document.activeElement === document.body) {
      headingRef.current?.focus()
    }
  }, [heading])
  const classes = toneClasses[tone]
  return (
    <section
      aria-labelledby={headingId}
      className={cn('overflow-hidden rounded-xl border-4 bg-white shadow-sm', classes.border)}
    >
      <div
        className={cn(
          'flex flex-col gap-3 px-4 py-5 sm:px-6',
          solid ? classes.solid : classes.band,
          solid && 'text-white',
        )}
      >
        <p className="flex flex-col gap-1">
          <span
            className={cn(
              'text-base font-semibold uppercase tracking-wide',
              solid ? 'text-white' : 'text-ink-subtle',
            )}
          >
            {codeLabel}
          </span>
          <CouponCode
            code={code}
            className={cn('text-2xl sm:text-3xl', solid ? 'text-white' : 'text-ink')}
          />
        </p>
        <div className={cn('flex items-center gap-3', solid ? 'text-white' : classes.text)}>
          <span
            className={cn(
              'flex size-12 shrink-0 items-center justify-center rounded-full border-4',
              solid ? 'border-white' : classes.border,
            )}
          >
            <VerdictIcon kind={icon} className="size-7" />
          </span>
          <h2
            ref={headingRef}
            id={headingId}
            tabIndex={-1}
            className="text-3xl font-extrabold leading-tight focus-visible:outline-current sm:text-4xl"
          >
            {heading}
          </h2>
        </div>
        {body && (
          <p className={cn('text-lg font-semibold', solid ? 'text-white' : 'text-ink')}>{body}</p>
        )}
      </div>
      {(details ?? children) && (
        <div className="flex flex-col gap-4 px-4 py-5 sm:px-6">
          {details && <dl className="flex flex-col gap-3 text-lg">{details}</dl>}
          {children}
        </div>
      )}
    </section>
  )
}
