/** Why the camera is not showing, each with its own explanation for the cashier. */
export type CameraProblem = 'insecure' | 'unsupported' | 'denied' | 'not-found' | 'in-use' | 'other'

export interface CameraEnvironment {
  isSecureContext: boolean
  hasGetUserMedia: boolean
}

export function currentCameraEnvironment(): CameraEnvironment {
  return {
    isSecureContext: window.isSecureContext,
    // Absent outside secure contexts and in some embedded browsers.
    hasGetUserMedia:
      typeof (navigator as { mediaDevices?: MediaDevices }).mediaDevices?.getUserMedia ===
      'function',
  }
}

/**
 * What stops the camera before trying it. Browsers only offer the camera to https pages and
 * http://localhost; a till opened as http://192.168.x.x never gets a prompt.
 */
export function cameraProblemBeforeStart(env: CameraEnvironment): CameraProblem | null {
  if (!env.isSecureContext) return 'insecure'
  if (!env.hasGetUserMedia) return 'unsupported'
  return null
}

const BY_NAME: Record<string, CameraProblem> = {
  NotAllowedError: 'denied',
  PermissionDeniedError: 'denied',
  SecurityError: 'denied',
  NotFoundError: 'not-found',
  DevicesNotFoundError: 'not-found',
  OverconstrainedError: 'not-found',
  ConstraintNotSatisfiedError: 'not-found',
  NotReadableError: 'in-use',
  TrackStartError: 'in-use',
  AbortError: 'in-use',
}

/**
 * Classifies a failed camera start. html5-qrcode rejects with a string that embeds the
 * getUserMedia error ("Error getting userMedia, error = NotAllowedError: …"), not the error itself,
 * so the DOMException name is also looked for inside a text.
 */
export function classifyCameraError(error: unknown): CameraProblem {
  if (typeof error === 'object' && error !== null && 'name' in error) {
    const name = error.name
    if (typeof name === 'string' && name in BY_NAME) return BY_NAME[name] ?? 'other'
  }
  const text = String(error)
  for (const [name, problem] of Object.entries(BY_NAME)) {
    if (text.includes(name)) return problem
  }
  if (/not supported|streaming not supported/i.test(text)) return 'unsupported'
  return 'other'
}
