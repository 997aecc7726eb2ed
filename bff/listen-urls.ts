import type { X509Certificate } from 'node:crypto'
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os'

/** For the startup banner: where a browser can open the app, and what the certificate covers. */

type Interfaces = NodeJS.Dict<NetworkInterfaceInfo[]>

const WILDCARDS = new Set(['0.0.0.0', '::', '[::]'])

/** True for an address only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase()
  return bare === 'localhost' || bare === '::1' || /^127\.\d+\.\d+\.\d+$/.test(bare)
}

/**
 * The URLs to print. Bound to a wildcard (HOST=0.0.0.0), the server's own URL names no address a
 * tablet could type, so each IPv4 address of this machine is listed instead, loopback first.
 */
export function appUrls(
  serverUrl: string,
  host: string,
  interfaces: Interfaces = networkInterfaces(),
): string[] {
  const url = new URL(serverUrl)
  if (!WILDCARDS.has(host)) return [`${url.origin}/`]
  const addresses = Object.values(interfaces)
    .flatMap((list) => list ?? [])
    .filter((info) => info.family === 'IPv4')
    .sort((a, b) => Number(b.internal) - Number(a.internal))
    .map((info) => info.address)
  return [...new Set(addresses)].map((address) => `${url.protocol}//${address}:${url.port}/`)
}

/** One line about the certificate: its names, its end date, and whether it has already ended. */
export function certificateSummary(
  certificate: Pick<X509Certificate, 'subject' | 'subjectAltName' | 'validTo'>,
  now: Date = new Date(),
): { line: string; expired: boolean } {
  const names =
    certificate.subjectAltName
      ?.split(/,\s*/)
      .map((name) => name.replace(/^(DNS|IP Address):/, ''))
      .join(', ') ?? certificate.subject.replace(/\n/g, ', ')
  const validTo = new Date(certificate.validTo)
  const expired = validTo.getTime() <= now.getTime()
  const until = Number.isNaN(validTo.getTime()) ? certificate.validTo : validTo.toISOString()
  return {
    line: `for ${names}; ${expired ? 'EXPIRED on' : 'valid until'} ${until}`,
    expired,
  }
}
