import type { ComponentProps } from 'react'
import { cn } from './cn'

type Variant = 'primary' | 'secondary'

const variants: Record<Variant, string> = {
  primary: 'bg-brand text-white hover:bg-brand-strong active:bg-brand-strong',
  secondary: 'border-2 border-brand bg-white text-brand hover:bg-brand-soft',
}

/** A 48 px touch target with the house focus ring. */
export function Button({
  variant = 'primary',
  className,
  type = 'button',
  ...props
}: ComponentProps<'button'> & { variant?: Variant }) {
  return (
    <button
      type={type}
      className={cn(
        'inline-flex min-h-touch items-center justify-center gap-2 rounded-lg px-5 text-base font-semibold',
        'transition-colors duration-150 disabled:cursor-not-allowed disabled:opacity-60',
        variants[variant],
        className,
      )}
      {...props}
    />
  )
}
