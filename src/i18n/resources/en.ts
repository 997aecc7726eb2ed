import type { Translation } from './pt-br'
import { apiError } from './en/api-error'
import { coupons } from './en/coupons'
import { customers } from './en/customers'
import { journal } from './en/journal'
import { kiosk } from './en/kiosk'
import { diagnostics } from './en/diagnostics'
import { otp } from './en/otp'
import { rewards } from './en/rewards'
import { scan } from './en/scan'
import { session } from './en/session'
import { settings } from './en/settings'
import { shortcuts } from './en/shortcuts'

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
    description: 'Search by phone, e-mail, name or Zupy card number.',
  },
  scan,
  settings,
  diagnostics,
  appUpdate: {
    offer: 'New version — Reload',
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
  apiError,
  coupons,
  customers,
  rewards,
  otp,
  session,
  kiosk,
  journal,
  shortcuts,
} satisfies Translation
