import { act, screen, waitFor } from '@testing-library/react'
import { useState } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { renderWithProviders } from '../../testing/render-with-providers'
import { CameraScanner } from './camera-scanner'
import { PREFERRED_CAMERA_KEY, readPreferredCamera } from './scan-settings'
import type { CameraScanner as Scanner, ScanResult } from './scanner-engine'

/** A stand-in for the lazily loaded html5-qrcode module: records what the screen asks of it. */
const engine = vi.hoisted(() => {
  const state = {
    starts: [] as { deviceId: string | null; onResult: (r: ScanResult) => void }[],
    scanners: [] as {
      pause: ReturnType<typeof vi.fn>
      resume: ReturnType<typeof vi.fn>
      stop: ReturnType<typeof vi.fn>
      setTorch: ReturnType<typeof vi.fn>
    }[],
    nextStart: null as null | (() => Promise<{ deviceId: string | null; torchSupported: boolean }>),
  }
  return state
})

vi.mock('./scanner-engine', () => ({
  prepareDecoder: () => Promise.resolve({ state: 'zxing-wasm', version: 'test' }),
  startCameraScanner: (
    container: HTMLElement,
    choice: { deviceId: string | null },
    onResult: (r: ScanResult) => void,
  ): Scanner => {
    engine.starts.push({ deviceId: choice.deviceId, onResult })
    const host = document.createElement('div')
    host.className = 'qr-host'
    container.append(host)
    const scanner = {
      pause: vi.fn(),
      resume: vi.fn(),
      stop: vi.fn(() => Promise.resolve()),
      setTorch: vi.fn(() => Promise.resolve()),
    }
    engine.scanners.push(scanner)
    const started = engine.nextStart
      ? engine.nextStart()
      : Promise.resolve({ deviceId: 'rear', torchSupported: false })
    return { ...scanner, started }
  },
}))

function setEnvironment({
  secure = true,
  devices = [] as { deviceId: string; label: string }[],
}: {
  secure?: boolean
  devices?: { deviceId: string; label: string }[]
} = {}) {
  Object.defineProperty(window, 'isSecureContext', { value: secure, configurable: true })
  Object.defineProperty(navigator, 'mediaDevices', {
    configurable: true,
    value: {
      getUserMedia: vi.fn(),
      enumerateDevices: () =>
        Promise.resolve(devices.map((d) => ({ ...d, kind: 'videoinput', groupId: '' }))),
    },
  })
}

/** The scan screen's part: a verdict pauses the camera, "Scan next" resumes it. */
function WithVerdictToggle({ onRead }: { onRead: (read: ScanResult) => void }) {
  const [paused, setPaused] = useState(false)
  return (
    <>
      <button
        type="button"
        onClick={() => {
          setPaused(!paused)
        }}
      >
        toggle verdict
      </button>
      <CameraScanner paused={paused} onRead={onRead} />
    </>
  )
}

function setHidden(hidden: boolean) {
  Object.defineProperty(document, 'hidden', { value: hidden, configurable: true })
  document.dispatchEvent(new Event('visibilitychange'))
}

beforeEach(() => {
  setHidden(false)
  engine.starts.length = 0
  engine.scanners.length = 0
  engine.nextStart = null
})

afterEach(() => {
  Reflect.deleteProperty(window, 'isSecureContext')
  Reflect.deleteProperty(navigator, 'mediaDevices')
  Reflect.deleteProperty(document, 'hidden')
})

describe('CameraScanner', () => {
  it('explains an insecure address and never asks for the camera', () => {
    setEnvironment({ secure: false })
    renderWithProviders(<CameraScanner paused={false} onRead={vi.fn()} />)
    expect(screen.getByRole('alert')).toHaveTextContent('The camera only works on a secure address')
    expect(screen.getByRole('alert')).toHaveTextContent(window.location.origin)
    expect(screen.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument()
    expect(engine.starts).toHaveLength(0)
  })

  it('starts the rear camera, hands reads on, pauses under a verdict and stops on unmount', async () => {
    setEnvironment()
    const onRead = vi.fn()
    const { user, unmount } = renderWithProviders(<WithVerdictToggle onRead={onRead} />)
    expect(screen.getByRole('status')).toHaveTextContent('Opening the camera…')
    await screen.findByText('Point at the QR code')
    expect(engine.starts.map((start) => start.deviceId)).toEqual([null])

    act(() => {
      engine.starts[0]?.onResult({ text: 'CZ-914F15F3', decoder: 'BarcodeDetector' })
    })
    expect(onRead).toHaveBeenCalledExactlyOnceWith({
      text: 'CZ-914F15F3',
      decoder: 'BarcodeDetector',
    })

    const scanner = engine.scanners[0]
    await user.click(screen.getByRole('button', { name: 'toggle verdict' }))
    expect(scanner?.pause).toHaveBeenLastCalledWith(false)
    expect(screen.getByRole('status')).toHaveTextContent('Scanning paused')
    scanner?.resume.mockClear()
    await user.click(screen.getByRole('button', { name: 'toggle verdict' }))
    expect(scanner?.resume).toHaveBeenCalledOnce()

    const host = document.querySelector('.qr-host')
    unmount()
    expect(scanner?.stop).toHaveBeenCalledOnce()
    // Still in the page (parked, hidden) until stop() removes it: a video must not be detached
    // while it starts playing.
    expect(host?.isConnected).toBe(true)
    expect(host?.parentElement).toHaveAttribute('id', 'qr-parking')
    expect(host?.parentElement).not.toBeVisible()
  })

  it('pauses the video too while the tab is hidden', async () => {
    setEnvironment()
    renderWithProviders(<CameraScanner paused={false} onRead={vi.fn()} />)
    await screen.findByText('Point at the QR code')
    act(() => {
      setHidden(true)
    })
    expect(engine.scanners[0]?.pause).toHaveBeenLastCalledWith(true)
    engine.scanners[0]?.resume.mockClear()
    act(() => {
      setHidden(false)
    })
    expect(engine.scanners[0]?.resume).toHaveBeenCalledOnce()
  })

  it('says how to allow a blocked camera, and tries again on request', async () => {
    setEnvironment()
    engine.nextStart = () =>
      Promise.reject(
        new Error('Error getting userMedia, error = NotAllowedError: Permission denied'),
      )
    const { user } = renderWithProviders(<CameraScanner paused={false} onRead={vi.fn()} />)
    expect(await screen.findByRole('alert')).toHaveTextContent('The camera is blocked')
    expect(screen.getByRole('alert')).toHaveTextContent('type the coupon code below')

    engine.nextStart = null
    await user.click(screen.getByRole('button', { name: 'Try again' }))
    await screen.findByText('Point at the QR code')
    expect(engine.starts).toHaveLength(2)
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })

  it('offers a camera picker when there are several, and a torch where the track has one', async () => {
    setEnvironment({
      devices: [
        { deviceId: 'rear', label: 'Back camera' },
        { deviceId: 'front', label: '' },
      ],
    })
    engine.nextStart = () => Promise.resolve({ deviceId: 'rear', torchSupported: true })
    const { user } = renderWithProviders(<CameraScanner paused={false} onRead={vi.fn()} />)
    const picker = await screen.findByRole('combobox', { name: 'Camera' })
    expect(picker).toHaveValue('rear')
    expect(screen.getByRole('option', { name: 'Camera 2' })).toBeInTheDocument()

    const torch = screen.getByRole('button', { name: 'Torch' })
    expect(torch).toHaveAttribute('aria-pressed', 'false')
    await user.click(torch)
    expect(engine.scanners[0]?.setTorch).toHaveBeenCalledWith(true)
    await waitFor(() => {
      expect(torch).toHaveAttribute('aria-pressed', 'true')
    })

    await user.selectOptions(picker, 'front')
    await waitFor(() => {
      expect(engine.starts.at(-1)?.deviceId).toBe('front')
    })
    expect(engine.scanners[0]?.stop).toHaveBeenCalledOnce()
    // The pick is the device's camera from now on, as if chosen in Settings.
    expect(readPreferredCamera()).toBe('front')
  })

  it('opens the preferred camera when the device still has it', async () => {
    localStorage.setItem(PREFERRED_CAMERA_KEY, 'front')
    setEnvironment({
      devices: [
        { deviceId: 'rear', label: 'Back camera' },
        { deviceId: 'front', label: 'Front camera' },
      ],
    })
    engine.nextStart = () => Promise.resolve({ deviceId: 'front', torchSupported: false })
    renderWithProviders(<CameraScanner paused={false} onRead={vi.fn()} />)
    expect(await screen.findByRole('combobox', { name: 'Camera' })).toHaveValue('front')
    expect(engine.starts.map((start) => start.deviceId)).toEqual(['front'])
  })

  it('opens the rear camera when the preferred one is no longer listed', async () => {
    localStorage.setItem(PREFERRED_CAMERA_KEY, 'unplugged')
    setEnvironment({ devices: [{ deviceId: 'rear', label: 'Back camera' }] })
    renderWithProviders(<CameraScanner paused={false} onRead={vi.fn()} />)
    await screen.findByText('Point at the QR code')
    expect(engine.starts.map((start) => start.deviceId)).toEqual([null])
    // Kept: plugged back in, it is the one again.
    expect(readPreferredCamera()).toBe('unplugged')
  })

  it('falls back to the rear camera when the browser hid the list and the preferred one is gone', async () => {
    localStorage.setItem(PREFERRED_CAMERA_KEY, 'unplugged')
    // Before permission the browser lists no ids, so the preference can only be tried.
    setEnvironment({ devices: [{ deviceId: '', label: '' }] })
    engine.nextStart = () => {
      engine.nextStart = null
      return Promise.reject(new DOMException('', 'OverconstrainedError'))
    }
    renderWithProviders(<CameraScanner paused={false} onRead={vi.fn()} />)
    await screen.findByText('Point at the QR code')
    expect(engine.starts.map((start) => start.deviceId)).toEqual(['unplugged', null])
    expect(engine.scanners[0]?.stop).toHaveBeenCalledOnce()
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })

  it('does not fall back when the camera is refused: that needs the cashier', async () => {
    localStorage.setItem(PREFERRED_CAMERA_KEY, 'front')
    setEnvironment({ devices: [{ deviceId: '', label: '' }] })
    engine.nextStart = () => Promise.reject(new DOMException('', 'NotAllowedError'))
    renderWithProviders(<CameraScanner paused={false} onRead={vi.fn()} />)
    expect(await screen.findByRole('alert')).toHaveTextContent('The camera is blocked')
    expect(engine.starts.map((start) => start.deviceId)).toEqual(['front'])
  })
})
