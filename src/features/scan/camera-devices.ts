/** One camera of this device, as the pickers list it. */
export interface CameraOption {
  deviceId: string
  label: string
}

export interface CameraList {
  cameras: CameraOption[]
  /**
   * Whether the browser told us which cameras there are. Until the camera is allowed, browsers
   * hide ids and names (Chromium lists one entry with an empty id; Safari lists nothing).
   */
  known: boolean
}

/** The device's cameras; `unnamed(n)` names one whose label the browser withholds. */
export async function listCameras(unnamed: (n: number) => string): Promise<CameraList> {
  const devices = await navigator.mediaDevices.enumerateDevices()
  const inputs = devices.filter((device) => device.kind === 'videoinput')
  const cameras = inputs
    .filter((device) => device.deviceId !== '')
    .map((device, index) => ({
      deviceId: device.deviceId,
      label: device.label || unnamed(index + 1),
    }))
  return { cameras, known: inputs.some((device) => device.label !== '') }
}

/**
 * The camera to open: the preferred one, unless the browser lists its cameras and that one is not
 * among them (unplugged, or the browser reset its ids), then the rear camera (null). When the
 * list is hidden, the preference is tried and a failed start falls back (camera-scanner.tsx).
 */
export function cameraToOpen(preferred: string | null, list: CameraList): string | null {
  if (preferred === null || !list.known) return preferred
  return list.cameras.some((camera) => camera.deviceId === preferred) ? preferred : null
}
