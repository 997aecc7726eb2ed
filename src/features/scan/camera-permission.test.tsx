import { act, cleanup, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { renderWithProviders } from '../../testing/render-with-providers'
import { CameraPermissionStatus } from './camera-permission-status'
import { installCameraEnvironment, removeCameraEnvironment } from './camera-test-env'

afterEach(() => {
  // Unmount first: a permission answer still in flight must not meet a removed camera.
  cleanup()
  removeCameraEnvironment()
})

describe('camera permission status', () => {
  it('follows the browser as the permission changes', async () => {
    const env = installCameraEnvironment({ permission: 'prompt' })
    renderWithProviders(<CameraPermissionStatus />)
    expect(await screen.findByText(/^Not asked yet/)).toBeInTheDocument()
    act(() => {
      env.setPermission('granted')
    })
    expect(screen.getByText(/Allowed$/)).toBeInTheDocument()
    act(() => {
      env.setPermission('denied')
    })
    expect(screen.getByText(/Blocked: allow the camera/)).toBeInTheDocument()
  })

  it('says when the browser does not report it', async () => {
    installCameraEnvironment({ permission: 'unsupported' })
    renderWithProviders(<CameraPermissionStatus />, { language: 'pt-BR' })
    expect(await screen.findByText('Este navegador não informa')).toBeInTheDocument()
  })

  it('names an insecure address instead of asking the browser', () => {
    installCameraEnvironment({ secure: false, permission: 'granted' })
    renderWithProviders(<CameraPermissionStatus />)
    expect(screen.getByText(/Unavailable: not a secure address/)).toBeInTheDocument()
  })
})
