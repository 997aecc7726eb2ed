import type { ComponentProps } from 'react'
import { cn } from './cn'

/** A titled block of a screen; pass `aria-labelledby` to make it a named region. */
export function Card({ className, ...props }: ComponentProps<'section'>) {
  return (
    <section
      className={cn('rounded-xl border border-line bg-white p-4 shadow-sm sm:p-6', className)}
      {...props}
    />
  )
}
