import type { ComponentProps } from 'react'
import { cn } from './cn'

type Tone = 'warn' | 'ok' | 'bad' | 'muted'

const tones: Record<Tone, string> = {
  warn: 'border-warn bg-warn-soft text-warn',
  ok: 'border-ok bg-ok-soft text-ok',
  bad: 'border-bad bg-bad-soft text-bad',
  muted: 'border-muted bg-muted-soft text-muted',
}

/** A full-width strip of text in a verdict tone; the caller supplies the role and wording. */
export function Banner({ tone, className, ...props }: ComponentProps<'div'> & { tone: Tone }) {
  return (
    <div
      className={cn(
        'border-y-2 px-4 py-2 text-center text-base font-semibold',
        tones[tone],
        className,
      )}
      {...props}
    />
  )
}
