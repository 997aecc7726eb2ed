import { describe, expect, it } from 'vitest'
import {
  createShortcutReader,
  QUIET_BEFORE_SHORTCUT_MS,
  shortcutFor,
  type KeyContext,
  type KeyPress,
} from './shortcut-keys'

const press = (key: string, more: Partial<KeyPress> = {}): KeyPress => ({
  key,
  modified: false,
  shift: key === '?',
  repeat: false,
  ...more,
})
const idle: KeyContext = {
  inField: false,
  fieldHasText: false,
  dialogOpen: false,
  sinceLastKeyMs: Number.POSITIVE_INFINITY,
}
const inField: KeyContext = { ...idle, inField: true }

describe('shortcutFor', () => {
  it.each([
    ['F2', 'search'],
    ['F3', 'scan'],
    ['F4', 'today'],
    ['/', 'search'],
    ['?', 'help'],
    ['Escape', 'back'],
  ] as const)('%s with nothing focused: %s, the browser default suppressed', (key, action) => {
    expect(shortcutFor(press(key), idle)).toEqual({ action, preventDefault: true })
  })

  it.each(['F2', 'F3', 'F4'])('%s acts in a field too', (key) => {
    expect(shortcutFor(press(key), { ...inField, fieldHasText: true }).action).not.toBeNull()
  })

  it.each(['/', '?'])('%s in a field is typed there: no action, nothing suppressed', (key) => {
    expect(shortcutFor(press(key), inField)).toEqual({ action: null, preventDefault: false })
  })

  it("Escape in a field with text is the field's (a search field clears); empty, it goes back", () => {
    expect(shortcutFor(press('Escape'), { ...inField, fieldHasText: true }).action).toBeNull()
    expect(shortcutFor(press('Escape'), inField).action).toBe('back')
  })

  it('behind an open dialog nothing acts; Escape is left to the dialog, F-keys still suppressed', () => {
    const dialog = { ...idle, dialogOpen: true }
    expect(shortcutFor(press('Escape'), dialog)).toEqual({ action: null, preventDefault: false })
    expect(shortcutFor(press('?'), dialog).action).toBeNull()
    expect(shortcutFor(press('/'), dialog).action).toBeNull()
    expect(shortcutFor(press('F4'), dialog)).toEqual({ action: null, preventDefault: true })
  })

  it("Ctrl, Alt or Meta make it the browser's or the OS's shortcut (Alt+F4 closes a window)", () => {
    for (const key of ['F2', 'F3', 'F4', '/', '?', 'Escape']) {
      expect(shortcutFor(press(key, { modified: true }), idle)).toEqual({
        action: null,
        preventDefault: false,
      })
    }
  })

  it('a held key acts once', () => {
    expect(shortcutFor(press('?', { repeat: true }), idle).action).toBeNull()
    expect(shortcutFor(press('F3', { repeat: true }), idle)).toEqual({
      action: null,
      preventDefault: true,
    })
  })

  it('a character key right after another key is part of a scanner burst: left alone', () => {
    const soon = { ...idle, sinceLastKeyMs: QUIET_BEFORE_SHORTCUT_MS - 1 }
    expect(shortcutFor(press('/'), soon)).toEqual({ action: null, preventDefault: false })
    expect(shortcutFor(press('?'), soon)).toEqual({ action: null, preventDefault: false })
    expect(
      shortcutFor(press('/'), { ...idle, sinceLastKeyMs: QUIET_BEFORE_SHORTCUT_MS }).action,
    ).toBe('search')
  })

  it('letters and digits are never shortcuts', () => {
    for (const key of ['a', 'Z', '1', '-', 'Enter', 'Tab', ' ']) {
      expect(shortcutFor(press(key), idle)).toEqual({ action: null, preventDefault: false })
    }
  })
})

describe('createShortcutReader', () => {
  /** A scanner burst: one key every `gapMs` from `start`, each read with nothing focused. */
  function burst(text: string, start: number, gapMs: number) {
    const reader = createShortcutReader()
    return Array.from(text, (key, index) =>
      reader.read({ ...press(key), time: start + index * gapMs }, idle),
    )
  }

  it.each([
    ['a USB scanner', 3],
    ['a Bluetooth scanner at its slowest average', 50],
  ])('no character of a URL burst from %s is taken as a shortcut nor suppressed', (_, gapMs) => {
    const decisions = burst('https://zupy.com/c/CZ-7K3M9P2Q?src=qr', 1000, gapMs)
    expect(decisions.every((decision) => decision.action === null)).toBe(true)
    expect(decisions.some((decision) => decision.preventDefault)).toBe(false)
  })

  it('nor a "Portuguese"-table scanner\'s slash hyphen after the burst\'s one long pause', () => {
    const reader = createShortcutReader()
    const read = (key: string, time: number) => reader.read({ ...press(key), time }, idle)
    read('C', 1000)
    read('Z', 1290) // the pause the wedge detector allows inside a burst
    expect(read('/', 1299).action).toBeNull()
  })

  it("Shift before ? is not a key of a burst: a person's ? still opens the help", () => {
    const reader = createShortcutReader()
    reader.read({ ...press('a'), time: 0 }, idle)
    reader.read({ ...press('Shift', { shift: true }), time: 900 }, idle)
    expect(reader.read({ ...press('?'), time: 1000 }, idle).action).toBe('help')
  })

  it('Escape or an F-key just before does not hold back ? (only typed characters count)', () => {
    const reader = createShortcutReader()
    reader.read({ ...press('Escape'), time: 1000 }, idle)
    reader.read({ ...press('F3'), time: 1020 }, idle)
    expect(reader.read({ ...press('?'), time: 1040 }, idle).action).toBe('help')
  })

  it('the first key, after a quiet keyboard, acts', () => {
    const reader = createShortcutReader()
    expect(reader.read({ ...press('/'), time: 5 }, idle).action).toBe('search')
  })
})
