import { fireEvent, render, screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { ModalDialog } from './modal-dialog'

function renderDialog(onCancel?: () => void) {
  return render(
    <ModalDialog labelledBy="title" onCancel={onCancel}>
      <h2 id="title">Confirm</h2>
      <button>OK</button>
    </ModalDialog>,
  )
}

describe('ModalDialog', () => {
  it('opens as a named modal dialog while mounted and closes when unmounted', () => {
    const { unmount } = renderDialog()
    const dialog = screen.getByRole('dialog', { name: 'Confirm' })
    expect(dialog).toHaveAttribute('open')
    unmount()
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
  })

  it('turns Escape into a cancel request instead of closing itself', () => {
    const onCancel = vi.fn()
    renderDialog(onCancel)
    const dialog = screen.getByRole('dialog', { name: 'Confirm' })
    const cancel = new Event('cancel', { cancelable: true })
    fireEvent(dialog, cancel)
    expect(cancel.defaultPrevented).toBe(true)
    expect(onCancel).toHaveBeenCalledOnce()
    expect(dialog).toHaveAttribute('open')
  })

  it('reopens when the browser closes it while cancelling is not allowed', () => {
    renderDialog()
    const dialog = screen.getByRole<HTMLDialogElement>('dialog', { name: 'Confirm' })
    dialog.close()
    fireEvent(dialog, new Event('close'))
    expect(dialog.open).toBe(true)
  })
})
