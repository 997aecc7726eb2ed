import { screen, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { server } from '../../testing/msw-server'
import { buildPosConfig, buildPosHealth } from '../../testing/pos-fixtures'
import { renderWithProviders } from '../../testing/render-with-providers'
import { DiagnosticsPanel, DiagnosticsRow } from './diagnostics-panel'

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

  it('shows where sign-outs and security counters live, in both languages', async () => {
    server.use(
      http.get('/api/pos/health', () =>
        HttpResponse.json(buildPosHealth({ shared_state: 'unavailable' })),
      ),
    )
    renderWithProviders(<DiagnosticsPanel />, { language: 'pt-BR' })
    const panel = screen.getByRole('region', { name: 'Diagnóstico' })
    expect(await within(panel).findByText('Estado compartilhado')).toBeInTheDocument()
    expect(
      within(panel).getByText(
        'Indisponível: o Redis não responde, a memória deste servidor assume',
      ),
    ).toBeInTheDocument()
  })

  it('says "Shared state: Redis" in English when Redis answers', async () => {
    server.use(
      http.get('/api/pos/health', () =>
        HttpResponse.json(buildPosHealth({ shared_state: 'redis' })),
      ),
    )
    renderWithProviders(<DiagnosticsPanel />, { language: 'en' })
    const panel = screen.getByRole('region', { name: 'Diagnostics' })
    const label = await within(panel).findByText('Shared state')
    expect(label.nextElementSibling).toHaveTextContent('Redis (shared by every instance)')
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

  it('says how far the device clock is from the till server, and how to fix a wrong one', async () => {
    server.use(
      http.get('/api/pos/config', () =>
        HttpResponse.json(buildPosConfig(), {
          // The server is five minutes behind this device.
          headers: { Date: new Date(Date.now() - 5 * 60_000).toUTCString() },
        }),
      ),
    )
    renderWithProviders(<DiagnosticsPanel />, { language: 'en' })
    const panel = screen.getByRole('region', { name: 'Diagnostics' })
    expect(await within(panel).findByText('5 min ahead of the till server')).toBeInTheDocument()
    expect(within(panel).getByText(/set the device’s date and time to automatic/)).toBeVisible()
  })

  it('says the clock is right when it matches the server', async () => {
    server.use(
      http.get('/api/pos/config', () =>
        HttpResponse.json(buildPosConfig(), { headers: { Date: new Date().toUTCString() } }),
      ),
    )
    renderWithProviders(<DiagnosticsPanel />, { language: 'pt-BR' })
    const panel = screen.getByRole('region', { name: 'Diagnóstico' })
    expect(await within(panel).findByText(/Certo \(igual ao do servidor do caixa\)/)).toBeVisible()
  })

  it("shows other features' rows before the version", async () => {
    renderWithProviders(
      <DiagnosticsPanel>
        <DiagnosticsRow label="Camera permission">Allowed</DiagnosticsRow>
      </DiagnosticsPanel>,
      { language: 'en' },
    )
    const panel = screen.getByRole('region', { name: 'Diagnostics' })
    await within(panel).findByText('0.1.0-test')
    await within(panel).findByText('Shared state')
    const terms = within(panel)
      .getAllByRole('term')
      .map((term) => term.textContent)
    expect(terms).toEqual([
      'Mode',
      'Zupy API',
      'Shared state',
      'Clock',
      'Camera permission',
      'App version',
    ])
  })
})
