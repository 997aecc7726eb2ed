import { useEffect, useState, type ReactNode } from 'react'
import { createPortal } from 'react-dom'
import './print.css'

/**
 * What a print button prints, and nothing else on the page (issue 13: coupons, slips, the day's
 * summary). The content is rendered into a `.print-area` element at the end of <body> only while
 * printing; print.css hides every other child of <body> on paper and sizes the area for an 80 mm
 * thermal receipt printer (72 mm printable), which also reads well as a column on A4.
 *
 * `window.print()` blocks in most browsers and returns at once in others, so the area is removed
 * on `afterprint`, not after the call.
 */
export function usePrint(): {
  /** Prints `content` alone; `label` names the print job's area for assistive tech. */
  print: (content: ReactNode, label: string) => void
  /** Render this once in the component that prints (it is null while not printing). */
  printArea: ReactNode
} {
  const [job, setJob] = useState<{ content: ReactNode; label: string } | null>(null)

  useEffect(() => {
    if (!job) return
    const done = () => {
      setJob(null)
    }
    window.addEventListener('afterprint', done, { once: true })
    window.print()
    return () => {
      window.removeEventListener('afterprint', done)
    }
  }, [job])

  return {
    print: (content, label) => {
      setJob({ content, label })
    },
    printArea: job
      ? createPortal(
          <section className="print-area" aria-label={job.label}>
            {job.content}
          </section>,
          document.body,
        )
      : null,
  }
}
