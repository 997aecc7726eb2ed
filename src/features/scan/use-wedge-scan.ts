import { useEffect, useEffectEvent } from 'react'
import { isEditable } from '../../lib/editable'
import { createWedgeDetector, LOOSE_TIMING, WEDGE_DEFAULTS } from './wedge-detector'

export interface WedgeScanOptions {
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
  /**
   * What this screen can act on (a coupon code, card or phone). With no field focused, such a
   * burst is a scan at Bluetooth-scanner speeds and through one pause (see `LOOSE_TIMING`);
   * anything else, and any burst into a field, only at the tight USB speed.
   */
  recognises?: (text: string) => boolean
  enabled?: boolean
}

/**
 * Listens on `document` for a wedge scanner's burst (see {@link createWedgeDetector}) while no
 * field has focus, or while an accepted one has, and hands its text to `onScan`. The closing Enter
 * is swallowed, so it neither submits a form nor presses a focused button.
 */
export function useWedgeScan({
  onScan,
  acceptFocused,
  recognises,
  enabled = true,
}: WedgeScanOptions): void {
  const handleScan = useEffectEvent((text: string) => onScan(text))
  const accepts = useEffectEvent((element: Element) => acceptFocused?.(element) ?? false)
  const known = useEffectEvent((text: string) => recognises?.(text) ?? false)
  const loose = recognises !== undefined

  useEffect(() => {
    if (!enabled) return
    // Keys into a field are the cashier's typing unless they come at the tight speed; with none
    // focused they go nowhere else, so a recognised code may come slower.
    const inFieldDetector = createWedgeDetector(WEDGE_DEFAULTS)
    const pageDetector = createWedgeDetector(
      loose
        ? {
            ...WEDGE_DEFAULTS,
            recognised: { ...LOOSE_TIMING, recognises: (text) => known(text) },
          }
        : WEDGE_DEFAULTS,
    )
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.isComposing) return
      const focused = document.activeElement
      const inField = isEditable(focused)
      // Focus moved mid-burst: the keys so far went somewhere else.
      const [detector, other] = inField
        ? [inFieldDetector, pageDetector]
        : [pageDetector, inFieldDetector]
      other.reset()
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
  }, [enabled, loose])
}
