/**
 * Keyboard shortcuts for a checkout keyboard (issue 13), as a pure mapping from one keydown and
 * what has focus to what the app does: no React and no DOM here, so every rule is tested alone.
 *
 * - F-keys act wherever the focus is (a checkout keyboard has them for this); their browser
 *   defaults (F3 "find next") are suppressed.
 * - Character keys (`/`, `?`) never act while a field has focus: the cashier is typing there.
 * - Nothing acts while a modal dialog is open: the page behind it is inert, and a dialog may hold
 *   a spend in flight. Escape is then the dialog's own (it asks to close it).
 * - Ctrl, Alt or Meta with a key is the browser's or the OS's shortcut (Alt+F4, Ctrl+F4), never
 *   ours. AltGr is not: some layouts type `/` or `?` with it.
 */
export type ShortcutAction = 'search' | 'scan' | 'today' | 'back' | 'help'

/** What the help dialog lists, in order: the keys of each action as a cashier reads them. */
export const SHORTCUTS: readonly { action: ShortcutAction; keys: readonly string[] }[] = [
  { action: 'search', keys: ['F2', '/'] },
  { action: 'scan', keys: ['F3'] },
  { action: 'today', keys: ['F4'] },
  { action: 'back', keys: ['Esc'] },
  { action: 'help', keys: ['?'] },
]

const F_KEYS: Readonly<Record<string, ShortcutAction>> = { F2: 'search', F3: 'scan', F4: 'today' }
const CHARACTER_KEYS: Readonly<Record<string, ShortcutAction>> = { '/': 'search', '?': 'help' }

/**
 * How long the keyboard must have been quiet before a character key is a shortcut. A wedge
 * scanner types `/` and `?` inside codes (a URL in a QR; `/` is the hyphen of a "Portuguese"
 * scanner table: parse-scanned-code.ts), and a Bluetooth one may pause up to 300 ms inside a
 * burst (the scan feature's LOOSE_TIMING). A key that soon after another is part of a burst: it
 * is left to the scanner, so the shortcut neither moves the focus nor opens a dialog mid-scan.
 */
export const QUIET_BEFORE_SHORTCUT_MS = 300

/**
 * Whether a key types a character, as a scanner's do. Only these count as the key before: Shift
 * (for `?`), an F-key or Escape just before `?` are a person's, never a burst's.
 */
function typesCharacter(key: string): boolean {
  return Array.from(key).length === 1
}

export interface KeyPress {
  key: string
  /** Ctrl, Alt or Meta held (AltGr excluded). */
  modified: boolean
  shift: boolean
  /** Auto-repeat of a held key. */
  repeat: boolean
}

export interface KeyContext {
  /** A text field, select or contenteditable has focus. */
  inField: boolean
  /** That field holds text (Escape then clears it, as a search field does, and goes nowhere). */
  fieldHasText: boolean
  /** A modal dialog is open. */
  dialogOpen: boolean
  /** Since the previous key that typed a character, in ms (Infinity for none). */
  sinceLastKeyMs: number
}

export interface KeyDecision {
  action: ShortcutAction | null
  /** Suppress the browser's own handling (the character is not typed, F3 does not search). */
  preventDefault: boolean
}

const NONE: KeyDecision = { action: null, preventDefault: false }

/** What one keydown does, given what has focus. */
export function shortcutFor(press: KeyPress, context: KeyContext): KeyDecision {
  if (press.modified) return NONE
  const fKey = F_KEYS[press.key]
  if (fKey !== undefined) {
    if (press.shift) return NONE
    // Suppressed even when held or behind a dialog, so the browser never acts on them instead.
    const acts = !press.repeat && !context.dialogOpen
    return { action: acts ? fKey : null, preventDefault: true }
  }
  if (press.key === 'Escape') {
    if (press.shift || press.repeat || context.dialogOpen) return NONE
    if (context.inField && context.fieldHasText) return NONE
    return { action: 'back', preventDefault: true }
  }
  const character = CHARACTER_KEYS[press.key]
  if (character === undefined) return NONE
  if (press.repeat || context.inField || context.dialogOpen) return NONE
  if (context.sinceLastKeyMs < QUIET_BEFORE_SHORTCUT_MS) return NONE
  return { action: character, preventDefault: true }
}

/** {@link shortcutFor} over a stream of keydowns, remembering when the last key came. */
export interface ShortcutReader {
  /** `time`: the event's `timeStamp` (when the OS saw the key, as the wedge detector reads it). */
  read: (
    press: KeyPress & { time: number },
    context: Omit<KeyContext, 'sinceLastKeyMs'>,
  ) => KeyDecision
}

export function createShortcutReader(): ShortcutReader {
  let lastKeyAt: number | null = null
  return {
    read(press, context) {
      const since =
        lastKeyAt === null || press.time < lastKeyAt
          ? Number.POSITIVE_INFINITY
          : press.time - lastKeyAt
      if (typesCharacter(press.key)) lastKeyAt = press.time
      return shortcutFor(press, { ...context, sinceLastKeyMs: since })
    },
  }
}
