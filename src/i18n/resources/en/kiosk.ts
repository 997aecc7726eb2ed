import type { Translation } from '../pt-br'

export const kiosk = {
  settings: {
    title: 'Kiosk',
    mode: 'Kiosk mode',
    modeHint:
      'For a tablet on the counter: fullscreen, screen kept on, bigger buttons, and the app starts over by itself after a while without use. Leaving it needs the cashier PIN.',
    idleTimeout: 'Start over after',
    idleTimeoutHint:
      'With no touch or key for this long, a {{countdown}}-second countdown shows; then the app forgets the customer and goes back to the lookup.',
    seconds: '{{count}} seconds',
    minutes_one: '{{count}} minute',
    minutes_other: '{{count}} minutes',
    minutesSeconds: '{{minutes}} min {{seconds}} s',
  },
  header: {
    badge: 'Kiosk',
    exit: 'Exit kiosk mode',
  },
  exit: {
    title: 'Exit kiosk mode',
    body: 'Enter the cashier PIN to leave kiosk mode.',
    submit: 'Exit kiosk mode',
    cancel: 'Cancel',
  },
  idle: {
    title: 'Still there?',
    body: "To protect the customer's data, the app is about to start over. Touch the screen to keep working.",
    seconds: '{{count}} s',
    keepWorking: 'Keep working',
  },
  nextScan: 'Next scan in {{count}} s',
} satisfies Translation['kiosk']
