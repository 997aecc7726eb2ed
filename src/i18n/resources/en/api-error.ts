import type { Translation } from '../pt-br'

export const apiError = {
  offline: 'You are offline. Check the connection and try again.',
  network: 'Could not reach the till server. Check the connection and try again.',
  unavailable: 'Zupy is not responding right now. Try again in a moment.',
  rateLimited: 'Too many requests. Wait {{seconds}} s and try again.',
  rateLimitedNoWait: 'Too many requests. Wait a moment and try again.',
  rateLimitedOver: 'Too many requests. You can try again now.',
  notFound: 'Not found.',
  generic: 'Something went wrong with this request. If it keeps happening, tell your manager.',
  requestId: 'Request id: {{id}}',
  retry: 'Retry',
  offlineBanner: {
    label: 'Offline',
    message:
      'You are offline. Searching, redeeming and using coupons are paused until the connection returns.',
  },
} satisfies Translation['apiError']
