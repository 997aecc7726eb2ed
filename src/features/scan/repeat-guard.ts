/** A camera sees the same QR 10 times a second and a scanner may fire twice: one read is enough. */
export const REPEAT_WINDOW_MS = 3000

export interface RepeatGuard {
  /**
   * True when `key` is new, or was last seen more than the window ago. Every sighting, accepted or
   * not, restarts the window, so a code left in front of the camera never fires twice.
   */
  accept: (key: string, now: number) => boolean
  /** Counts `key` as seen now without taking it (a code still in view when scanning resumes). */
  see: (key: string, now: number) => void
}

export function createRepeatGuard(windowMs = REPEAT_WINDOW_MS): RepeatGuard {
  const lastSeen = new Map<string, number>()
  const see = (key: string, now: number) => {
    lastSeen.set(key, now)
    // Forget old sightings so a long shift does not grow the map.
    for (const [other, at] of lastSeen) if (now - at > windowMs) lastSeen.delete(other)
  }
  return {
    accept(key, now) {
      const previous = lastSeen.get(key)
      see(key, now)
      return previous === undefined || now - previous > windowMs || now < previous
    },
    see,
  }
}
