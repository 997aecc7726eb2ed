import type { Translation } from './pt-br'
import { session } from './en/session'

export const en = {
  app: {
    name: 'Zupy POS',
    skipToContent: 'Skip to content',
    loading: 'Loading…',
  },
  nav: {
    label: 'Main',
    lookup: 'Lookup',
    scan: 'Scan',
    settings: 'Settings',
  },
  language: {
    label: 'Language',
    hint: 'Saved on this device.',
  },
  sandbox: {
    label: 'Sandbox mode',
    message: 'Sandbox: demo data, no real points are spent',
  },
  lookup: {
    title: 'Find a customer',
    description: 'Here you will search for a customer by phone, e-mail, name or Zupy card number.',
  },
  scan: {
    title: 'Scan a coupon',
    description: "Here you will scan the coupon's QR code with the camera or type its CZ- code.",
  },
  settings: {
    title: 'Settings',
  },
  diagnostics: {
    title: 'Diagnostics',
    mode: 'Mode',
    modes: {
      sandbox: 'sandbox',
      live: 'live',
    },
    upstream: 'Zupy API',
    reachable: 'Reachable ({{latency}} ms)',
    reachableNoLatency: 'Reachable',
    unreachable: 'Unreachable',
    version: 'App version',
    checking: 'Checking…',
    unavailable: 'Could not reach the till server.',
    refresh: 'Check again',
  },
  notFound: {
    title: 'Page not found',
    description: 'This address does not exist in the app.',
    home: 'Go to customer lookup',
  },
  error: {
    title: 'Something went wrong',
    description:
      'The app hit an unexpected problem. Reload the page to continue. If it happens again, tell your manager.',
    reload: 'Reload the page',
  },
  session,
} satisfies Translation
