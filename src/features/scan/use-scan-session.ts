import { useEffect, useRef, useState } from 'react'
import { parseScannedCode, type ScannedCode } from './parse-scanned-code'
import { createRepeatGuard } from './repeat-guard'
import { giveFeedback, unlockAudio, type FeedbackKind } from './scan-feedback'
import {
  recordScan,
  SCAN_OUTCOME_TRAITS,
  updateScanOutcome,
  type ScanOutcome,
  type ScanSource,
} from './scan-history'
import { markScan, SCAN_MARKS } from './scan-marks'
import { readScanSetting } from './scan-settings'

/** What the scan screen shows for the last read. */
export type CurrentRead = { id: string; source: ScanSource; repeatKey: string } & (
  | {
      kind: 'coupon'
      code: string
      /** "Use on scan" was on when it was read (camera or scanner, never a typed code). */
      autoUse: boolean
    }
  | { kind: 'unrecognised'; text: string }
)

/** Where a card or phone read goes: the customer lookup, with this query. */
export type CustomerQuery = Extract<ScannedCode, { kind: 'card' | 'phone' }>

/** The sound of an outcome: good ones succeed, bad ones fail, `looking` and `customer` are silent. */
const FEEDBACK = { good: 'success', bad: 'failure', neutral: null } as const satisfies Record<
  (typeof SCAN_OUTCOME_TRAITS)[ScanOutcome]['tone'],
  FeedbackKind | null
>

function repeatKey(code: ScannedCode, text: string): string {
  switch (code.kind) {
    case 'coupon':
    case 'card':
      return code.code
    case 'phone':
      return code.digits
    case 'unknown':
      return text.trim()
  }
}

/**
 * Unique within the tab, across reloads too (the history outlives them). Not crypto.randomUUID():
 * browsers offer it only on secure pages, and typed and scanner entry must work on plain-HTTP LAN
 * addresses as well.
 */
const newId = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`

/**
 * One scan screen's reads: parses each text, drops repeats (camera and scanner, 3 s), keeps the
 * current read while its verdict is shown, records the session history, and sounds each outcome
 * once.
 */
export function useScanSession({
  onCustomer,
  onOutcome,
}: {
  onCustomer: (query: CustomerQuery) => void
  /** Once per new outcome of a read (for the live announcement). */
  onOutcome?: (text: string, outcome: ScanOutcome) => void
}) {
  const [current, setCurrent] = useState<CurrentRead | null>(null)
  const [guard] = useState(() => createRepeatGuard())
  // The last outcome each read sounded, so a re-render or a refetch does not beep again.
  const sounded = useRef(new Map<string, ScanOutcome>())

  // Browsers keep audio muted until a gesture; a camera read is none, so any tap or key here is.
  useEffect(() => {
    document.addEventListener('pointerdown', unlockAudio, { capture: true })
    document.addEventListener('keydown', unlockAudio, { capture: true })
    return () => {
      document.removeEventListener('pointerdown', unlockAudio, { capture: true })
      document.removeEventListener('keydown', unlockAudio, { capture: true })
    }
  }, [])

  const settle = (id: string, text: string, outcome: ScanOutcome) => {
    updateScanOutcome(id, outcome)
    const previous = sounded.current.get(id)
    if (previous === outcome) return
    // The first verdict of a read (not a later change such as Active → Validated).
    if ((previous ?? 'looking') === 'looking' && outcome !== 'looking') markScan(SCAN_MARKS.verdict)
    sounded.current.set(id, outcome)
    const feedback = FEEDBACK[SCAN_OUTCOME_TRAITS[outcome].tone]
    if (feedback) giveFeedback(feedback, { sound: readScanSetting('sounds') })
    onOutcome?.(text, outcome)
  }

  /**
   * Takes one text. Typed entries are always taken (the cashier asked); camera and scanner reads
   * of the same code within 3 s are dropped. Returns false when the read was dropped.
   */
  const read = (text: string, source: ScanSource): boolean => {
    const code = parseScannedCode(text)
    const key = repeatKey(code, text)
    if (source !== 'typed' && !guard.accept(key, performance.now())) return false
    const id = newId()
    const at = Date.now()
    switch (code.kind) {
      case 'coupon':
        markScan(SCAN_MARKS.decoded)
        recordScan({ id, text: code.code, source, outcome: 'looking', at })
        setCurrent({
          id,
          repeatKey: key,
          kind: 'coupon',
          code: code.code,
          source,
          autoUse: source !== 'typed' && readScanSetting('useOnScan'),
        })
        return true
      case 'card':
      case 'phone':
        recordScan({
          id,
          text: code.kind === 'card' ? code.code : code.digits,
          source,
          outcome: 'customer',
          at,
        })
        onCustomer(code)
        return true
      case 'unknown': {
        const shown = text.trim().slice(0, 80)
        recordScan({ id, text: shown, source, outcome: 'unrecognised', at })
        setCurrent({ id, repeatKey: key, kind: 'unrecognised', text: shown, source })
        settle(id, shown, 'unrecognised')
        return true
      }
    }
  }

  return {
    current,
    read,
    /** Records how the current read ended (or changed: Active → Validated) and sounds it. */
    settle,
    /**
     * Clears the verdict so the camera reads again. The code just shown counts as seen now: if it
     * is still in front of the camera it is not read again until it has been away for 3 s.
     */
    scanNext: () => {
      if (current) guard.see(current.repeatKey, performance.now())
      setCurrent(null)
    },
  }
}
