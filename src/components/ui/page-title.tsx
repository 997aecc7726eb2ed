import type { ReactNode } from 'react'

/** A screen's `<h1>`, its intro line, and the document title (React 19 hoists `<title>`). */
export function PageTitle({
  title,
  appName,
  children,
}: {
  title: string
  appName: string
  children?: ReactNode
}) {
  return (
    <div className="mb-6 flex flex-col gap-2">
      <title>{`${title} · ${appName}`}</title>
      <h1 className="text-2xl font-bold sm:text-3xl">{title}</h1>
      {children && <p className="text-lg text-ink-subtle">{children}</p>}
    </div>
  )
}
