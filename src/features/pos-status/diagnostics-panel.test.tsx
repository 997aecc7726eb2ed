import { screen, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { server } from '../../testing/msw-server'
import { buildPosConfig, buildPosHealth } from '../../testing/pos-fixtures'
import { renderWithProviders } from '../../testing/render-with-providers'
import { DiagnosticsPanel } from './diagnostics-panel'

describe('DiagnosticsPanel', () => {
  it('shows mode, upstream reachability with latency, and the app version', async () => {
    server.use(
      http.get('/api/pos/config', () => HttpResponse.json(buildPosConfig({ version: '1.2.3' }))),
      http.get('/api/pos/health', () =>
        HttpResponse.json(buildPosHealth({ upstream: { reachable: true, latency_ms: 37.4 } })),
      ),
    )
    renderWithProviders(<DiagnosticsPanel />, { language: 'en' })
    const panel = screen.getByRole('region', { name: 'Diagnostics' })
    expect(await within(panel).findByText('1.2.3')).toBeInTheDocument()
    expect(await within(panel).findByText(/Reachable \(37 ms\)/)).toBeInTheDocument()
    expect(within(panel).getByText('sandbox')).toBeInTheDocument()
  })

  it('says when the upstream is unreachable (a 503 health body is still an answer)', async () => {
    server.use(
      http.get('/api/pos/health', () =>
        HttpResponse.json(
          buildPosHealth({ status: 'degraded', upstream: { reachable: false, latency_ms: null } }),
          { status: 503 },
        ),
      ),
    )
    renderWithProviders(<DiagnosticsPanel />, { language: 'pt-BR' })
    const panel = screen.getByRole('region', { name: 'Diagnóstico' })
    expect(await within(panel).findByText(/Inacessível/)).toBeInTheDocument()
  })

  it('says the till server could not be reached when health fails', async () => {
    server.use(http.get('/api/pos/health', () => HttpResponse.error()))
    renderWithProviders(<DiagnosticsPanel />, { language: 'en' })
    const panel = screen.getByRole('region', { name: 'Diagnostics' })
    expect(await within(panel).findByText('Could not reach the till server.')).toBeInTheDocument()
  })

  it('checks again on request', async () => {
    let requests = 0
    server.use(
      http.get('/api/pos/health', () => {
        requests += 1
        return HttpResponse.json(buildPosHealth())
      }),
    )
    const { user } = renderWithProviders(<DiagnosticsPanel />, { language: 'en' })
    const button = screen.getByRole('button', { name: 'Check again' })
    await expect.poll(() => requests).toBe(1)
    await expect.poll(() => button).toBeEnabled()
    await user.click(button)
    await expect.poll(() => requests).toBe(2)
  })
})
