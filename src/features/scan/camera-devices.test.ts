import { describe, expect, it } from 'vitest'
import { cameraToOpen } from './camera-devices'

const listed = {
  known: true,
  cameras: [
    { deviceId: 'rear', label: 'Back camera' },
    { deviceId: 'usb', label: 'USB webcam' },
  ],
}

describe('cameraToOpen', () => {
  it('opens the preferred camera while the device lists it', () => {
    expect(cameraToOpen('usb', listed)).toBe('usb')
  })

  it('opens the rear camera when the preferred one is not listed, or there is none', () => {
    expect(cameraToOpen('gone', listed)).toBeNull()
    expect(cameraToOpen(null, listed)).toBeNull()
  })

  it('tries the preferred camera when the browser hides the list', () => {
    expect(cameraToOpen('usb', { known: false, cameras: [] })).toBe('usb')
  })
})
