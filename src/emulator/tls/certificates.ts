// The certificates of `--tls`: a CA and a server certificate for the emulator's host names, kept in
// `<dataDir>/tls` (so a client that trusted the CA keeps trusting it after a restart) or in a
// temporary directory removed at close.
import { X509Certificate } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { isIP } from 'node:net'
import { join } from 'node:path'
import { createCertificateAuthority, createServerCertificate } from './x509.js'

/** What the https server needs, and the CA file clients should trust. */
export interface TlsMaterial {
  key: string
  cert: string
  caFile: string
  /** Removes a temporary directory; a no-op for a data directory. */
  dispose(): void
}

/** The names a loopback emulator is reached by, plus the bind host when it is specific. */
export function certificateHosts(host: string): string[] {
  const hosts = ['localhost', '127.0.0.1', '::1']
  if (!['0.0.0.0', '::', ''].includes(host) && !hosts.includes(host)) hosts.push(host)
  return hosts
}

function stillValid(certFile: string, hosts: string[]): boolean {
  try {
    const certificate = new X509Certificate(readFileSync(certFile))
    const expires = new Date(certificate.validTo).getTime()
    const covered = (host: string) =>
      isIP(host) === 0 ? certificate.checkHost(host) !== undefined : certificate.checkIP(host) !== undefined
    return expires - Date.now() > 7 * 86_400_000 && hosts.every(covered)
  } catch {
    return false
  }
}

/** Loads or creates the CA and server certificate for `host`. */
export function prepareTls(host: string, dataDir?: string): TlsMaterial {
  const temporary = dataDir === undefined
  const dir = temporary ? mkdtempSync(join(tmpdir(), 'vcs-emulator-tls-')) : join(dataDir, 'tls')
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const files = {
    ca: join(dir, 'ca.pem'),
    caKey: join(dir, 'ca-key.pem'),
    cert: join(dir, 'server.pem'),
    key: join(dir, 'server-key.pem'),
  }
  const hosts = certificateHosts(host)
  if (!existsSync(files.ca) || !existsSync(files.key) || !stillValid(files.cert, hosts)) {
    const ca = createCertificateAuthority()
    const server = createServerCertificate(ca, hosts)
    writeFileSync(files.ca, ca.certPem)
    writeFileSync(files.caKey, ca.keyPem, { mode: 0o600 })
    writeFileSync(files.cert, server.certPem)
    writeFileSync(files.key, server.keyPem, { mode: 0o600 })
  }
  return {
    key: readFileSync(files.key, 'utf8'),
    cert: readFileSync(files.cert, 'utf8'),
    caFile: files.ca,
    dispose: () => {
      if (temporary) rmSync(dir, { recursive: true, force: true })
    },
  }
}
