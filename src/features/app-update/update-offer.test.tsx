import { useMutation } from '@tanstack/react-query'
import { act, screen } from '@testing-library/react'
import { useId, useState } from 'react'
import { afterEach, describe, expect, it } from 'vitest'
import { ModalDialog } from '../../components/ui/modal-dialog'
import { renderWithProviders } from '../../testing/render-with-providers'
import { createAppUpdates, type AppUpdates } from './app-updates'
import {
  asRegistration,
  FakeRegistration,
  FakeWorker,
  installContainer,
  removeContainer,
} from './testing'
import { UpdateOffer } from './update-offer'

afterEach(() => {
  removeContainer()
})

/** An AppUpdates following a registration where a new build is (or is not yet) waiting. */
function updatesWith(waiting: FakeWorker | null): {
  updates: AppUpdates
  registration: FakeRegistration
} {
  installContainer(true)
  const registration = new FakeRegistration()
  registration.waiting = waiting
  const updates = createAppUpdates()
  updates.watch(asRegistration(registration))
  return { updates, registration }
}

/** A stand-in for a redeem or validate: its POST answers when the test says so. */
function SpendButton() {
  const [answer, setAnswer] = useState<(() => void) | null>(null)
  const spend = useMutation({
    mutationFn: () =>
      new Promise<void>((resolve) => {
        setAnswer(() => resolve)
      }),
  })
  return (
    <>
      <button
        type="button"
        onClick={() => {
          spend.mutate()
        }}
      >
        Use coupon
      </button>
      <button type="button" onClick={() => answer?.()}>
        Answer
      </button>
    </>
  )
}

/** A stand-in for the redeem confirmation: a modal dialog the cashier opens and closes. */
function ConfirmDialog() {
  const [open, setOpen] = useState(false)
  const titleId = useId()
  return open ? (
    <ModalDialog
      labelledBy={titleId}
      onCancel={() => {
        setOpen(false)
      }}
    >
      <h2 id={titleId}>Redeem?</h2>
      <button
        type="button"
        onClick={() => {
          setOpen(false)
        }}
      >
        Cancel
      </button>
    </ModalDialog>
  ) : (
    <button
      type="button"
      onClick={() => {
        setOpen(true)
      }}
    >
      Redeem
    </button>
  )
}

const offer = () => screen.queryByRole('button', { name: 'New version — Reload' })

describe('UpdateOffer', () => {
  it('shows nothing while no new build waits, and the offer once one does', () => {
    const { updates, registration } = updatesWith(null)
    renderWithProviders(<UpdateOffer updates={updates} />)
    expect(offer()).not.toBeInTheDocument()

    const worker = registration.found()
    act(() => {
      worker.moveTo('installed')
    })
    expect(offer()).toBeInTheDocument()
  })

  it('speaks pt-BR', () => {
    const { updates } = updatesWith(new FakeWorker('installed'))
    renderWithProviders(<UpdateOffer updates={updates} />, { language: 'pt-BR' })
    expect(screen.getByRole('button', { name: 'Nova versão — Recarregar' })).toBeInTheDocument()
  })

  it('Reload lets the new build in', async () => {
    const worker = new FakeWorker('installed')
    const { updates } = updatesWith(worker)
    const { user } = renderWithProviders(<UpdateOffer updates={updates} />)
    await user.click(screen.getByRole('button', { name: 'New version — Reload' }))
    expect(worker.messages).toEqual([{ type: 'skip-waiting' }])
  })

  it('steps aside while a redeem or validate is in flight, and comes back after it', async () => {
    const { updates } = updatesWith(new FakeWorker('installed'))
    const { user } = renderWithProviders(
      <>
        <UpdateOffer updates={updates} />
        <SpendButton />
      </>,
    )
    expect(offer()).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Use coupon' }))
    expect(offer()).not.toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Answer' }))
    expect(await screen.findByRole('button', { name: 'New version — Reload' })).toBeInTheDocument()
  })

  it('steps aside while a dialog is open (the redeem confirmation, the OTP step)', async () => {
    const { updates } = updatesWith(new FakeWorker('installed'))
    const { user } = renderWithProviders(
      <>
        <UpdateOffer updates={updates} />
        <ConfirmDialog />
      </>,
    )
    await user.click(screen.getByRole('button', { name: 'Redeem' }))
    expect(screen.getByRole('dialog', { name: 'Redeem?' })).toBeInTheDocument()
    expect(offer()).not.toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Cancel' }))
    expect(await screen.findByRole('button', { name: 'New version — Reload' })).toBeInTheDocument()
  })
})
