import { vi } from 'vitest'

/**
 * A browser's camera surface for component tests (happy-dom has none): a secure context,
 * `navigator.mediaDevices` with the given cameras, and a camera permission that can change.
 */
export interface FakeCameraEnvironment {
  /** The permission's state; `setPermission` changes it and fires `change` as a browser does. */
  setPermission: (state: PermissionState) => void
  /** Cameras the device has; `hidden` until allowed, as browsers list them before permission. */
  setCameras: (cameras: { deviceId: string; label: string }[]) => void
  getUserMedia: ReturnType<typeof vi.fn>
  stoppedTracks: () => number
}

export interface CameraEnvironmentOptions {
  secure?: boolean
  /** 'unsupported': the browser rejects the 'camera' permission name (older Firefox). */
  permission?: PermissionState | 'unsupported'
  cameras?: { deviceId: string; label: string }[]
  /** Hide ids and names until the camera is allowed, as browsers do. */
  hiddenUntilAllowed?: boolean
}

export function installCameraEnvironment({
  secure = true,
  permission = 'prompt',
  cameras = [],
  hiddenUntilAllowed = true,
}: CameraEnvironmentOptions = {}): FakeCameraEnvironment {
  Object.defineProperty(window, 'isSecureContext', { value: secure, configurable: true })

  let state: PermissionState = permission === 'unsupported' ? 'prompt' : permission
  let devices = cameras
  let stopped = 0
  const status = new EventTarget()
  Object.defineProperty(status, 'state', { get: () => state })
  Object.defineProperty(navigator, 'permissions', {
    configurable: true,
    value: {
      query: ({ name }: { name: string }) =>
        permission === 'unsupported' || name !== 'camera'
          ? Promise.reject(new TypeError(`'${name}' is not a valid PermissionName`))
          : Promise.resolve(status),
    },
  })

  const mediaEvents = new EventTarget()
  const getUserMedia = vi.fn(() => {
    if (state === 'denied') {
      return Promise.reject(new DOMException('Permission denied', 'NotAllowedError'))
    }
    if (devices.length === 0) {
      return Promise.reject(new DOMException('Requested device not found', 'NotFoundError'))
    }
    setPermission('granted')
    const track = {
      stop: () => {
        stopped += 1
      },
    }
    return Promise.resolve({ getTracks: () => [track] })
  })
  Object.defineProperty(navigator, 'mediaDevices', {
    configurable: true,
    value: {
      getUserMedia,
      enumerateDevices: () => {
        const hidden = hiddenUntilAllowed && state !== 'granted'
        // Chromium before permission: one entry per kind, no id, no label.
        const listed = hidden
          ? devices.slice(0, 1).map(() => ({ deviceId: '', label: '' }))
          : devices
        return Promise.resolve(
          listed.map((device) => ({ ...device, kind: 'videoinput', groupId: '' })),
        )
      },
      addEventListener: mediaEvents.addEventListener.bind(mediaEvents),
      removeEventListener: mediaEvents.removeEventListener.bind(mediaEvents),
    },
  })

  function setPermission(next: PermissionState) {
    state = next
    status.dispatchEvent(new Event('change'))
  }

  return {
    setPermission,
    setCameras: (next) => {
      devices = next
      mediaEvents.dispatchEvent(new Event('devicechange'))
    },
    getUserMedia,
    stoppedTracks: () => stopped,
  }
}

export function removeCameraEnvironment() {
  Reflect.deleteProperty(window, 'isSecureContext')
  Reflect.deleteProperty(navigator, 'permissions')
  Reflect.deleteProperty(navigator, 'mediaDevices')
}
