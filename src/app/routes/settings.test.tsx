import { act, cleanup, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  installCameraEnvironment,
  removeCameraEnvironment,
} from '../../features/scan/camera-test-env'
import { setDecoderStatus } from '../../features/scan/decoder-status'
import { readScanSetting, SCAN_SETTINGS } from '../../features/scan/scan-settings'
import { renderApp } from '../../testing/render-with-providers'

async function openSettings(language: 'en' | 'pt-BR' = 'en') {
  const rendered = renderApp('/settings', { language })
  await screen.findByRole('heading', { level: 1, name: language === 'en' ? 'Settings' : 'Ajustes' })
  return rendered
}

beforeEach(() => {
  installCameraEnvironment({ permission: 'prompt' })
})

afterEach(() => {
  // Unmount first: a permission answer still in flight must not meet a removed camera.
  cleanup()
  removeCameraEnvironment()
  setDecoderStatus({ state: 'idle' })
})

describe('/settings', () => {
  it('has a titled section for each group, in both languages', async () => {
    const { i18n } = await openSettings('pt-BR')
    for (const name of ['Idioma', 'Quiosque', 'Leitura de cupons', 'Diagnóstico']) {
      expect(screen.getByRole('region', { name })).toBeInTheDocument()
    }
    const scanning = screen.getByRole('region', { name: 'Leitura de cupons' })
    expect(within(scanning).getByRole('switch', { name: 'Usar ao ler' })).not.toBeChecked()
    expect(within(scanning).getByRole('switch', { name: 'Sons' })).toBeChecked()
    expect(within(scanning).getByRole('combobox', { name: 'Câmera preferida' })).toHaveValue('')

    await act(async () => {
      await i18n.changeLanguage('en')
    })
    for (const name of ['Language', 'Kiosk', 'Scanning', 'Diagnostics']) {
      expect(screen.getByRole('region', { name })).toBeInTheDocument()
    }
    expect(screen.getByRole('heading', { level: 2, name: 'Language' })).toBeInTheDocument()
    expect(screen.getByRole('combobox', { name: 'Language' })).toHaveValue('en')
  })

  it('"Use on scan" and "Sounds" work from the keyboard and stay on the device', async () => {
    const first = await openSettings()
    const useOnScan = screen.getByRole('switch', { name: 'Use on scan' })
    expect(useOnScan).toHaveAccessibleDescription(/A typed code still asks/)
    useOnScan.focus()
    await first.user.keyboard(' ')
    expect(useOnScan).toBeChecked()
    await first.user.tab()
    const sounds = screen.getByRole('switch', { name: 'Sounds' })
    expect(sounds).toHaveFocus()
    await first.user.keyboard('{Enter}')
    expect(sounds).not.toBeChecked()
    expect(localStorage.getItem(SCAN_SETTINGS.useOnScan.key)).toBe('true')
    expect(localStorage.getItem(SCAN_SETTINGS.sounds.key)).toBe('false')
    first.unmount()

    // A later visit (a reload) reads them back.
    await openSettings()
    expect(screen.getByRole('switch', { name: 'Use on scan' })).toBeChecked()
    expect(screen.getByRole('switch', { name: 'Sounds' })).not.toBeChecked()
    expect(readScanSetting('useOnScan')).toBe(true)
  })

  it('diagnostics show the camera permission live and the QR decoder', async () => {
    const env = installCameraEnvironment({ permission: 'prompt' })
    await openSettings()
    const panel = screen.getByRole('region', { name: 'Diagnostics' })
    const value = (term: string) => within(panel).getByText(term).nextElementSibling
    await within(panel).findByText(/Not asked yet/)
    expect(value('QR decoder')).toHaveTextContent('not loaded yet')

    act(() => {
      env.setPermission('granted')
      setDecoderStatus({ state: 'zxing-wasm', version: '3.1.3' })
    })
    expect(value('Camera permission')).toHaveTextContent('Allowed')
    expect(value('QR decoder')).toHaveTextContent('ZXing-C++ 3.1.3 (WebAssembly)')
    expect(await within(panel).findByText('0.1.0-test')).toBeInTheDocument()
  })
})
