import type { ReactNode } from 'react'

/**
 * A form control under its visible label, in the size every settings and dialog field uses.
 * `htmlFor` names the control's id, so the label clicks and reads as the control's name.
 */
export function Field({
  htmlFor,
  label,
  children,
}: {
  htmlFor: string
  label: ReactNode
  children: ReactNode
}) {
  return (
    <div className="flex flex-col gap-2">
      <label htmlFor={htmlFor} className="text-lg font-semibold">
        {label}
      </label>
      {children}
    </div>
  )
}
