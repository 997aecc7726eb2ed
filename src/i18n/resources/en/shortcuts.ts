import type { Translation } from '../pt-br'

export const shortcuts = {
  title: 'Keyboard shortcuts',
  or: 'or',
  actions: {
    search: 'Search customer (from any screen)',
    scan: 'Scan a coupon',
    today: 'Today: what this till did today',
    back: 'Close the open dialog, or go back',
    help: 'Show these shortcuts',
  },
  fieldNote: 'With the cursor in a field, / and ? are typed into it; F-keys always work.',
  close: 'Close',
} satisfies Translation['shortcuts']
