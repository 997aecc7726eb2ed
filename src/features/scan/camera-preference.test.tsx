import { act, cleanup, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { renderWithProviders } from '../../testing/render-with-providers'
import { CameraPreference } from './camera-preference'
import { installCameraEnvironment, removeCameraEnvironment } from './camera-test-env'
import { PREFERRED_CAMERA_KEY, readPreferredCamera } from './scan-settings'

const TWO_CAMERAS = [
  { deviceId: 'rear-id', label: 'Back camera' },
  { deviceId: 'usb-id', label: 'USB webcam' },
]

const picker = () => screen.getByRole('combobox', { name: 'Preferred camera' })
const optionNames = () => screen.getAllByRole('option').map((option) => option.textContent)

afterEach(() => {
  // Unmount first: a permission answer still in flight must not meet a removed camera.
  cleanup()
  removeCameraEnvironment()
})

describe('CameraPreference', () => {
  it('before permission offers the rear camera and a button that asks for the camera', async () => {
    const env = installCameraEnvironment({ cameras: TWO_CAMERAS })
    const { user } = renderWithProviders(<CameraPreference />)
    const allow = await screen.findByRole('button', { name: 'Allow the camera' })
    expect(optionNames()).toEqual(['Rear camera (default)'])
    expect(picker()).toHaveAccessibleDescription(/names this device's cameras once/)

    await user.click(allow)
    expect(env.getUserMedia).toHaveBeenCalledWith({ video: true })
    // The light goes off at once: the request was only for the permission.
    expect(env.stoppedTracks()).toBe(1)
    await waitFor(() => {
      expect(optionNames()).toEqual(['Rear camera (default)', 'Back camera', 'USB webcam'])
    })
    expect(screen.queryByRole('button', { name: 'Allow the camera' })).not.toBeInTheDocument()

    await user.selectOptions(picker(), 'USB webcam')
    expect(localStorage.getItem(PREFERRED_CAMERA_KEY)).toBe('usb-id')
    await user.selectOptions(picker(), 'Rear camera (default)')
    expect(readPreferredCamera()).toBeNull()
  })

  it('lists the cameras at once when already allowed, and follows a camera plugged in', async () => {
    const env = installCameraEnvironment({
      permission: 'granted',
      cameras: TWO_CAMERAS.slice(0, 1),
    })
    renderWithProviders(<CameraPreference />)
    await waitFor(() => {
      expect(optionNames()).toEqual(['Rear camera (default)', 'Back camera'])
    })
    act(() => {
      env.setCameras(TWO_CAMERAS)
    })
    await waitFor(() => {
      expect(optionNames()).toContain('USB webcam')
    })
    expect(screen.queryByRole('button')).not.toBeInTheDocument()
  })

  it('says when the saved camera is gone and the rear one is used', async () => {
    localStorage.setItem(PREFERRED_CAMERA_KEY, 'old-id')
    installCameraEnvironment({ permission: 'granted', cameras: TWO_CAMERAS })
    renderWithProviders(<CameraPreference />)
    await waitFor(() => {
      expect(picker()).toHaveDisplayValue('Saved camera (not connected: the rear camera is used)')
    })
  })

  it('explains a refused camera and offers to try again', async () => {
    installCameraEnvironment({ permission: 'denied', cameras: TWO_CAMERAS })
    const { user } = renderWithProviders(<CameraPreference />, { language: 'pt-BR' })
    expect(await screen.findByRole('alert')).toHaveTextContent('A câmera está bloqueada')
    await user.click(screen.getByRole('button', { name: 'Tentar de novo' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('A câmera está bloqueada')
    expect(screen.getByRole('combobox', { name: 'Câmera preferida' })).toHaveValue('')
  })

  it('on an insecure address says why and asks for nothing', () => {
    const env = installCameraEnvironment({ secure: false, cameras: TWO_CAMERAS })
    renderWithProviders(<CameraPreference />)
    expect(picker()).toHaveAccessibleDescription(/only works on a secure address/)
    expect(screen.queryByRole('button')).not.toBeInTheDocument()
    expect(env.getUserMedia).not.toHaveBeenCalled()
  })
})
