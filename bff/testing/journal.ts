import type { NewJournalEntry } from '../journal/store'

let requestNumber = 0

/**
 * A journal entry for a test to append: a use of Maria's Sobremesa coupon at Caixa 1, now, with a
 * request id of its own (the store matches a settlement to its unknown entry by request id).
 */
export function newJournalEntry(change: Partial<NewJournalEntry> = {}): NewJournalEntry {
  requestNumber += 1
  return {
    at: Date.now(),
    kind: 'validate',
    outcome: 'validated',
    coupon_code: 'CZ-7K3M9P2Q',
    reward_id: 'rw1',
    reward_name: 'Sobremesa',
    customer_id: 'cu1',
    points_spent: null,
    session: 'sessionhash00001',
    till: 'Caixa 1',
    settles: null,
    request_id: `req-${requestNumber}`,
    ...change,
  }
}
