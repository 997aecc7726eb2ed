import { act, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  OTP_SESSION_TTL_MS,
  forgetOtherOtpSessions,
  forgetOtpSessions,
  getOtpSession,
  saveOtpSession,
  useOtpSession,
} from './otp-sessions'

describe('otp sessions', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    forgetOtpSessions()
    vi.useRealTimers()
  })

  it('keeps a session for its customer until it expires', () => {
    saveOtpSession('maria', 'token-1', Date.now() + OTP_SESSION_TTL_MS)
    expect(getOtpSession('maria')?.token).toBe('token-1')
    expect(getOtpSession('joao')).toBeNull()

    vi.advanceTimersByTime(OTP_SESSION_TTL_MS - 1)
    expect(getOtpSession('maria')?.token).toBe('token-1')
    vi.advanceTimersByTime(1)
    expect(getOtpSession('maria')).toBeNull()
  })

  it('keeps one customer at a time: saving another forgets the first', () => {
    saveOtpSession('maria', 'token-1', Date.now() + 60_000)
    saveOtpSession('joao', 'token-2', Date.now() + 60_000)
    expect(getOtpSession('maria')).toBeNull()
    expect(getOtpSession('joao')?.token).toBe('token-2')
  })

  it('forgets on request, or only when another customer is opened', () => {
    saveOtpSession('maria', 'token-1', Date.now() + 60_000)
    forgetOtherOtpSessions('maria')
    expect(getOtpSession('maria')?.token).toBe('token-1')
    forgetOtherOtpSessions('joao')
    expect(getOtpSession('maria')).toBeNull()

    saveOtpSession('maria', 'token-3', Date.now() + 60_000)
    forgetOtpSessions()
    expect(getOtpSession('maria')).toBeNull()
  })

  it('re-renders subscribers on save, on forget and at expiry', () => {
    function Probe({ customerId }: { customerId: string }) {
      const session = useOtpSession(customerId)
      return <p>{session ? session.token : 'none'}</p>
    }
    render(<Probe customerId="maria" />)
    expect(screen.getByText('none')).toBeInTheDocument()

    act(() => {
      saveOtpSession('maria', 'token-1', Date.now() + 1000)
    })
    expect(screen.getByText('token-1')).toBeInTheDocument()

    act(() => {
      vi.advanceTimersByTime(1000)
    })
    expect(screen.getByText('none')).toBeInTheDocument()

    act(() => {
      saveOtpSession('maria', 'token-2', Date.now() + 1000)
    })
    act(() => {
      forgetOtpSessions()
    })
    expect(screen.getByText('none')).toBeInTheDocument()
  })
})
