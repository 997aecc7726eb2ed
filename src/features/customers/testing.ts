import {
  CustomerListItemSchema,
  CustomerSchema,
  type Customer,
  type CustomerListItem,
} from '../../../contract/customers'

// Built through the contract schemas, so a fixture cannot drift from what the app accepts.

export function buildCustomer(overrides: Partial<Customer> = {}): Customer {
  return CustomerSchema.parse({
    id: 'maria01',
    full_name: 'Maria Santos',
    email: 'maria.santos@example.com',
    phone: '+5511987654321',
    card_number: 'ZP-MARIA01',
    points_balance: 1250,
    points_earned: 1600,
    points_spent: 350,
    tier: 'silver',
    ...overrides,
  })
}

export function buildCustomerListItem(overrides: Partial<CustomerListItem> = {}): CustomerListItem {
  return CustomerListItemSchema.parse({
    id: 'maria01',
    full_name: 'Maria Santos',
    email: 'maria.santos@example.com',
    phone: '+5511987654321',
    card_number: 'ZP-MARIA01',
    points_balance: 1250,
    tier: 'silver',
    ...overrides,
  })
}

/** A `GET /customers/` page in the root shape. */
export function customerPage(items: CustomerListItem[]) {
  return { count: items.length, next: null, previous: null, results: items }
}
