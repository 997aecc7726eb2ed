import type { ComponentProps } from 'react'
import { cn } from './cn'

/** A native select as a 48 px touch target, readable at arm's length. */
export function Select({ className, ...props }: ComponentProps<'select'>) {
  return (
    <select
      className={cn(
        'min-h-touch w-full rounded-lg border-2 border-line bg-white px-3 text-base',
        className,
      )}
      {...props}
    />
  )
}
