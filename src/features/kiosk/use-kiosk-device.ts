import { useEffect } from 'react'

/** Controls where a long press must not open a menu (text fields keep theirs, for paste). */
const CONTROLS =
  'button, a[href], select, summary, label, nav, input, [role="button"], [role="switch"], [role="tab"], [role="link"]'

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'email', 'tel', 'url', 'password', 'number'])

function isTextField(element: Element): boolean {
  if (element instanceof HTMLTextAreaElement) return true
  if (element instanceof HTMLInputElement) return TEXT_INPUT_TYPES.has(element.type)
  return element instanceof HTMLElement && element.isContentEditable
}

/** `<html data-kiosk>` switches on the kiosk styles (kiosk.css). */
export const KIOSK_ATTRIBUTE = 'data-kiosk'

/**
 * What kiosk mode does to the device while `enabled`: fullscreen on the first tap or key (the API
 * needs a user gesture; an iPhone has none and a swipe may leave it, so the next tap asks again),
 * the Screen Wake Lock (the browser drops it when the page is hidden: taken again when it is
 * visible, and on the next tap where that needs a fresh gesture, as on iOS), no context menu on
 * controls, and the kiosk styles. Everything is feature-detected and fails silently. Turning it
 * off leaves fullscreen and releases the lock.
 */
export function useKioskDevice(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return
    const root = document.documentElement
    root.setAttribute(KIOSK_ATTRIBUTE, '')
    let stopped = false

    let enteringFullscreen = false
    const enterFullscreen = () => {
      if (enteringFullscreen || document.fullscreenElement || !document.fullscreenEnabled) return
      enteringFullscreen = true
      root
        .requestFullscreen({ navigationUI: 'hide' })
        .catch(() => undefined)
        .finally(() => {
          enteringFullscreen = false
        })
    }

    let wakeLock: WakeLockSentinel | null = null
    let requestingWakeLock = false
    const holdWakeLock = () => {
      if (wakeLock !== null || requestingWakeLock || !('wakeLock' in navigator)) return
      if (document.visibilityState !== 'visible') return
      requestingWakeLock = true
      navigator.wakeLock.request('screen').then(
        (sentinel) => {
          requestingWakeLock = false
          if (stopped) {
            void sentinel.release().catch(() => undefined)
            return
          }
          wakeLock = sentinel
          sentinel.addEventListener('release', () => {
            if (wakeLock === sentinel) wakeLock = null
          })
        },
        () => {
          // Refused (no gesture yet, battery saver, iOS before 18.4…): the next tap asks again.
          requestingWakeLock = false
        },
      )
    }

    const onGesture = () => {
      enterFullscreen()
      holdWakeLock()
    }
    const onVisibility = () => {
      if (document.visibilityState === 'visible') holdWakeLock()
    }
    const onContextMenu = (event: Event) => {
      const target = event.target
      if (target instanceof Element && !isTextField(target) && target.closest(CONTROLS)) {
        event.preventDefault()
      }
    }

    holdWakeLock()
    // pointerup, not pointerdown: a touch only counts as a user gesture once it ends.
    document.addEventListener('pointerup', onGesture, { capture: true })
    document.addEventListener('keydown', onGesture, { capture: true })
    document.addEventListener('visibilitychange', onVisibility)
    document.addEventListener('contextmenu', onContextMenu, { capture: true })
    return () => {
      stopped = true
      root.removeAttribute(KIOSK_ATTRIBUTE)
      document.removeEventListener('pointerup', onGesture, { capture: true })
      document.removeEventListener('keydown', onGesture, { capture: true })
      document.removeEventListener('visibilitychange', onVisibility)
      document.removeEventListener('contextmenu', onContextMenu, { capture: true })
      if (wakeLock !== null) void wakeLock.release().catch(() => undefined)
      wakeLock = null
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined)
    }
  }, [enabled])
}
