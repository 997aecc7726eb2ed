/**
 * Test support: a throwaway self-signed certificate made with the openssl CLI in a temp folder,
 * for the HTTPS tests (bff/*.test.ts and e2e/tls.spec.ts). Not shipped behaviour.
 */
import { spawnSync } from 'node:child_process'
import { createHash, X509Certificate } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface TestCertificate {
  readonly dir: string
  readonly certFile: string
  readonly keyFile: string
  readonly cert: string
  readonly key: string
  /**
   * base64 sha256 of the certificate's SubjectPublicKeyInfo: what Chromium's
   * `--ignore-certificate-errors-spki-list` wants to trust this one certificate.
   */
  readonly spkiSha256: string
  remove(): void
}

/**
 * The TLS tests need the CLI; without it they must fail loudly, never pass by skipping (CI installs
 * it with its apt line).
 */
function openssl(args: string[]): void {
  const run = spawnSync('openssl', args, { encoding: 'utf8' })
  if (run.error && (run.error as NodeJS.ErrnoException).code === 'ENOENT')
    throw new Error(
      'The TLS tests need the openssl CLI to make a test certificate, and it is not installed ' +
        '(Debian: apt-get install openssl).',
    )
  if (run.error) throw run.error
  if (run.status !== 0) throw new Error(`openssl ${args[0] ?? ''} failed: ${run.stderr}`)
}

/** A P-256 certificate valid for two days for `name` and 127.0.0.1. */
export function makeTestCertificate(name = 'pos.test'): TestCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'zupy-pos-tls-'))
  const certFile = join(dir, 'cert.pem')
  const keyFile = join(dir, 'key.pem')
  try {
    openssl([
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-days',
      '2',
      '-subj',
      `/CN=${name}`,
      '-addext',
      `subjectAltName=DNS:${name},IP:127.0.0.1`,
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ])
  } catch (error) {
    rmSync(dir, { recursive: true, force: true })
    throw error
  }
  const cert = readFileSync(certFile, 'utf8')
  const spki = new X509Certificate(cert).publicKey.export({ type: 'spki', format: 'der' })
  return {
    dir,
    certFile,
    keyFile,
    cert,
    key: readFileSync(keyFile, 'utf8'),
    spkiSha256: createHash('sha256').update(spki).digest('base64'),
    remove: () => {
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
