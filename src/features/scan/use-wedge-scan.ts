import { useEffect, useEffectEvent } from 'react'
import { createWedgeDetector, WEDGE_DEFAULTS, type WedgeOptions } from './wedge-detector'

export interface WedgeScanOptions extends Partial<WedgeOptions> {
  /**
   * A focused field that may still receive scans (the screen's own code field). Any other field
   * with focus keeps its keys: the cashier is typing there.
   */
  acceptFocused?: (element: Element) => boolean
  /**
   * Return false to let the closing Enter do what it would have done (e.g. submit the lookup
   * form); the text was still seen.
   */
  onScan: (text: string) => boolean | undefined
  enabled?: boolean
}

const TEXT_INPUT_TYPES = new Set([
  'text',
  'search',
  'email',
  'tel',
  'url',
  'password',
  'number',
  'date',
  'datetime-local',
  'month',
  'time',
  'week',
])

/** Whether keys typed now go into a field (so they are the cashier's, not a scanner's). */
export function isEditable(element: Element | null): element is Element {
  if (!element) return false
  if (element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement) return true
  if (element instanceof HTMLInputElement) return TEXT_INPUT_TYPES.has(element.type)
  return element instanceof HTMLElement && element.isContentEditable
}

/**
 * Listens on `document` for a wedge scanner's burst (see {@link createWedgeDetector}) while no
 * field has focus, or while an accepted one has, and hands its text to `onScan`. The closing Enter
 * is swallowed, so it neither submits a form nor presses a focused button.
 */
export function useWedgeScan({
  onScan,
  acceptFocused,
  enabled = true,
  maxGapMs = WEDGE_DEFAULTS.maxGapMs,
  minLength = WEDGE_DEFAULTS.minLength,
}: WedgeScanOptions): void {
  const handleScan = useEffectEvent((text: string) => onScan(text))
  const accepts = useEffectEvent((element: Element) => acceptFocused?.(element) ?? false)

  useEffect(() => {
    if (!enabled) return
    const detector = createWedgeDetector({ maxGapMs, minLength })
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.isComposing) return
      const focused = document.activeElement
      const inField = isEditable(focused)
      if (inField && !accepts(focused)) {
        detector.reset()
        return
      }
      const altGraph = event.getModifierState('AltGraph')
      const text = detector.push({
        key: event.key,
        time: event.timeStamp,
        modified: (event.ctrlKey || event.altKey || event.metaKey) && !altGraph,
        repeat: event.repeat,
      })
      if (text !== null) {
        if (handleScan(text) !== false) {
          event.preventDefault()
          event.stopPropagation()
        }
        return
      }
      // Mid-burst with no field focused, a space would press a focused button on key-up.
      if (!inField && detector.inBurst() && event.key.length === 1) event.preventDefault()
    }
    document.addEventListener('keydown', onKeyDown, { capture: true })
    return () => {
      document.removeEventListener('keydown', onKeyDown, { capture: true })
    }
  }, [enabled, maxGapMs, minLength])
}
