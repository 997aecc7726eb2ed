import { act, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { usePrint } from './print-area'

function Printer() {
  const { print, printArea } = usePrint()
  return (
    <main>
      <button
        type="button"
        onClick={() => {
          print(<p>CZ-7K3M9P2Q</p>, 'Coupon')
        }}
      >
        Print coupon
      </button>
      {printArea}
    </main>
  )
}

// The test DOM has no window.print; the files of a worker share one window (isolate: false).
const originalPrint = Object.getOwnPropertyDescriptor(window, 'print')
afterEach(() => {
  if (originalPrint) Object.defineProperty(window, 'print', originalPrint)
  else Reflect.deleteProperty(window, 'print')
})

describe('usePrint', () => {
  it('prints the content alone, outside the app root, and removes it after printing', () => {
    let areaWhilePrinting: Element | null = null
    const print = vi.fn(() => {
      areaWhilePrinting = screen.getByRole('region', { name: 'Coupon' })
    })
    Object.defineProperty(window, 'print', { value: print, configurable: true, writable: true })
    const { container } = render(<Printer />)
    expect(screen.queryByRole('region', { name: 'Coupon' })).toBeNull()

    fireEvent.click(screen.getByRole('button', { name: 'Print coupon' }))

    expect(print).toHaveBeenCalledTimes(1)
    // A direct child of <body>, so print.css can hide everything else on paper.
    expect(areaWhilePrinting).not.toBeNull()
    const area = areaWhilePrinting as unknown as Element
    expect(area.parentElement).toBe(document.body)
    expect(container.contains(area)).toBe(false)
    expect(area.textContent).toBe('CZ-7K3M9P2Q')

    act(() => {
      window.dispatchEvent(new Event('afterprint'))
    })
    expect(screen.queryByRole('region', { name: 'Coupon' })).toBeNull()
  })
})
