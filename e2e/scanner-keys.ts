import type { Page } from '@playwright/test'

export interface ScannerPace {
  /** Time from one key to the next, and from the last one to Enter. */
  msPerKey: number
  /** Extra time after the first key: it reached the page before the rest. */
  pauseAfterFirstMs?: number
}

const ENTER = { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13 }

/**
 * A wedge scanner typing `text` and Enter in real time: trusted key events over CDP, each sent at
 * its own time on a fixed schedule, so the page handles them spread out as a scanner's arrive (the
 * first key 150 ms before the rest, camera frames and renders in between), not all in one go.
 * Each key is stamped with its time on that schedule, as the OS stamps a scanner's key when it
 * arrives: under load this box's Node and browser stall for up to 400 ms, and a stamp taken after
 * such a stall would show a pause no scanner made. Not keyboard.type either: it waits for the page
 * to handle each key before sending the next (a scanner does not), which with the camera decoding
 * turned 20 ms a key into 100-200 ms. Returns the gaps at which the page handled the keydowns,
 * Enter's included, for the log.
 */
export async function scannerTypes(page: Page, text: string, pace: ScannerPace): Promise<number[]> {
  const { msPerKey, pauseAfterFirstMs = 0 } = pace
  await page.evaluate(() => {
    const seen: number[] = []
    const note = () => seen.push(performance.now())
    document.addEventListener('keydown', note, { capture: true })
    Object.assign(window, {
      __scannerKeys: () => {
        document.removeEventListener('keydown', note, { capture: true })
        return seen
      },
    })
  })
  const cdp = await page.context().newCDPSession(page)
  const sends: Promise<unknown>[] = []
  const keys = [...Array.from(text), '\r']
  const start = performance.now()
  for (const [index, char] of keys.entries()) {
    const due = start + index * msPerKey + (index > 0 ? pauseAfterFirstMs : 0)
    const wait = due - performance.now()
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
    const key = char === '\r' ? ENTER : { key: char }
    // CDP wants seconds since the epoch.
    const timestamp = (performance.timeOrigin + due) / 1000
    sends.push(
      cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', ...key, text: char, timestamp }),
    )
    sends.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...key, timestamp }))
  }
  await Promise.all(sends)
  await cdp.detach()
  return page.evaluate(() => {
    const seen = (window as unknown as { __scannerKeys: () => number[] }).__scannerKeys()
    return seen.slice(1).map((time, i) => Math.round(time - (seen[i] ?? time)))
  })
}

/** One log line per scan, so a run shows the speeds the page really saw. */
export function logPace(label: string, gaps: number[]) {
  console.log(`${label}: the page handled the keys ${gaps.join(' ')} ms apart`)
}
