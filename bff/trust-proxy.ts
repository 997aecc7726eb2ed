import { isIPv4, isIPv6 } from 'node:net'

/**
 * Which reverse proxies may tell the BFF who the client is (TRUST_PROXY, ADR 005). Behind a TLS
 * proxy every till connects from the proxy's address over plain HTTP; the proxy says who really
 * connected and how in X-Forwarded-For / -Proto / -Host. Those headers are believed only when the
 * socket's peer is a proxy the operator named, because any client can send them.
 *
 * Addresses are compared as 128-bit numbers, IPv4 as its IPv4-mapped IPv6 form (::ffff:a.b.c.d):
 * a server listening on `::` sees IPv4 clients as `::ffff:127.0.0.1`, and that must match
 * 127.0.0.0/8 exactly as `127.0.0.1` does.
 */

/** `loopback`: the proxy runs on the BFF's own machine. */
export const LOOPBACK_RANGES: readonly string[] = ['127.0.0.0/8', '::1/128']

const EXPECTS =
  'expected false (the default), loopback, or a comma-separated list of the proxy addresses or ' +
  'CIDR ranges, e.g. 127.0.0.1,10.0.0.0/8,fd00::/8'

const MAPPED_PREFIX = 0xffffn << 32n
const ALL_BITS = (1n << 128n) - 1n

/** An address or range on the 128-bit form: `prefix` leading bits of `bits` are significant. */
interface Range {
  readonly bits: bigint
  readonly prefix: number
}

function ipv4Bits(address: string): bigint {
  const bits = address.split('.').reduce((acc, octet) => (acc << 8n) | BigInt(Number(octet)), 0n)
  return MAPPED_PREFIX | bits
}

/** An IPv4 or IPv6 address (zone id dropped) as 128 bits, or null if it is not one. */
function addressBits(address: string): bigint | null {
  if (isIPv4(address)) return ipv4Bits(address)
  if (!isIPv6(address)) return null
  let text = address.replace(/%.*$/, '').toLowerCase()
  let tail = 0n
  let tailGroups = 0
  // A trailing dotted quad (::ffff:1.2.3.4) is the last two groups.
  const dotted = /:(\d+\.\d+\.\d+\.\d+)$/.exec(text)
  if (dotted?.[1] !== undefined) {
    tail = ipv4Bits(dotted[1]) & 0xffffffffn
    tailGroups = 2
    text = text.slice(0, dotted.index + 1)
    if (text.endsWith(':') && !text.endsWith('::')) text = text.slice(0, -1)
  }
  const [head = '', rest] = text.split('::')
  const groupsOf = (part: string) => (part === '' ? [] : part.split(':'))
  const left = groupsOf(head)
  const right = rest === undefined ? [] : groupsOf(rest)
  const zeros = 8 - tailGroups - left.length - right.length
  const groups = [...left, ...Array<string>(rest === undefined ? 0 : zeros).fill('0'), ...right]
  const bits = groups.reduce((acc, group) => (acc << 16n) | BigInt(parseInt(group, 16)), 0n)
  return (bits << BigInt(tailGroups * 16)) | tail
}

/** The address as people write it: dotted IPv4 for mapped addresses, compressed IPv6 otherwise. */
function formatBits(bits: bigint): string {
  if (bits >> 32n === 0xffffn)
    return [24n, 16n, 8n, 0n].map((shift) => String((bits >> shift) & 0xffn)).join('.')
  const groups = [112n, 96n, 80n, 64n, 48n, 32n, 16n, 0n].map((shift) => (bits >> shift) & 0xffffn)
  // RFC 5952: the longest run of two or more zero groups (the first of equals) becomes `::`.
  let best = { start: -1, length: 1 }
  for (let start = 0; start < 8; start++) {
    let length = 0
    while (start + length < 8 && groups[start + length] === 0n) length++
    if (length > best.length) best = { start, length }
  }
  const hex = groups.map((group) => group.toString(16))
  if (best.start < 0) return hex.join(':')
  return `${hex.slice(0, best.start).join(':')}::${hex.slice(best.start + best.length).join(':')}`
}

const isMapped = (range: Range) => range.prefix >= 96 && range.bits >> 32n === 0xffffn

function formatRange(range: Range): string {
  return isMapped(range)
    ? `${formatBits(range.bits)}/${range.prefix - 96}`
    : `${formatBits(range.bits)}/${range.prefix}`
}

const maskOf = (prefix: number) => (ALL_BITS << BigInt(128 - prefix)) & ALL_BITS

/** `10.0.0.5`, `10.0.0.0/8`, `fd00::/8`: the range, host bits cleared; null if malformed. */
function parseRange(entry: string): Range | null {
  const match = /^([^/]+)(?:\/(\d{1,3}))?$/.exec(entry)
  if (!match?.[1] || match[1].includes('%')) return null
  const bits = addressBits(match[1])
  if (bits === null) return null
  const v4 = isIPv4(match[1])
  const width = v4 ? 32 : 128
  const written = match[2] === undefined ? width : Number(match[2])
  if (written > width) return null
  const prefix = v4 ? written + 96 : written
  return { bits: bits & maskOf(prefix), prefix }
}

/** 0.0.0.0/0, ::/0, ::ffff:0:0/96 and the like: a "trust everyone" in disguise. */
const coversAllIpv4 = (range: Range) =>
  range.prefix <= 96 && (MAPPED_PREFIX & maskOf(range.prefix)) === range.bits

export type TrustProxyParse =
  | { readonly ok: true; readonly ranges: readonly string[] }
  | { readonly ok: false; readonly problem: string }

/**
 * Parses TRUST_PROXY into canonical CIDR ranges (empty: trust no one). The problem never quotes
 * the value, like every other startup message, but says which entry is wrong.
 */
export function parseTrustProxy(raw: string): TrustProxyParse {
  const value = raw.trim()
  if (value.toLowerCase() === 'false') return { ok: true, ranges: [] }
  const ranges = new Set<string>()
  const entries = value.split(',').map((entry) => entry.trim())
  for (const [index, entry] of entries.entries()) {
    if (entry.toLowerCase() === 'loopback') {
      for (const range of LOOPBACK_RANGES) ranges.add(range)
      continue
    }
    const range = parseRange(entry)
    if ((range !== null && coversAllIpv4(range)) || /^(true|\*|all)$/i.test(entry))
      return {
        ok: false,
        problem: `trusting every address is not supported (any client could then choose its own address); ${EXPECTS}`,
      }
    if (range === null)
      return {
        ok: false,
        problem: `${EXPECTS} (entry ${index + 1} of ${entries.length} is neither)`,
      }
    ranges.add(formatRange(range))
  }
  return { ok: true, ranges: [...ranges] }
}

/** What the socket and the headers say about one request. */
export interface ForwardedRequest {
  /** The socket's peer; undefined for a request with no socket (app.request() in tests). */
  readonly peer: string | undefined
  /** Whether the socket itself is TLS. */
  readonly tls: boolean
  readonly host: string | undefined
  readonly forwardedFor: string | undefined
  readonly forwardedProto: string | undefined
  readonly forwardedHost: string | undefined
}

/** Who the client is and how it reached us, as far as the BFF may believe. */
export interface ClientView {
  /** The key for the PIN lockout (and, hashed, for logs): an address, or what a proxy wrote. */
  readonly address: string
  /** Whether the browser's connection is HTTPS (Secure cookie, HSTS, the CSRF scheme). */
  readonly https: boolean
  /** The host:port the browser asked for, for the CSRF Origin check. */
  readonly host: string | undefined
}

export interface ProxyTrust {
  trusts(address: string): boolean
  clientView(request: ForwardedRequest): ClientView
}

/** The last non-empty value of a comma-separated header: the one the nearest proxy wrote. */
function rightMost(header: string | undefined): string | undefined {
  return header
    ?.split(',')
    .map((value) => value.trim())
    .filter((value) => value !== '')
    .at(-1)
}

/** An X-Forwarded-For entry as 128 bits: a bare address, `[v6]`, `[v6]:port` or `v4:port`. */
function forwardedBits(entry: string): bigint | null {
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(entry)
  if (bracketed?.[1] !== undefined) return isIPv6(bracketed[1]) ? addressBits(bracketed[1]) : null
  const v4WithPort = /^(\d+\.\d+\.\d+\.\d+):\d{1,5}$/.exec(entry)
  return addressBits(v4WithPort?.[1] ?? entry)
}

/** A malformed entry is kept as the client's key, cut short so it cannot bloat the lockout table. */
const MAX_UNPARSED_LENGTH = 64

export function createProxyTrust(ranges: readonly string[]): ProxyTrust {
  const parsed = ranges.map((text) => {
    const range = parseRange(text)
    if (range === null) throw new Error(`not a CIDR range: ${text}`)
    return { bits: range.bits, mask: maskOf(range.prefix) }
  })
  const trustsBits = (bits: bigint) => parsed.some((range) => (bits & range.mask) === range.bits)
  const trusts = (address: string) => {
    const bits = addressBits(address)
    return bits !== null && trustsBits(bits)
  }

  /**
   * Walks X-Forwarded-For from the right, past the proxies we trust: the first other entry is the
   * client, because only a trusted proxy could have written it. If every entry is trusted, the
   * left-most is as far back as anyone saw. A malformed entry stops the walk: whoever sent it is
   * as far back as we can see.
   */
  const forwardedClient = (header: string | undefined): string | null => {
    const entries = (header ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry !== '')
    for (const entry of [...entries].reverse()) {
      const bits = forwardedBits(entry)
      if (bits === null) return entry.slice(0, MAX_UNPARSED_LENGTH)
      if (!trustsBits(bits)) return formatBits(bits)
    }
    const first = entries[0]
    if (first === undefined) return null
    const bits = forwardedBits(first)
    return bits === null ? first : formatBits(bits)
  }

  return {
    trusts,
    clientView(request) {
      const peerBits = request.peer === undefined ? null : addressBits(request.peer)
      const peer = peerBits === null ? (request.peer ?? 'in-process') : formatBits(peerBits)
      if (peerBits === null || !trustsBits(peerBits))
        return { address: peer, https: request.tls, host: request.host }
      const proto = rightMost(request.forwardedProto)?.toLowerCase()
      return {
        address: forwardedClient(request.forwardedFor) ?? peer,
        https: proto === 'https' ? true : proto === 'http' ? false : request.tls,
        host: rightMost(request.forwardedHost) ?? request.host,
      }
    },
  }
}
