import { CARD_CODE_PATTERN, canonicalCouponCode } from '../../../contract/codes'

/** What a camera read, a wedge-scanner burst or a typed entry turned out to be. */
export type ScannedCode =
  | { kind: 'coupon'; code: string }
  | { kind: 'card'; code: string }
  | { kind: 'phone'; digits: string }
  | { kind: 'unknown' }

const UNKNOWN: ScannedCode = { kind: 'unknown' }

/*
 * What a hyphen may arrive as. A wedge scanner sends key *positions* (HID usages) for a layout it
 * was configured with; the OS turns them into characters with its own layout. Hyphen-minus is
 * HID 0x2D, the key right of 0.
 *
 * | scanner table → OS layout                       | the scanner's "-" key | arrives as |
 * | ----------------------------------------------- | --------------------- | ---------- |
 * | US → ABNT2, ABNT2 → US, US → US, ABNT2 → ABNT2  | 0x2D                  | -          |
 * | "Portuguese" (pt-PT, "-" is US "/") → ABNT2     | 0x38                  | ;          |
 * | "Portuguese" (pt-PT) → US                       | 0x38                  | /          |
 * | US → pt-PT / es / it OS                         | 0x2D                  | '          |
 * | US → de OS                                      | 0x2D                  | ß          |
 * | US → fr OS                                      | 0x2D                  | )          |
 * | any, read through keyCode (189) not key         | 0x2D                  | ½          |
 * | Shift held across the code by the scanner       | 0x2D + Shift          | _          |
 *
 * So the US-vs-ABNT2 pair itself keeps "-": both put it on 0x2D. What that pair damages is the
 * rest of a URL: "/" (0x38) becomes ";", ":" becomes "Ç" and "?" becomes ":" when a US scanner
 * types into ABNT2, and a pt-PT table (which scanners call "Portuguese", and Brazilian shops pick)
 * moves "-" onto ";" or "/". "ç" and "´" are what US ";" and "[" become on ABNT2, not "-", so
 * they are not accepted. Typed or pasted codes add the Unicode dashes (autocorrect, messaging apps)
 * and the typographic apostrophe.
 */
const SEPARATORS = "-_;/'’½ß)‐‑‒–—―−"
const SEP = `[${SEPARATORS.replace(/[-\]\\^]/g, '\\$&')}]`
const DASH = '[-‐‑‒–—―−]'
const ALNUM = '[0-9A-Za-z]'

// Plain ASCII classes and no `i` flag: with case folding, "ſ" and the Kelvin sign would pass as
// letters and the code would not be in the input.
const BARE_COUPON = new RegExp(`^([Cc][Zz]|[Cc][Pp])(?:${SEP}(${ALNUM}{1,16})|(${ALNUM}{8}))$`)
const BARE_CARD = new RegExp(`^[Zz][Pp]${SEP}(${ALNUM}+(?:-${ALNUM}+)*)$`)
const EMBEDDED_COUPON = new RegExp(
  `(?<!${ALNUM})([Cc][Zz])(?:${SEP}(${ALNUM}{8})|(${ALNUM}{8}))(?!${ALNUM})`,
  'g',
)
// Inside a URL a legacy code needs a real dash: "/cp/index" is a path, not coupon CP-INDEX.
const EMBEDDED_LEGACY_COUPON = new RegExp(
  `(?<!${ALNUM})([Cc][Pp])(?:${DASH}(${ALNUM}{1,16})|(${ALNUM}{8}))(?!${ALNUM})`,
  'g',
)
const EMBEDDED_CARD = new RegExp(
  `(?<!${ALNUM})[Zz][Pp]${SEP}(${ALNUM}+(?:-${ALNUM}+)*)(?!${ALNUM})`,
)

/** Phone punctuation only, as the lookup accepts it: `(11) 98765-4321`, `+55 11 98765-4321`. */
const PHONE = /^\+?[\d\s().-]+$/
const PHONE_MIN_DIGITS = 10
const PHONE_MAX_DIGITS = 15
const TEL_URL = /^tel:([+\d\s().-]+)$/i

// Zero-width and other format characters (a QR made from a chat message can carry them) go;
// control characters (line breaks, a scanner's STX/ETX framing) separate words like spaces.
const FORMAT_CHARS = /\p{Cf}/gu
const CONTROL_CHARS = /\p{Cc}/gu

/**
 * Decides what a scanned or typed text holds: a coupon code (bare, in any case, with or without
 * the hyphen, or inside a URL / deep link such as `zupy://coupon/cz-914f15f3`), a Zupy card code
 * `ZP-…`, a phone number, or nothing we know. Never throws.
 */
export function parseScannedCode(text: string): ScannedCode {
  const cleaned = text.replace(FORMAT_CHARS, '').replace(CONTROL_CHARS, ' ').trim()
  if (cleaned === '') return UNKNOWN
  const compact = cleaned.replace(/\s+/g, '')

  const bare = couponFromMatch(BARE_COUPON.exec(compact))
  if (bare) return bare
  const card = cardFromMatch(BARE_CARD.exec(compact))
  if (card) return card
  const phone = phoneFrom(cleaned) ?? phoneFrom(TEL_URL.exec(compact)?.[1] ?? '')
  if (phone) return phone

  // The last code wins: links put the code at the end of the path or in the query, and a host or
  // an earlier segment that happens to look like a code is less likely to be the one meant.
  for (const pattern of [EMBEDDED_COUPON, EMBEDDED_LEGACY_COUPON]) {
    for (const variant of uniqueVariants(cleaned)) {
      const found = [...variant.matchAll(pattern)].map(couponFromMatch).filter((c) => c !== null)
      const last = found.at(-1)
      if (last) return last
    }
  }
  for (const variant of uniqueVariants(cleaned)) {
    const embeddedCard = cardFromMatch(EMBEDDED_CARD.exec(variant))
    if (embeddedCard) return embeddedCard
  }
  return UNKNOWN
}

function couponFromMatch(match: RegExpExecArray | RegExpMatchArray | null): ScannedCode | null {
  if (!match) return null
  const prefix = match[1]?.toUpperCase()
  const tail = (match[2] ?? match[3])?.toUpperCase()
  if (!prefix || !tail) return null
  const code = canonicalCouponCode(`${prefix}-${tail}`)
  return code ? { kind: 'coupon', code } : null
}

function cardFromMatch(match: RegExpExecArray | null): ScannedCode | null {
  const rest = match?.[1]
  if (!rest) return null
  const code = `ZP-${rest.toUpperCase()}`
  return CARD_CODE_PATTERN.test(code) ? { kind: 'card', code } : null
}

function phoneFrom(text: string): ScannedCode | null {
  if (!PHONE.test(text)) return null
  const digits = text.replace(/\D/g, '')
  if (digits.length < PHONE_MIN_DIGITS || digits.length > PHONE_MAX_DIGITS) return null
  return { kind: 'phone', digits }
}

/** The text as read and, when it differs, with its percent-escapes decoded (`%2D` → `-`). */
function uniqueVariants(text: string): string[] {
  const decoded = decodePercentEscapes(text)
  return decoded === text ? [text] : [text, decoded]
}

/**
 * Decodes each valid `%XX` UTF-8 sequence and leaves the rest alone; `decodeURIComponent` on the
 * whole text would throw on the first stray `%`.
 */
export function decodePercentEscapes(text: string): string {
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run)
    } catch {
      return run
    }
  })
}
