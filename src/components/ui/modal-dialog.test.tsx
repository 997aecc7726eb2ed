import { fireEvent, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
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

  it('keeps Tab and Shift+Tab cycling inside, past the last and before the first control', async () => {
    const user = userEvent.setup()
    render(
      <>
        <button>Behind</button>
        <ModalDialog labelledBy="title">
          <h2 id="title">Confirm</h2>
          <button>Yes</button>
          <button disabled>Maybe</button>
          <button>No</button>
        </ModalDialog>
      </>,
    )
    const yes = screen.getByRole('button', { name: 'Yes' })
    const no = screen.getByRole('button', { name: 'No' })
    yes.focus()
    await user.tab()
    expect(no).toHaveFocus()
    await user.tab()
    expect(yes).toHaveFocus()
    await user.tab({ shift: true })
    expect(no).toHaveFocus()
  })

  it('gives the focus back to the control that opened it when it closes', async () => {
    const user = userEvent.setup()
    function Opener() {
      const [open, setOpen] = useState(false)
      return (
        <>
          <button
            onClick={() => {
              setOpen(true)
            }}
          >
            Redeem
          </button>
          {open && (
            <ModalDialog
              labelledBy="title"
              onCancel={() => {
                setOpen(false)
              }}
            >
              <h2 id="title">Confirm</h2>
              <button
                onClick={() => {
                  setOpen(false)
                }}
              >
                Cancel
              </button>
            </ModalDialog>
          )}
        </>
      )
    }
    render(<Opener />)
    await user.click(screen.getByRole('button', { name: 'Redeem' }))
    const cancel = screen.getByRole('button', { name: 'Cancel' })
    cancel.focus()
    await user.click(cancel)
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Redeem' })).toHaveFocus()
  })
})
