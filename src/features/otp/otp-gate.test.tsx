import { act, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useEffect } from 'react'
import { afterEach, describe, expect, it } from 'vitest'
import { OtpGateProvider, useOtpGate, type OtpGate, type OtpStepProps } from './otp-gate'
import { forgetOtpSessions, getOtpSession } from './otp-sessions'

/** A stand-in step: the real dialog is a feature, and the gate must work with any step. */
function FakeStep({ customer, onVerified, onCancel }: OtpStepProps) {
  return (
    <div role="dialog" aria-label={`Verify ${customer.name}`}>
      <button
        onClick={() => {
          onVerified({ token: `token-for-${customer.id}`, expiresAt: Date.now() + 60_000 })
        }}
      >
        Verified
      </button>
      <button onClick={onCancel}>Cancel</button>
    </div>
  )
}

function renderGate(): OtpGate {
  const holder: { gate?: OtpGate } = {}
  function Capture() {
    const gate = useOtpGate()
    useEffect(() => {
      holder.gate = gate
    }, [gate])
    return null
  }
  render(
    <OtpGateProvider Step={FakeStep}>
      <Capture />
    </OtpGateProvider>,
  )
  // The gate is stable for the provider's life, so the first one seen is the one in use.
  return {
    requestOtp: (customer) => {
      if (!holder.gate) throw new Error('gate not captured')
      return holder.gate.requestOtp(customer)
    },
  }
}

const maria = { id: 'maria', name: 'Maria Santos', phone: '+5511987654321' }

describe('OtpGateProvider', () => {
  afterEach(() => {
    forgetOtpSessions()
  })

  it('opens the step and resolves with the token, saved for that customer', async () => {
    const user = userEvent.setup()
    const gate = renderGate()
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()

    let pending!: Promise<string | null>
    act(() => {
      pending = gate.requestOtp(maria)
    })
    await user.click(screen.getByRole('button', { name: 'Verified' }))

    await expect(pending).resolves.toBe('token-for-maria')
    expect(getOtpSession('maria')?.token).toBe('token-for-maria')
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
  })

  it('resolves null when the cashier cancels, and saves nothing', async () => {
    const user = userEvent.setup()
    const gate = renderGate()
    let pending!: Promise<string | null>
    act(() => {
      pending = gate.requestOtp(maria)
    })
    await user.click(screen.getByRole('button', { name: 'Cancel' }))
    await expect(pending).resolves.toBeNull()
    expect(getOtpSession('maria')).toBeNull()
  })

  it('shares one step between two requests for the same customer', async () => {
    const user = userEvent.setup()
    const gate = renderGate()
    let first!: Promise<string | null>
    let second!: Promise<string | null>
    act(() => {
      first = gate.requestOtp(maria)
      second = gate.requestOtp(maria)
    })
    expect(screen.getAllByRole('dialog')).toHaveLength(1)
    await user.click(screen.getByRole('button', { name: 'Verified' }))
    await expect(first).resolves.toBe('token-for-maria')
    await expect(second).resolves.toBe('token-for-maria')
  })

  it('a request for another customer cancels the open one', async () => {
    const user = userEvent.setup()
    const gate = renderGate()
    let first!: Promise<string | null>
    let second!: Promise<string | null>
    act(() => {
      first = gate.requestOtp(maria)
    })
    act(() => {
      second = gate.requestOtp({ id: 'joao', name: 'João Silva' })
    })
    await expect(first).resolves.toBeNull()
    expect(screen.getByRole('dialog', { name: 'Verify João Silva' })).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Verified' }))
    await expect(second).resolves.toBe('token-for-joao')
  })
})
