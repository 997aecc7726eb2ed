import { screen } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { server } from '../../testing/msw-server'
import { buildPosConfig } from '../../testing/pos-fixtures'
import { renderWithProviders } from '../../testing/render-with-providers'
import { SandboxBanner } from './sandbox-banner'

describe('SandboxBanner', () => {
  it('warns in English that points are not real', async () => {
    renderWithProviders(<SandboxBanner />, { language: 'en' })
    expect(await screen.findByRole('status', { name: 'Sandbox mode' })).toHaveTextContent(
      'Sandbox: demo data, no real points are spent',
    )
  })

  it('warns in Portuguese that points are not real', async () => {
    renderWithProviders(<SandboxBanner />, { language: 'pt-BR' })
    expect(await screen.findByRole('status', { name: 'Modo sandbox' })).toHaveTextContent(
      'Sandbox: dados de demonstração, nenhum ponto real é gasto',
    )
  })

  it('shows nothing in live mode', async () => {
    let served = false
    server.use(
      http.get('/api/pos/config', () => {
        served = true
        return HttpResponse.json(buildPosConfig({ mode: 'live', sandbox: undefined }))
      }),
    )
    const { queryClient } = renderWithProviders(<SandboxBanner />)
    await expect.poll(() => served && queryClient.isFetching() === 0).toBe(true)
    expect(screen.queryByRole('status')).not.toBeInTheDocument()
  })
})
