import type { Translation } from '../pt-br'

export const diagnostics = {
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
  sharedState: {
    label: 'Shared state',
    'in-process': 'This server only (one instance)',
    redis: 'Redis (shared by every instance)',
    unavailable: 'Unavailable: Redis does not answer, this server’s memory stands in',
  },
  clock: {
    label: 'Clock',
    inSync: 'Right (matches the till server)',
    ahead: '{{amount}} ahead of the till server',
    behind: '{{amount}} behind the till server',
    seconds: '{{n}} s',
    minutes: '{{n}} min',
    hours: '{{n}} h',
    fix: 'Code and coupon deadlines may show wrong: set the device’s date and time to automatic.',
    noDate: 'The server did not send its time',
  },
  version: 'App version',
  build: 'App build',
  checking: 'Checking…',
  unavailable: 'Could not reach the till server.',
  refresh: 'Check again',
} satisfies Translation['diagnostics']
