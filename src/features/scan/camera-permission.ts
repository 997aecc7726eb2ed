import { useEffect, useState } from 'react'

/**
 * The browser's camera permission for this origin, plus the two cases where asking is pointless:
 * an insecure origin (no camera at all) and a browser without the Permissions API for cameras
 * (Firefox before 131, older Safari).
 */
export type CameraPermission =
  'checking' | 'granted' | 'denied' | 'prompt' | 'unsupported' | 'insecure'

function initialPermission(): CameraPermission {
  if (!window.isSecureContext) return 'insecure'
  const permissions = (navigator as { permissions?: Permissions }).permissions
  return typeof permissions?.query === 'function' ? 'checking' : 'unsupported'
}

/** Live: follows the permission's `change` event (a cashier allowing it in site settings). */
export function useCameraPermission(): CameraPermission {
  const [state, setState] = useState(initialPermission)
  const query =
    state === 'checking' || state === 'granted' || state === 'denied' || state === 'prompt'

  useEffect(() => {
    if (!query) return
    let status: PermissionStatus | null = null
    let cancelled = false
    const update = () => {
      if (status) setState(status.state)
    }
    navigator.permissions.query({ name: 'camera' }).then(
      (answer) => {
        if (cancelled) return
        status = answer
        answer.addEventListener('change', update)
        update()
      },
      () => {
        // Browsers that do not know the 'camera' name reject with a TypeError.
        if (!cancelled) setState('unsupported')
      },
    )
    return () => {
      cancelled = true
      status?.removeEventListener('change', update)
    }
  }, [query])

  return state
}
