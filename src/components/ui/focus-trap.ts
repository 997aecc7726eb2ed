const TABBABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  'summary',
  '[tabindex]',
].join(',')

/** What Tab can reach inside `container`, in document order. */
export function tabbableIn(container: HTMLElement): HTMLElement[] {
  return Array.from(container.querySelectorAll<HTMLElement>(TABBABLE)).filter(
    (el) =>
      el.tabIndex >= 0 &&
      !el.closest('[inert]') &&
      el.checkVisibility({ visibilityProperty: true }),
  )
}

/**
 * Keeps Tab and Shift+Tab cycling inside `container` (a modal dialog). `showModal()` makes the
 * page behind inert, but past the dialog's last control the browser still moves the focus out to
 * its own toolbar or to the page's body, where a keyboard user loses it. Returns the cleanup.
 */
export function trapFocus(container: HTMLElement): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Tab' || event.defaultPrevented) return
    const tabbable = tabbableIn(container)
    const first = tabbable[0]
    const last = tabbable.at(-1)
    const active = document.activeElement
    if (!first || !last) {
      event.preventDefault()
      return
    }
    const outside = !(active instanceof Node) || !container.contains(active)
    if (event.shiftKey && (active === first || active === container || outside)) {
      event.preventDefault()
      last.focus()
    } else if (!event.shiftKey && (active === last || outside)) {
      event.preventDefault()
      first.focus()
    }
  }
  container.addEventListener('keydown', onKeyDown)
  return () => {
    container.removeEventListener('keydown', onKeyDown)
  }
}
