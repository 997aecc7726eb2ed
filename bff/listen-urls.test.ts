import type { NetworkInterfaceInfo } from 'node:os'
import { describe, expect, it } from 'vitest'
import { appUrls, certificateSummary, isLoopbackHost } from './listen-urls'

const iface = (address: string, family: 'IPv4' | 'IPv6', internal: boolean) =>
  ({ address, family, internal }) as NetworkInterfaceInfo

const INTERFACES = {
  eth0: [iface('192.168.1.20', 'IPv4', false), iface('fe80::1', 'IPv6', false)],
  lo: [iface('127.0.0.1', 'IPv4', true), iface('::1', 'IPv6', true)],
  wlan0: [iface('10.0.0.7', 'IPv4', false)],
}

describe('appUrls', () => {
  it('prints the bound address as it is', () => {
    expect(appUrls('https://127.0.0.1:3000', '127.0.0.1', INTERFACES)).toEqual([
      'https://127.0.0.1:3000/',
    ])
    expect(appUrls('http://192.168.1.20:8080', '192.168.1.20', INTERFACES)).toEqual([
      'http://192.168.1.20:8080/',
    ])
  })

  it('lists every IPv4 address of the machine for a wildcard bind, loopback first', () => {
    expect(appUrls('https://0.0.0.0:3000', '0.0.0.0', INTERFACES)).toEqual([
      'https://127.0.0.1:3000/',
      'https://192.168.1.20:3000/',
      'https://10.0.0.7:3000/',
    ])
    expect(appUrls('http://[::]:3000', '::', INTERFACES)[0]).toBe('http://127.0.0.1:3000/')
  })
})

describe('isLoopbackHost', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['localhost', true],
    ['::1', true],
    ['[::1]', true],
    ['0.0.0.0', false],
    ['192.168.1.20', false],
    ['pos.lan', false],
  ])('%s → %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback)
  })
})

describe('certificateSummary', () => {
  const certificate = {
    subject: 'CN=pos.test',
    subjectAltName: 'DNS:pos.test, IP Address:192.168.1.20',
    validTo: 'Nov 27 21:10:14 2026 GMT',
  }

  it('names what the certificate covers and until when', () => {
    expect(certificateSummary(certificate, new Date('2026-11-25T00:00:00Z'))).toEqual({
      line: 'for pos.test, 192.168.1.20; valid until 2026-11-27T21:10:14.000Z',
      expired: false,
    })
  })

  it('says when it has expired', () => {
    expect(certificateSummary(certificate, new Date('2026-12-01T00:00:00Z'))).toEqual({
      line: 'for pos.test, 192.168.1.20; EXPIRED on 2026-11-27T21:10:14.000Z',
      expired: true,
    })
  })

  it('falls back to the subject without a subjectAltName', () => {
    const { line } = certificateSummary(
      { ...certificate, subjectAltName: undefined },
      new Date('2026-11-25T00:00:00Z'),
    )
    expect(line).toMatch(/^for CN=pos\.test; valid until/)
  })
})
