import { useSyncExternalStore } from 'react'
import * as z from 'zod/mini'

/** How a scan ended, as the history row says it. */
export const SCAN_OUTCOMES = [
  'looking',
  'active',
  'validated',
  'confirmed',
  'used',
  'expired',
  'cancelled',
  'unavailable',
  'not-found',
  'not-used',
  'unknown',
  'invalid',
  'error',
  'customer',
  'unrecognised',
] as const
export type ScanOutcome = (typeof SCAN_OUTCOMES)[number]

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
