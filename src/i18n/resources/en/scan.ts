import type { ScanOutcome } from '../../../lib/verdicts'
import type { Translation } from '../pt-br'

export const scan = {
  title: 'Scan a coupon',
  description:
    "Point the camera at the coupon's QR code, use the barcode scanner, or type the code.",
  camera: {
    starting: 'Opening the camera…',
    scanning: 'Point at the QR code',
    paused: 'Scanning paused',
    choose: 'Camera',
    unnamed: 'Camera {{n}}',
    torch: 'Torch',
    retry: 'Try again',
    typeInstead: 'Meanwhile, type the coupon code below.',
    problem: {
      insecure: {
        title: 'The camera only works on a secure address',
        body: 'This till was opened at {{origin}}, and browsers only allow the camera on https:// addresses or on http://localhost. To fix it, serve the till over HTTPS: give its server a certificate (TLS_CERT_FILE and TLS_KEY_FILE) or put it behind a TLS reverse proxy, then open its https:// address. A barcode scanner works here as it is.',
      },
      unsupported: {
        title: 'This browser cannot use the camera',
        body: 'Open the till in an up-to-date Chrome, Edge or Safari to scan with the camera. A barcode scanner works in any browser.',
      },
      denied: {
        title: 'The camera is blocked',
        body: 'Tap the padlock or camera icon in the address bar, choose Allow for Camera, then tap Try again. On a tablet: Settings › Apps › your browser › Permissions › Camera.',
      },
      'not-found': {
        title: 'No camera found',
        body: 'Connect a camera and tap Try again, or use a barcode scanner.',
      },
      'in-use': {
        title: 'The camera is in use',
        body: 'Another app or tab is using the camera. Close it, then tap Try again.',
      },
      other: {
        title: 'The camera did not open',
        body: 'Tap Try again. If it keeps failing, reload the page.',
      },
    },
  },
  entry: {
    label: 'Coupon code',
    hint: 'Any case, with or without the hyphen.',
    submit: 'Check',
  },
  result: {
    label: 'Scan result',
    waiting: 'No coupon read yet. Scan a QR code or type the code.',
    scanNext: 'Scan next',
    unrecognised: {
      heading: 'Code not recognised',
      body: 'This is not a coupon, a Zupy card or a phone number: “{{text}}”.',
    },
    announce: '{{code}}: {{verdict}}',
  },
  options: {
    useOnScan: 'Use on scan',
    useOnScanHint:
      'An active coupon read by the camera or a barcode scanner is used at once, without tapping “Use coupon”. A typed code still asks.',
    sounds: 'Sounds',
    soundsHint: 'One tone for a good coupon, another for a refused one.',
    useOnScanOn: 'Use on scan: on',
    useOnScanOff: 'Use on scan: off',
    soundsOn: 'Sounds: on',
    soundsOff: 'Sounds: off',
    change: 'Change in Settings',
  },
  history: {
    title: 'Scans this session',
    empty: 'Nothing scanned yet.',
    clear: 'Clear',
  },
  source: {
    camera: 'Camera',
    scanner: 'Scanner',
    typed: 'Typed',
  },
  outcome: {
    looking: 'Looking up…',
    active: 'Active',
    validated: 'Validated',
    confirmed: 'Validated (confirmed)',
    'already-used': 'Already used',
    expired: 'Expired',
    cancelled: 'Cancelled',
    unavailable: 'Not available',
    'not-found': 'Not found',
    'not-spent': 'Not used',
    unknown: 'Outcome unknown',
    invalid: 'Invalid code',
    error: 'Lookup failed',
    customer: 'Customer lookup',
    unrecognised: 'Not recognised',
  } satisfies Record<ScanOutcome, string>,
  decoder: {
    label: 'QR decoder',
    idle: 'not loaded yet',
    loading: 'loading…',
    zxingWasm: 'ZXing-C++ {{version}} (WebAssembly)',
    native: 'the browser’s own',
    fallback:
      'html5-qrcode’s built-in one, because the WebAssembly did not load ({{reason}}); inverted or low-contrast QR codes may not read',
  },
} satisfies Translation['scan']
