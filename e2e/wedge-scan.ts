import type { Page } from '@playwright/test'

/**
 * Real (trusted) key events over CDP, each stamped 3 ms after the one before, as a scanner's
 * hardware would stamp them. keyboard.type stamps each key when it arrives, after a round trip,
 * and on a busy CI box that left 250 ms between keys: a person, not a scanner. The stamps, not
 * the arrival, are what a page sees as `event.timeStamp`.
 */
export async function wedgeScan(page: Page, text: string) {
  const cdp = await page.context().newCDPSession(page)
  let timestamp = Date.now() / 1000
  const stamp = () => (timestamp += 0.003)
  const sends: Promise<unknown>[] = []
  for (const key of text) {
    sends.push(
      cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key, text: key, timestamp: stamp() }),
    )
    sends.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key, timestamp: stamp() }))
  }
  const enter = { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13 }
  sends.push(
    cdp.send('Input.dispatchKeyEvent', {
      type: 'keyDown',
      ...enter,
      text: '\r',
      timestamp: stamp(),
    }),
  )
  sends.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...enter, timestamp: stamp() }))
  await Promise.all(sends)
  await cdp.detach()
}

/**
 * Waits until the lookup listens for scanner bursts: its listener is a lazy chunk of its own
 * (src/app/layout.tsx), and a burst sent before the chunk arrives goes nowhere.
 */
export async function lookupListening(page: Page) {
  await page.waitForLoadState('networkidle')
}
