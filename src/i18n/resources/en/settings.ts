import type { Translation } from '../pt-br'

export const settings = {
  title: 'Settings',
  description: 'Saved on this device: each till keeps its own.',
  scanning: {
    title: 'Scanning',
  },
  camera: {
    label: 'Preferred camera',
    hint: 'The scan screen opens with it. Picking a camera on the scan screen changes it too.',
    rear: 'Rear camera (default)',
    saved: 'Saved camera',
    savedMissing: 'Saved camera (not connected: the rear camera is used)',
    allow: 'Allow the camera',
    allowHint: "The browser names this device's cameras once the camera is allowed.",
    insecure:
      'The camera only works on a secure address (https:// or http://localhost). Ask your manager for the till’s https address.',
    unsupported: 'This browser cannot use the camera.',
    none: 'No camera found on this device.',
  },
  permission: {
    label: 'Camera permission',
    checking: 'Checking…',
    granted: 'Allowed',
    prompt: 'Not asked yet (the browser asks when the camera first opens)',
    denied: 'Blocked: allow the camera in the browser’s site settings',
    unsupported: 'Not reported by this browser',
    insecure: 'Unavailable: not a secure address (use https:// or http://localhost)',
  },
} satisfies Translation['settings']
