import * as z from 'zod/mini'
import type { JournalSettlement } from '../../contract/journal'
import { request } from './api-client'

/** What a flow reports once its re-read settled an unknown outcome; the request id is added here. */
export type SettledEntry = Omit<JournalSettlement, 'request_id'>

export const JOURNAL_SETTLEMENTS_PATH = '/api/pos/journal/settlements'

/**
 * Tells the BFF's journal how an unknown outcome it recorded under `requestId` ended (issue 13).
 * Fire and forget: sent once, never retried, never awaited by the cashier's flow, and its failure
 * ignored. The journal is the store's record, not the cashier's answer, and a 404 only means the
 * BFF had no unknown entry under that id (it never saw the request, or it was settled already).
 */
export function reportSettlement(requestId: string, entry: SettledEntry): void {
  request({
    path: JOURNAL_SETTLEMENTS_PATH,
    method: 'POST',
    body: { request_id: requestId, ...entry } satisfies JournalSettlement,
    // Nothing is read from the answer; any 2xx will do.
    expect: { 200: z.unknown(), 201: z.unknown(), 204: z.unknown() },
  }).catch(() => undefined)
}
