import { act, renderHook } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import {
  addEntry,
  getScanHistory,
  parseHistory,
  recordScan,
  SCAN_HISTORY_KEY,
  updateScanOutcome,
  useScanHistory,
  withOutcome,
  type ScanEntry,
} from './scan-history'

const entry = (n: number, extra: Partial<ScanEntry> = {}): ScanEntry => ({
  id: `id-${n}`,
  text: `CZ-0000000${n % 10}`,
  source: 'camera',
  outcome: 'looking',
  at: 1_700_000_000_000 + n,
  ...extra,
})

afterEach(() => {
  sessionStorage.clear()
})

describe('scan history (pure)', () => {
  it('keeps the newest first and at most 20', () => {
    let list: ScanEntry[] = []
    for (let n = 0; n < 25; n++) list = addEntry(list, entry(n))
    expect(list).toHaveLength(20)
    expect(list[0]?.id).toBe('id-24')
    expect(list.at(-1)?.id).toBe('id-5')
  })

  it('updates one entry’s outcome and leaves the list alone when nothing changes', () => {
    const list = [entry(1), entry(2)]
    const next = withOutcome(list, 'id-2', 'validated')
    expect(next.map((e) => e.outcome)).toEqual(['looking', 'validated'])
    expect(withOutcome(next, 'id-2', 'validated')).toBe(next)
    expect(withOutcome(next, 'nope', 'already-used')).toBe(next)
  })

  it('reads a corrupt or foreign stored value as an empty history', () => {
    expect(parseHistory(null)).toEqual([])
    expect(parseHistory('not json')).toEqual([])
    expect(parseHistory('[{"id":1}]')).toEqual([])
    expect(parseHistory(JSON.stringify([entry(1)]))).toEqual([entry(1)])
  })
})

describe('scan history (session store)', () => {
  it('records to sessionStorage and updates outcomes', () => {
    recordScan(entry(1))
    recordScan(entry(2, { source: 'scanner' }))
    updateScanOutcome('id-1', 'already-used')
    const stored = parseHistory(sessionStorage.getItem(SCAN_HISTORY_KEY))
    expect(stored.map((e) => [e.id, e.outcome])).toEqual([
      ['id-2', 'looking'],
      ['id-1', 'already-used'],
    ])
    expect(getScanHistory()).toEqual(stored)
  })

  it('re-renders subscribers on every change', () => {
    const { result } = renderHook(() => useScanHistory())
    expect(result.current).toEqual([])
    act(() => {
      recordScan(entry(3))
    })
    expect(result.current.map((e) => e.id)).toEqual(['id-3'])
    act(() => {
      updateScanOutcome('id-3', 'not-found')
    })
    expect(result.current[0]?.outcome).toBe('not-found')
  })
})
