import { describe, expect, it } from 'vitest'
import { createProxyTrust, parseTrustProxy, type ForwardedRequest } from './trust-proxy'

function rangesOf(raw: string): readonly string[] {
  const parsed = parseTrustProxy(raw)
  if (!parsed.ok) throw new Error(parsed.problem)
  return parsed.ranges
}

function problemOf(raw: string): string {
  const parsed = parseTrustProxy(raw)
  if (parsed.ok) throw new Error(`expected ${JSON.stringify(raw)} to be refused`)
  return parsed.problem
}

describe('parseTrustProxy', () => {
  it('false trusts no one', () => {
    expect(rangesOf('false')).toEqual([])
    expect(rangesOf(' FALSE ')).toEqual([])
  })

  it('loopback is 127.0.0.0/8 and ::1', () => {
    expect(rangesOf('loopback')).toEqual(['127.0.0.0/8', '::1/128'])
    expect(rangesOf('Loopback')).toEqual(['127.0.0.0/8', '::1/128'])
  })

  it('takes addresses and CIDR ranges, IPv4 and IPv6, in canonical form', () => {
    expect(
      rangesOf(' 10.0.0.5 , 192.168.1.0/24,FD00::/8, 2001:DB8:0:0:0:0:0:1,loopback,10.0.0.5'),
    ).toEqual([
      '10.0.0.5/32',
      '192.168.1.0/24',
      'fd00::/8',
      '2001:db8::1/128',
      '127.0.0.0/8',
      '::1/128',
    ])
  })

  it('clears host bits, as the range they name', () => {
    expect(rangesOf('192.168.1.77/24,fd00::1234/16')).toEqual(['192.168.1.0/24', 'fd00::/16'])
  })

  it('reads IPv4-mapped IPv6 ranges as the IPv4 range', () => {
    expect(rangesOf('::ffff:10.0.0.0/104,::ffff:7f00:1')).toEqual(['10.0.0.0/8', '127.0.0.1/32'])
  })

  it.each([
    'true',
    'TRUE',
    '*',
    'all',
    '0.0.0.0/0',
    '::/0',
    '::/1',
    '::ffff:0:0/96',
    '10.0.0.1,0.0.0.0/0',
  ])('refuses %j: that would trust every client', (raw) => {
    expect(problemOf(raw)).toMatch(/^trusting every address is not supported/)
  })

  it.each([
    ['yes', 1, 1],
    ['10.0.0.1,10.0.0.256', 2, 2],
    ['10.0.0.0/33', 1, 1],
    ['fd00::/129', 1, 1],
    ['10.0.0.1,,10.0.0.2', 2, 3],
    ['10.0.0.1,', 2, 2],
    ['loopback,false', 2, 2],
    ['10.0.0', 1, 1],
    ['010.0.0.1', 1, 1],
    ['fe80::1%eth0', 1, 1],
    ['10.0.0.1/8/8', 1, 1],
    ['10.0.0.1:8080', 1, 1],
    ['[::1]', 1, 1],
    ['1::2::3', 1, 1],
  ])('refuses %j and says which entry is wrong', (raw, entry, count) => {
    expect(problemOf(raw)).toBe(
      'expected false (the default), loopback, or a comma-separated list of the proxy addresses ' +
        `or CIDR ranges, e.g. 127.0.0.1,10.0.0.0/8,fd00::/8 (entry ${entry} of ${count} is neither)`,
    )
  })
})

describe('trusts', () => {
  const trust = createProxyTrust(rangesOf('loopback,10.1.0.0/16,fd00:1::/32,192.0.2.7'))

  it.each([
    ['127.0.0.1', true],
    ['127.255.255.254', true],
    ['128.0.0.1', false],
    ['::1', true],
    ['0:0:0:0:0:0:0:1', true],
    ['::2', false],
    ['::ffff:127.0.0.1', true],
    ['::FFFF:7f00:1', true],
    ['::ffff:10.1.200.3', true],
    ['10.1.255.255', true],
    ['10.0.255.255', false],
    ['10.2.0.0', false],
    ['192.0.2.7', true],
    ['192.0.2.8', false],
    ['::ffff:192.0.2.8', false],
    ['fd00:1::9', true],
    ['fd00:1:ffff:ffff:ffff:ffff:ffff:ffff', true],
    ['fd00:2::', false],
    ['fe80::1%eth0', false],
    // An IPv4-compatible (not mapped) address is not the IPv4 address.
    ['::127.0.0.1', false],
    ['localhost', false],
    ['', false],
  ])('%j → %s', (address, trusted) => {
    expect(trust.trusts(address)).toBe(trusted)
  })

  it('trusts no one with no ranges', () => {
    const none = createProxyTrust([])
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1', '10.0.0.1'])
      expect(none.trusts(address)).toBe(false)
  })

  it('matches IPv4-mapped peers against an IPv6-written mapped range too', () => {
    const trust = createProxyTrust(rangesOf('::ffff:10.0.0.0/104'))
    expect(trust.trusts('10.200.0.1')).toBe(true)
    expect(trust.trusts('::ffff:10.200.0.1')).toBe(true)
    expect(trust.trusts('11.0.0.1')).toBe(false)
  })
})

const request = (overrides: Partial<ForwardedRequest>): ForwardedRequest => ({
  peer: '127.0.0.1',
  tls: false,
  host: '127.0.0.1:3000',
  forwardedFor: undefined,
  forwardedProto: undefined,
  forwardedHost: undefined,
  ...overrides,
})

describe('clientView', () => {
  const behindNginx = createProxyTrust(rangesOf('127.0.0.1,10.0.0.0/24'))

  it('believes nothing forwarded from a peer it does not trust', () => {
    const view = behindNginx.clientView(
      request({
        peer: '192.168.1.20',
        forwardedFor: '10.0.0.9',
        forwardedProto: 'https',
        forwardedHost: 'pos.example:443',
      }),
    )
    expect(view).toEqual({ address: '192.168.1.20', https: false, host: '127.0.0.1:3000' })
  })

  it('believes nothing when trusting no one, even from loopback', () => {
    const view = createProxyTrust([]).clientView(
      request({ forwardedFor: '203.0.113.5', forwardedProto: 'https', forwardedHost: 'x:1' }),
    )
    expect(view).toEqual({ address: '127.0.0.1', https: false, host: '127.0.0.1:3000' })
  })

  it('keeps the TLS socket as HTTPS for an untrusted peer whatever it claims', () => {
    const view = behindNginx.clientView(
      request({ peer: '192.168.1.20', tls: true, forwardedProto: 'http' }),
    )
    expect(view.https).toBe(true)
  })

  it('without a socket (in-process) the client is "in-process" and untrusted', () => {
    const view = behindNginx.clientView(request({ peer: undefined, forwardedFor: '203.0.113.5' }))
    expect(view.address).toBe('in-process')
  })

  it('takes the client, the scheme and the host from a trusted proxy', () => {
    const view = behindNginx.clientView(
      request({
        forwardedFor: '192.168.1.20',
        forwardedProto: 'https',
        forwardedHost: 'pos.example:8443',
      }),
    )
    expect(view).toEqual({ address: '192.168.1.20', https: true, host: 'pos.example:8443' })
  })

  it('matches the peer in its IPv4-mapped form', () => {
    const view = behindNginx.clientView(
      request({ peer: '::ffff:127.0.0.1', forwardedFor: '192.168.1.20' }),
    )
    expect(view.address).toBe('192.168.1.20')
  })

  it.each([
    // A client's own X-Forwarded-For is to the left of what the proxy appended: it is skipped.
    ['203.0.113.66, 192.168.1.20', '192.168.1.20'],
    ['1.1.1.1, 2.2.2.2, 3.3.3.3, 192.168.1.20', '192.168.1.20'],
    // A chain of trusted proxies is walked past; the first untrusted entry is the client.
    ['192.168.1.20, 10.0.0.7, 10.0.0.8', '192.168.1.20'],
    ['203.0.113.66, 192.168.1.20, 10.0.0.7', '192.168.1.20'],
    // Every entry trusted: the left-most is as far back as anyone saw.
    ['10.0.0.9, 127.0.0.1, 10.0.0.7', '10.0.0.9'],
    // A spoofed trusted address to the left of the real client changes nothing.
    ['10.0.0.9, 192.168.1.20', '192.168.1.20'],
    // Canonical forms: mapped to IPv4, IPv6 compressed and lower-case.
    ['::ffff:192.168.1.20', '192.168.1.20'],
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    // Ports and brackets, as some proxies write them.
    ['192.168.1.20:51234', '192.168.1.20'],
    ['[2001:db8::1]:443', '2001:db8::1'],
    ['[2001:db8::1]', '2001:db8::1'],
    // Whitespace and empty entries are not entries.
    ['  192.168.1.20  ,  ', '192.168.1.20'],
    [' , 192.168.1.20,, ', '192.168.1.20'],
  ])('X-Forwarded-For %j → %j', (forwardedFor, client) => {
    expect(behindNginx.clientView(request({ forwardedFor })).address).toBe(client)
  })

  it.each([
    // A malformed entry stops the walk and is the client: nothing behind it can be believed.
    ['unknown', 'unknown'],
    ['192.168.1.20, garbage', 'garbage'],
    ['garbage, 10.0.0.7', 'garbage'],
    ['[::1', '[::1'],
    ['[10.0.0.1]', '[10.0.0.1]'],
    ['999.1.1.1', '999.1.1.1'],
    ['192.168.1.20, _hidden', '_hidden'],
    // An all-trusted chain that starts with a malformed entry stops there too.
    ['nonsense, 10.0.0.7', 'nonsense'],
  ])('malformed X-Forwarded-For %j → client %j, no crash', (forwardedFor, client) => {
    expect(behindNginx.clientView(request({ forwardedFor })).address).toBe(client)
  })

  it('cuts a long malformed entry short, so it cannot bloat the lockout table', () => {
    const view = behindNginx.clientView(request({ forwardedFor: `x${'y'.repeat(5000)}` }))
    expect(view.address).toHaveLength(64)
  })

  it.each([undefined, '', ' , ,'])(
    'uses the proxy itself when X-Forwarded-For is %j (a health check from the proxy host)',
    (forwardedFor) => {
      expect(behindNginx.clientView(request({ forwardedFor })).address).toBe('127.0.0.1')
    },
  )

  it.each([
    [undefined, false, false],
    [undefined, true, true],
    ['https', false, true],
    ['HTTPS', false, true],
    ['http', true, false],
    ['http, https', false, true],
    ['https, http', false, false],
    ['https,', false, true],
    ['gopher', false, false],
    ['gopher', true, true],
  ])('X-Forwarded-Proto %j over a TLS socket %s → https %s', (forwardedProto, tls, https) => {
    expect(behindNginx.clientView(request({ forwardedProto, tls })).https).toBe(https)
  })

  it.each([
    [undefined, '127.0.0.1:3000'],
    ['', '127.0.0.1:3000'],
    ['pos.example', 'pos.example'],
    ['evil.example, pos.example:8443', 'pos.example:8443'],
    [' pos.example:8443 ', 'pos.example:8443'],
  ])('X-Forwarded-Host %j → host %j', (forwardedHost, host) => {
    expect(behindNginx.clientView(request({ forwardedHost })).host).toBe(host)
  })
})
