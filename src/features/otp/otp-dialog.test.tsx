import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { HttpResponse } from 'msw'
import { StrictMode } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { OtpRequestResponseSchema, OtpVerifyResponseSchema } from '../../../contract/otp'
import { PROBLEM_TYPE_BASE } from '../../../contract/problem-body'
import type { OtpCustomer } from './otp-gate'
import { OTP_SESSION_TTL_MS } from './otp-sessions'
import { server } from '../../testing/msw-server'
import { renderWithProviders } from '../../testing/render-with-providers'
import { OtpDialog } from './otp-dialog'
import { endpointHandler } from '../../testing/endpoint-handler'
import { otpEndpoints } from '../../../contract/endpoints/otp'

const maria: OtpCustomer = {
  id: 'maria01',
  name: 'Maria Santos',
  phone: '+5511987654321',
  email: 'maria.santos@example.com',
}

const problem = (status: number, slug: string, detail: string) =>
  HttpResponse.json(
    { type: `${PROBLEM_TYPE_BASE}${slug}`, title: slug, status, detail },
    { status, headers: { 'Content-Type': 'application/problem+json' } },
  )

interface Recorded {
  sends: unknown[]
  verifies: unknown[]
}

/** request-otp answers `channel`; verify-otp answers with `verify` (default: success). */
function otpServer(
  options: { channel?: string; verify?: () => Response | Promise<Response> } = {},
): Recorded {
  const recorded: Recorded = { sends: [], verifies: [] }
  server.use(
    endpointHandler(otpEndpoints.request, async ({ request }) => {
      recorded.sends.push(await request.json())
      return HttpResponse.json(
        OtpRequestResponseSchema.parse({
          status: 'sent',
          channel: options.channel ?? 'whatsapp',
          expires_in: 300,
        }),
      )
    }),
    endpointHandler(otpEndpoints.verify, async ({ request }) => {
      recorded.verifies.push(await request.json())
      if (options.verify) return options.verify()
      return HttpResponse.json(
        OtpVerifyResponseSchema.parse({
          customer_id: maria.id,
          is_new: false,
          otp_session: 'zs_session_token_123',
          full_name: maria.name,
          points_balance: 1250,
          tier: 'silver',
        }),
      )
    }),
  )
  return recorded
}

function renderDialog(customer: OtpCustomer = maria) {
  const onVerified = vi.fn()
  const onCancel = vi.fn()
  const rendered = renderWithProviders(
    <OtpDialog customer={customer} onVerified={onVerified} onCancel={onCancel} />,
    { language: 'en' },
  )
  return { ...rendered, onVerified, onCancel }
}

/** Text split over inline elements (the destination keeps to one line): match the whole. */
const fullText = (text: string) => (_: string, element: Element | null) =>
  element?.textContent === text &&
  ![...element.children].some((child) => child.textContent === text)

const codeField = () => screen.getByRole('textbox', { name: 'Verification code' })
const verifyButton = () => screen.getByRole('button', { name: 'Verify' })

async function typeCode(user: ReturnType<typeof userEvent.setup>, code: string) {
  await user.clear(codeField())
  await user.type(codeField(), code)
}

describe('OtpDialog', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('sends the code to the E.164 phone on opening and says where it went', async () => {
    const recorded = otpServer()
    renderDialog()
    const dialog = screen.getByRole('dialog', { name: 'Customer verification' })
    expect(
      await within(dialog).findByText(fullText('Code sent by WhatsApp to (11) •••••-4321')),
    ).toBeInTheDocument()
    expect(within(dialog).getByText('The code expires in 5:00')).toBeInTheDocument()
    expect(recorded.sends).toEqual([{ identifier: '+5511987654321' }])

    const field = codeField()
    expect(field).toHaveAttribute('inputmode', 'numeric')
    expect(field).toHaveAttribute('autocomplete', 'one-time-code')
    expect(field).toHaveAttribute('pattern', '[0-9]{6}')
  })

  it('sends exactly one code even under StrictMode double effects', async () => {
    const recorded = otpServer()
    renderWithProviders(
      <StrictMode>
        <OtpDialog customer={maria} onVerified={vi.fn()} onCancel={vi.fn()} />
      </StrictMode>,
    )
    expect(await screen.findByText(/Code sent by WhatsApp/)).toBeInTheDocument()
    expect(recorded.sends).toHaveLength(1)
  })

  it('falls back to the e-mail when the customer has no phone', async () => {
    const recorded = otpServer({ channel: 'email' })
    renderDialog({ ...maria, phone: null })
    expect(
      await screen.findByText(fullText('Code sent by e-mail to m•••@example.com')),
    ).toBeInTheDocument()
    expect(recorded.sends).toEqual([{ identifier: 'maria.santos@example.com' }])
  })

  it('says so when the customer has neither phone nor e-mail, and sends nothing', () => {
    const recorded = otpServer()
    renderDialog({ id: 'x', name: 'Sem Contato', phone: null, email: null })
    expect(
      screen.getByText('This customer has no phone or e-mail to receive the code.'),
    ).toBeInTheDocument()
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument()
    expect(recorded.sends).toEqual([])
  })

  it('takes a pasted code with spaces and the on-screen keypad', async () => {
    otpServer()
    const { user } = renderDialog()
    await screen.findByText(/Code sent by WhatsApp/)

    // A paste keeps only the digits, up to six.
    fireEvent.change(codeField(), { target: { value: '123 456 7' } })
    expect(codeField()).toHaveValue('123456')

    await user.clear(codeField())
    const keypad = screen.getByRole('group', { name: 'Number pad' })
    for (const digit of ['9', '8', '7']) {
      await user.click(within(keypad).getByRole('button', { name: digit }))
    }
    await user.click(within(keypad).getByRole('button', { name: 'Delete' }))
    await user.click(within(keypad).getByRole('button', { name: '0' }))
    expect(codeField()).toHaveValue('980')
    expect(verifyButton()).toBeDisabled()
  })

  it('verifies and hands back a 30-minute session', async () => {
    const recorded = otpServer()
    const { user, onVerified } = renderDialog()
    await screen.findByText(/Code sent by WhatsApp/)
    const before = Date.now()
    await typeCode(user, '246810')
    await user.click(verifyButton())

    await waitFor(() => {
      expect(onVerified).toHaveBeenCalledOnce()
    })
    expect(recorded.verifies).toEqual([{ identifier: '+5511987654321', otp_code: '246810' }])
    const [session] = onVerified.mock.lastCall as [{ token: string; expiresAt: number }]
    expect(session.token).toBe('zs_session_token_123')
    expect(session.expiresAt).toBeGreaterThanOrEqual(before + OTP_SESSION_TTL_MS)
    expect(session.expiresAt).toBeLessThanOrEqual(Date.now() + OTP_SESSION_TTL_MS)
  })

  it('says "wrong code" for a 401 while the code is within its 5 minutes', async () => {
    otpServer({ verify: () => problem(401, 'authentication-required', 'Código inválido.') })
    const { user, onVerified } = renderDialog()
    await screen.findByText(/Code sent by WhatsApp/)
    await typeCode(user, '000000')
    await user.click(verifyButton())
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Wrong code. Check it with the customer and try again.',
    )
    expect(onVerified).not.toHaveBeenCalled()
  })

  it('says "expired" for a 401 once the local countdown has run out', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    otpServer({ verify: () => problem(401, 'authentication-required', 'Código expirado.') })
    renderDialog()
    const user = userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) })
    await screen.findByText('The code expires in 5:00')

    act(() => {
      vi.advanceTimersByTime(5 * 60_000)
    })
    expect(screen.getByText('The code has expired. Send a new code.')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Send a new code' })).toBeEnabled()

    await typeCode(user, '123456')
    await user.click(verifyButton())
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This code has expired. Send a new code.',
    )
  })

  it('says "expired" when Zupy has no code for the customer (404)', async () => {
    otpServer({ verify: () => problem(404, 'not-found', 'Nenhum código foi solicitado.') })
    const { user } = renderDialog()
    await screen.findByText(/Code sent by WhatsApp/)
    await typeCode(user, '123456')
    await user.click(verifyButton())
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This code has expired. Send a new code.',
    )
  })

  it('says "too many attempts" for a 429 and offers a new code at once', async () => {
    otpServer({ verify: () => problem(429, 'rate-limit-exceeded', 'Muitas tentativas.') })
    const { user } = renderDialog()
    await screen.findByText(/Code sent by WhatsApp/)
    expect(screen.getByRole('button', { name: /New code in \d+ s/ })).toBeDisabled()
    await typeCode(user, '123456')
    await user.click(verifyButton())
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Too many wrong attempts. Send a new code.',
    )
    expect(screen.getByRole('button', { name: 'Send a new code' })).toBeEnabled()
  })

  it('offers a new code after 30 s, and sending one restarts the countdown', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    const recorded = otpServer()
    renderDialog()
    const user = userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) })
    await screen.findByText('The code expires in 5:00')
    expect(screen.getByRole('button', { name: /New code in \d+ s/ })).toBeDisabled()

    act(() => {
      vi.advanceTimersByTime(30_000)
    })
    const resend = screen.getByRole('button', { name: 'Send a new code' })
    expect(resend).toBeEnabled()
    expect(screen.getByText('The code expires in 4:30')).toBeInTheDocument()

    await user.click(resend)
    await waitFor(() => {
      expect(recorded.sends).toHaveLength(2)
    })
    expect(await screen.findByText('The code expires in 5:00')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: /New code in \d+ s/ })).toBeDisabled()
  })

  it('cancels on request', async () => {
    otpServer()
    const { user, onCancel } = renderDialog()
    await user.click(screen.getByRole('button', { name: 'Cancel' }))
    expect(onCancel).toHaveBeenCalledOnce()
  })

  it('speaks Portuguese', async () => {
    otpServer()
    renderWithProviders(<OtpDialog customer={maria} onVerified={vi.fn()} onCancel={vi.fn()} />, {
      language: 'pt-BR',
    })
    expect(screen.getByRole('dialog', { name: 'Verificação do cliente' })).toBeInTheDocument()
    expect(
      await screen.findByText(fullText('Código enviado por WhatsApp para (11) •••••-4321')),
    ).toBeInTheDocument()
    expect(screen.getByRole('textbox', { name: 'Código de verificação' })).toBeInTheDocument()
  })
})
