import { act, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { PROBLEM_TYPE_BASE } from '../../../contract/problem-body'
import { ApiError } from '../../lib/api-client'
import { renderWithProviders } from '../../testing/render-with-providers'
import { ApiErrorMessage, classifyApiError } from './api-error-message'

const problemBody = (status: number, slug: string, detail: string) => ({
  type: `${PROBLEM_TYPE_BASE}${slug}`,
  title: slug,
  status,
  detail,
})

const httpError = (
  status: number,
  extra: Partial<ConstructorParameters<typeof ApiError>[0]> = {},
) => new ApiError({ kind: 'http', method: 'GET', path: '/api/v2/customers/', status, ...extra })

describe('ApiErrorMessage', () => {
  afterEach(() => {
    vi.restoreAllMocks()
    vi.useRealTimers()
  })

  it('says the till is offline when the browser has no network, and offers Retry', async () => {
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false)
    const onRetry = vi.fn()
    const { user } = renderWithProviders(
      <ApiErrorMessage
        error={new ApiError({ kind: 'network', method: 'GET', path: '/api/v2/rewards/' })}
        onRetry={onRetry}
      />,
    )
    expect(screen.getByRole('alert')).toHaveTextContent('You are offline')
    await user.click(screen.getByRole('button', { name: 'Retry' }))
    expect(onRetry).toHaveBeenCalledOnce()
  })

  it('says the till server could not be reached on a network failure while online', () => {
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(true)
    renderWithProviders(
      <ApiErrorMessage
        error={new ApiError({ kind: 'network', method: 'GET', path: '/api/v2/rewards/' })}
      />,
      { language: 'pt-BR' },
    )
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Não foi possível falar com o servidor do caixa',
    )
    // No onRetry: nothing to click.
    expect(screen.queryByRole('button')).not.toBeInTheDocument()
  })

  it.each([
    ['a client timeout', new ApiError({ kind: 'timeout', method: 'GET', path: '/x' })],
    [
      'the BFF upstream-timeout (504)',
      httpError(504, { problem: problemBody(504, 'upstream-timeout', 'Zupy did not answer') }),
    ],
    ['an upstream-error (502)', httpError(502)],
    ['a 503 from Zupy', httpError(503)],
    ['a 500', httpError(500)],
  ])('says Zupy is unavailable for %s, with Retry', async (_, error) => {
    const onRetry = vi.fn()
    const { user } = renderWithProviders(<ApiErrorMessage error={error} onRetry={onRetry} />)
    expect(screen.getByRole('alert')).toHaveTextContent('Zupy is not responding right now')
    expect(screen.getByRole('alert')).not.toHaveTextContent('Zupy did not answer')
    await user.click(screen.getByRole('button', { name: 'Retry' }))
    expect(onRetry).toHaveBeenCalledOnce()
  })

  it('shows the Retry-After wait on a 429, counts down, and holds Retry until it is over', () => {
    vi.useFakeTimers()
    renderWithProviders(
      <ApiErrorMessage error={httpError(429, { retryAfterSeconds: 3 })} onRetry={vi.fn()} />,
    )
    expect(screen.getByRole('alert')).toHaveTextContent('Too many requests. Wait 3 s')
    expect(screen.getByRole('button', { name: 'Retry' })).toBeDisabled()

    act(() => {
      vi.advanceTimersByTime(1000)
    })
    expect(screen.getByRole('alert')).toHaveTextContent('Wait 2 s')

    act(() => {
      vi.advanceTimersByTime(2000)
    })
    expect(screen.getByRole('alert')).toHaveTextContent('You can try again now')
    expect(screen.getByRole('button', { name: 'Retry' })).toBeEnabled()
  })

  it('formats the wait with the locale, in pt-BR', () => {
    renderWithProviders(<ApiErrorMessage error={httpError(429, { retryAfterSeconds: 1200 })} />, {
      language: 'pt-BR',
    })
    expect(screen.getByRole('alert')).toHaveTextContent('Aguarde 1.200 s')
  })

  it('uses the caller wording for a 404 and offers no Retry', () => {
    renderWithProviders(
      <ApiErrorMessage
        error={httpError(404, {
          problem: problemBody(404, 'not-found', 'Cliente não encontrado.'),
        })}
        onRetry={vi.fn()}
        notFoundMessage="Customer not found."
      />,
    )
    expect(screen.getByRole('alert')).toHaveTextContent('Customer not found.')
    expect(screen.queryByRole('button', { name: 'Retry' })).not.toBeInTheDocument()
  })

  it('shows a generic line and the request id for anything else, never the raw body', () => {
    const body = problemBody(422, 'validation-error', '{"field":"cursor"} at line 3')
    renderWithProviders(
      <ApiErrorMessage error={httpError(422, { problem: body, requestId: 'req-7f3a' })} />,
    )
    const alert = screen.getByRole('alert')
    expect(alert).toHaveTextContent('Something went wrong with this request')
    expect(alert).toHaveTextContent('Request id: req-7f3a')
    expect(alert).not.toHaveTextContent('cursor')
    expect(alert).not.toHaveTextContent('validation-error')
  })

  it('treats a body that breaks the contract as unexpected', () => {
    renderWithProviders(
      <ApiErrorMessage
        error={new ApiError({ kind: 'contract', method: 'GET', path: '/x', status: 200 })}
      />,
    )
    expect(screen.getByRole('alert')).toHaveTextContent('Something went wrong')
  })
})

describe('classifyApiError', () => {
  it.each([
    [new ApiError({ kind: 'network', method: 'GET', path: '/x' }), false, 'offline'],
    [new ApiError({ kind: 'network', method: 'GET', path: '/x' }), true, 'network'],
    [new ApiError({ kind: 'timeout', method: 'GET', path: '/x' }), true, 'unavailable'],
    [httpError(504), true, 'unavailable'],
    [httpError(429), true, 'rate-limited'],
    [httpError(404), true, 'not-found'],
    [httpError(403), true, 'other'],
  ] as const)('%o (online %s) → %s', (error, online, expected) => {
    expect(classifyApiError(error, online)).toBe(expected)
  })
})
