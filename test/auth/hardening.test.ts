// Low-severity hardening of issue 18, against the real file system and resolver: the file store
// never writes a token through a name another local user planted, and refuses a directory others can
// write; `*.localhost` is loopback only when it resolves there; a CA file adds to the system's roots.
import { spawnSync } from 'node:child_process'
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { rootCertificates } from 'node:tls'
import { describe, expect, it } from 'vitest'
import { createFileStore } from '../../src/auth/stores/index.js'
import { trustedCertificates } from '../../src/auth/http.js'
import { checkLoopbackName, parseServer } from '../../src/auth/server.js'

const TOKEN = 'cached-access-token-0123456789'
const NOBODY = 65534

/** Runs `script` as another local user when this process may (root), else as this one. */
function asOtherUser(script: string): void {
  const other = process.getuid?.() === 0 ? { uid: NOBODY, gid: NOBODY } : {}
  const result = spawnSync(process.execPath, ['-e', script], { ...other, encoding: 'utf8' })
  expect(result.status, result.stderr).toBe(0)
}

describe('file credential store', () => {
  it('refuses a directory other users can write, even with a symlink planted at the old temporary name', async () => {
    const shared = mkdtempSync(join(tmpdir(), 'vcs-shared-'))
    chmodSync(shared, 0o777)
    const path = join(shared, 'credentials.json')
    const capture = join(shared, 'captured')
    // The other user plants a symlink where the store used to write its temporary file.
    asOtherUser(
      `require('fs').writeFileSync(${JSON.stringify(capture)}, ''); require('fs').chmodSync(${JSON.stringify(capture)}, 0o666); require('fs').symlinkSync(${JSON.stringify(capture)}, ${JSON.stringify(`${path}.${process.pid}.tmp`)})`,
    )
    await expect(createFileStore(path).set('access-token:x', TOKEN)).rejects.toThrow(
      /directory .* is writable by other users; no token is written there/,
    )
    expect(readFileSync(capture, 'utf8')).not.toContain(TOKEN)
    expect(existsSync(path)).toBe(false)
  })

  it('writes a 0600 file through a fresh temporary file in a private directory', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'vcs-private-')), 'vcs-shell')
    const path = join(dir, 'credentials.json')
    mkdirSync(dir, { mode: 0o700 })
    // A file already sitting at a name the store might pick is never written through.
    writeFileSync(`${path}.${process.pid}.tmp`, 'planted')
    const store = createFileStore(path)
    await store.set('access-token:x', TOKEN)
    expect(await store.get('access-token:x')).toBe(TOKEN)
    expect(statSync(path).mode & 0o777).toBe(0o600)
    expect(lstatSync(path).isSymbolicLink()).toBe(false)
    expect(readFileSync(`${path}.${process.pid}.tmp`, 'utf8')).toBe('planted')
  })
})

describe('*.localhost', () => {
  it('is refused for plain http when it resolves outside loopback', async () => {
    const address = parseServer('http://csp.localhost:8443')
    const outside = async () => [{ address: '203.0.113.7' }]
    await expect(checkLoopbackName(address, outside)).rejects.toThrow(
      'csp.localhost:8443 resolves to 203.0.113.7, not a loopback address: plain http to it is refused.',
    )
  })

  it('is accepted when every address is loopback, as the system resolves localhost', async () => {
    await expect(checkLoopbackName(parseServer('http://localhost:8443'))).resolves.toBeUndefined()
    const inside = async () => [{ address: '127.0.0.1' }, { address: '::1' }]
    await expect(checkLoopbackName(parseServer('http://csp.localhost:1'), inside)).resolves.toBeUndefined()
  })
})

describe('VCS_CA_FILE', () => {
  it("adds the CA to the system's roots instead of replacing them", () => {
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'
    const trusted = trustedCertificates({ ca: pem })!
    expect(trusted).toContain(pem)
    expect(trusted).toEqual(expect.arrayContaining([...rootCertificates]))
    expect(trustedCertificates({})).toBeUndefined()
  })
})
