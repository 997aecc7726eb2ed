import type { Translation } from '../pt-br'

export const customers = {
  search: {
    label: 'Search customer',
    hint: 'Phone in any format, e-mail, name or ZP- card.',
    submit: 'Search',
    searching: 'Searching…',
    tooShort: 'Type a phone, an e-mail, a ZP- card or at least 2 letters of the name.',
    none: 'No customer found for “{{query}}”.',
    resultsLabel: 'Search results',
    results_one: '{{count}} customer found',
    results_other: '{{count}} customers found',
    by: {
      phone: 'Searched by phone',
      email: 'Searched by e-mail',
      card_code: 'Searched by card',
      name: 'Searched by name',
    },
  },
  points_zero: '{{points}} points',
  points_one: '{{points}} point',
  points_other: '{{points}} points',
  tier: {
    label: 'Tier',
    default: 'Standard',
    bronze: 'Bronze',
    silver: 'Silver',
    gold: 'Gold',
    platinum: 'Platinum',
    vip: 'VIP',
    diamond: 'Diamond',
  },
  header: {
    phone: 'Phone',
    noPhone: 'No phone',
    balance: 'Balance',
    card: 'Card',
    loading: 'Loading customer…',
  },
  notFound: {
    title: 'Customer not found',
    description: 'This customer does not exist or is not from this store.',
    back: 'Back to search',
  },
  tabs: {
    label: 'Customer sections',
    rewards: 'Rewards',
    coupons: 'Coupons',
  },
} satisfies Translation['customers']
