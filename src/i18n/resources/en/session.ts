import type { Translation } from '../pt-br'

export const session = {
  lock: 'Lock',
  locked: {
    title: 'Locked',
    start: 'Enter the cashier PIN to use the app.',
    manual: 'Enter the cashier PIN to unlock.',
    idle: 'Locked after a while without activity. Enter the cashier PIN to continue.',
    sessionEnded: 'The cashier session ended. Enter the PIN to continue.',
  },
  pin: {
    label: 'PIN',
    keypad: 'PIN keypad',
    delete: 'Delete last digit',
    clear: 'Clear',
    unlock: 'Unlock',
    checking: 'Checking…',
    wrong_one: 'Wrong PIN. {{count}} attempt left.',
    wrong_other: 'Wrong PIN. {{count}} attempts left.',
    wrongNoCount: 'Wrong PIN.',
    lockedOut: 'Too many wrong PINs. Unlocking is paused.',
    retryIn: 'Try again in {{time}}',
    unreachable: 'Could not reach the till server. Check the connection and try again.',
    failed: 'The PIN could not be checked. Try again.',
    sandboxHint: 'Sandbox PIN: {{pin}}',
  },
} satisfies Translation['session']
