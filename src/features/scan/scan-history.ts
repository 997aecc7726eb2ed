import { useSyncExternalStore } from 'react'
import * as z from 'zod/mini'
import { SCAN_OUTCOMES, type ScanOutcome } from '../../lib/verdicts'

export { SCAN_OUTCOMES, type ScanOutcome }

/**
 * What each outcome means at the till: `tone` for the history row and the sound (good sounds
 * success, bad sounds failure, neutral is silent), and `next`: whether the verdict still asks for
 * a tap (`tap`: Use coupon, Check again), lets a kiosk's camera read again by itself after a
 * moment (`resume`), or waits for the cashier (`stay`: a failed lookup's Try again).
 */
export const SCAN_OUTCOME_TRAITS = {
  looking: { tone: 'neutral', next: 'tap' },
  active: { tone: 'good', next: 'tap' },
  validated: { tone: 'good', next: 'resume' },
  confirmed: { tone: 'good', next: 'resume' },
  'already-used': { tone: 'bad', next: 'resume' },
  expired: { tone: 'bad', next: 'resume' },
  cancelled: { tone: 'bad', next: 'resume' },
  unavailable: { tone: 'bad', next: 'resume' },
  'not-found': { tone: 'bad', next: 'resume' },
  'not-spent': { tone: 'bad', next: 'tap' },
  unknown: { tone: 'bad', next: 'tap' },
  invalid: { tone: 'bad', next: 'resume' },
  error: { tone: 'bad', next: 'stay' },
  customer: { tone: 'neutral', next: 'stay' },
  unrecognised: { tone: 'bad', next: 'resume' },
} as const satisfies Record<
  ScanOutcome,
  { tone: 'good' | 'bad' | 'neutral'; next: 'tap' | 'resume' | 'stay' }
>

export const SCAN_SOURCES = ['camera', 'scanner', 'typed'] as const
export type ScanSource = (typeof SCAN_SOURCES)[number]

const ScanEntrySchema = z.object({
  id: z.string(),
  /** The code as understood (`CZ-…`, `ZP-…`, digits), or the start of an unrecognised text. */
  text: z.string().check(z.maxLength(80)),
  source: z.enum(SCAN_SOURCES),
  outcome: z.enum(SCAN_OUTCOMES),
  /** Epoch ms. */
  at: z.number(),
})
export type ScanEntry = z.infer<typeof ScanEntrySchema>

export const SCAN_HISTORY_LIMIT = 20
export const SCAN_HISTORY_KEY = 'zupy-pos.scan.history'

/** The newest first, at most `limit`. */
export function addEntry(
  list: readonly ScanEntry[],
  entry: ScanEntry,
  limit = SCAN_HISTORY_LIMIT,
): ScanEntry[] {
  return [entry, ...list.filter((e) => e.id !== entry.id)].slice(0, limit)
}

export function withOutcome(
  list: readonly ScanEntry[],
  id: string,
  outcome: ScanOutcome,
): readonly ScanEntry[] {
  if (!list.some((e) => e.id === id && e.outcome !== outcome)) return list
  return list.map((e) => (e.id === id ? { ...e, outcome } : e))
}

/** A stored list, or an empty one when it is missing, corrupt or from an older shape. */
export function parseHistory(raw: string | null): ScanEntry[] {
  if (raw === null) return []
  try {
    const parsed = z.array(ScanEntrySchema).safeParse(JSON.parse(raw))
    return parsed.success ? parsed.data.slice(0, SCAN_HISTORY_LIMIT) : []
  } catch {
    return []
  }
}

// sessionStorage: the history of this terminal's session (the tab), gone when it closes; a shared
// till does not keep yesterday's customers' codes.
const listeners = new Set<() => void>()
let cache: { raw: string | null; list: readonly ScanEntry[] } = { raw: null, list: [] }
let unsaved: readonly ScanEntry[] | null = null

function readRaw(): string | null {
  try {
    return sessionStorage.getItem(SCAN_HISTORY_KEY)
  } catch {
    return null
  }
}

export function getScanHistory(): readonly ScanEntry[] {
  if (unsaved) return unsaved
  const raw = readRaw()
  if (raw !== cache.raw) cache = { raw, list: parseHistory(raw) }
  return cache.list
}

function save(list: readonly ScanEntry[]) {
  try {
    sessionStorage.setItem(SCAN_HISTORY_KEY, JSON.stringify(list))
    unsaved = null
  } catch {
    unsaved = list
  }
  for (const listener of listeners) listener()
}

export function recordScan(entry: ScanEntry): void {
  save(addEntry(getScanHistory(), entry))
}

export function updateScanOutcome(id: string, outcome: ScanOutcome): void {
  const list = getScanHistory()
  const next = withOutcome(list, id, outcome)
  if (next !== list) save(next)
}

export function clearScanHistory(): void {
  save([])
}

function subscribe(listener: () => void) {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

export function useScanHistory(): readonly ScanEntry[] {
  return useSyncExternalStore(subscribe, getScanHistory, getScanHistory)
}
