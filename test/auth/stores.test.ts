import { mkdtempSync, readFileSync, statSync, writeFileSync, chmodSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  createFileStore,
  createMemoryStore,
  credentialFilePath,
  resolveStore,
  storeChoice,
} from '../../src/auth/index.js'
import { AuthError, UsageError } from '../../src/engine/index.js'

const temp = () => mkdtempSync(join(tmpdir(), 'vcs-stores-'))

describe('file store', () => {
  it('writes a 0600 file, round-trips values and warns once that it is plaintext', async () => {
    const path = join(temp(), 'nested', 'credentials.json')
    const warnings: string[] = []
    const store = createFileStore(path, (message) => warnings.push(message))
    await Promise.all([store.set('a', '1'), store.set('b', '2'), store.set('c', '3')])
    expect(await store.get('b')).toBe('2')
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ a: '1', b: '2', c: '3' })
    expect(statSync(path).mode & 0o777).toBe(0o600)
    expect(await store.delete('a')).toBe(true)
    expect(await store.delete('a')).toBe(false)
    expect(await store.get('a')).toBeUndefined()
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/plaintext file readable only by you \(0600\)/)
  })

  it('refuses a credential file that others can read', async () => {
    const path = join(temp(), 'credentials.json')
    writeFileSync(path, '{"a":"1"}')
    chmodSync(path, 0o644)
    await expect(createFileStore(path).get('a')).rejects.toThrow(/readable by others/)
  })

  it('lives under XDG_CONFIG_HOME unless VCS_CREDENTIAL_FILE says otherwise', () => {
    expect(credentialFilePath({ XDG_CONFIG_HOME: '/x' })).toBe('/x/vcs-shell/credentials.json')
    expect(credentialFilePath({ XDG_CONFIG_HOME: '/x', VCS_CREDENTIAL_FILE: '/y/c.json' })).toBe('/y/c.json')
  })
})

describe('store choice', () => {
  it.each([
    [{}, undefined],
    [{ VCS_CREDENTIAL_STORE: 'file' }, 'File'],
    [{ VCS_CREDENTIAL_STORE: 'Memory' }, 'Memory'],
    [{ VCS_CREDENTIAL_STORE: 'KEYCHAIN' }, 'Keychain'],
  ])('%j -> %s', (env, choice) => {
    expect(storeChoice({ env })).toBe(choice)
  })

  it('a parameter wins over the environment, and nonsense is a usage error', () => {
    expect(storeChoice({ choice: 'Memory', env: { VCS_CREDENTIAL_STORE: 'file' } })).toBe('Memory')
    expect(() => storeChoice({ env: { VCS_CREDENTIAL_STORE: 'plaintext' } })).toThrow(UsageError)
  })

  it('memory stores share one map unless isolated', async () => {
    await createMemoryStore().set('shared-key', 'v')
    expect(await createMemoryStore().get('shared-key')).toBe('v')
    expect(await createMemoryStore(true).get('shared-key')).toBeUndefined()
  })

  it('without a keychain and without a choice: an error that says what to do, and no file', async () => {
    const config = temp()
    const env = { XDG_CONFIG_HOME: config, PATH: process.env.PATH }
    const attempt = resolveStore({ env })
    await expect(attempt).rejects.toBeInstanceOf(AuthError)
    await expect(attempt).rejects.toMatchObject({
      code: 'CredentialStoreUnavailable',
      hint: expect.stringMatching(/dbus-run-session.*VCS_CREDENTIAL_STORE=file/),
    })
    expect(existsSync(join(config, 'vcs-shell'))).toBe(false)
  })

  it('the file store is used when chosen through the environment', async () => {
    const config = temp()
    const store = await resolveStore({ env: { VCS_CREDENTIAL_STORE: 'file', XDG_CONFIG_HOME: config } })
    expect(store.kind).toBe('file')
    await store.set('k', 'v')
    expect(statSync(join(config, 'vcs-shell/credentials.json')).mode & 0o777).toBe(0o600)
  })
})
