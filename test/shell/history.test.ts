import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { defaultHistoryFile, History, isSecretLine } from '../../src/shell/hooks/use-history.js'

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'vcs-history-')), 'nested', 'history')

describe('History', () => {
  it('walks back and forth and restores the draft', () => {
    const history = new History()
    history.add('one')
    history.add('two')
    expect(history.previous('draft')).toBe('two')
    expect(history.previous('two')).toBe('one')
    expect(history.previous('one')).toBeUndefined()
    expect(history.next()).toBe('two')
    expect(history.next()).toBe('draft')
    expect(history.next()).toBeUndefined()
  })

  it('skips blanks and immediate repeats', () => {
    const history = new History()
    expect(history.add('  ')).toBe(false)
    history.add('Get-VcsUser')
    expect(history.add('Get-VcsUser')).toBe(false)
    expect(history.entries).toEqual(['Get-VcsUser'])
  })

  it.each([
    "Connect-Vcs -ApiToken 'abc123def456'",
    'Connect-Vcs -AppId x -AppSecret s3cr3t-value',
    'New-Thing -Password hunter2',
    '$t = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"',
    'Invoke-Thing -Body "api_token=abcdef123456"',
  ])('never records a line with a secret: %s', (line) => {
    const file = tempFile()
    const history = new History(file)
    expect(isSecretLine(line)).toBe(true)
    expect(history.add(line)).toBe(false)
    expect(history.entries).toEqual([])
    history.add('Get-VcsUser')
    expect(readFileSync(file, 'utf8')).not.toContain(line)
  })

  it('persists between sessions in a 0600 file, multi-line entries included', () => {
    const file = tempFile()
    const first = new History(file)
    first.add('Get-VcsUser')
    first.add('Get-VcsUser | ForEach-Object {\n  $_.Email\n}')
    first.add('Write-Output "a\\nb"')
    expect(statSync(file).mode & 0o777).toBe(0o600)
    const second = new History(file)
    expect(second.entries).toEqual([
      'Get-VcsUser',
      'Get-VcsUser | ForEach-Object {\n  $_.Email\n}',
      'Write-Output "a\\nb"',
    ])
  })

  it("recalls the file's lines with Up and Down first thing, though it reads the file only when needed", () => {
    const file = join(mkdtempSync(join(tmpdir(), 'vcs-history-')), 'history')
    writeFileSync(file, 'Get-VcsUser\nGet-VcsGroup\n')
    const up = new History(file)
    expect(up.previous('typed')).toBe('Get-VcsGroup')
    expect(up.previous('typed')).toBe('Get-VcsUser')
    expect(up.next()).toBe('Get-VcsGroup')
    expect(up.next()).toBe('typed')
    const down = new History(file)
    expect(down.next()).toBeUndefined()
    expect(down.previous('')).toBe('Get-VcsGroup')
    const added = new History(file)
    added.add('Get-VcsOrganizationRole')
    expect(added.entries).toEqual(['Get-VcsUser', 'Get-VcsGroup', 'Get-VcsOrganizationRole'])
  })

  it('drops secret lines found in an existing file when loading', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'vcs-history-')), 'history')
    writeFileSync(file, "Get-VcsUser\nConnect-Vcs -ApiToken 'xyz987654321'\n")
    expect(new History(file).entries).toEqual(['Get-VcsUser'])
  })

  it('searches backwards, case-insensitively, from a position', () => {
    const history = new History()
    for (const line of ['Get-VcsUser', 'Get-VcsGroup', 'Remove-VcsUser -Email a@b.c']) history.add(line)
    expect(history.search('user')).toEqual({ entry: 'Remove-VcsUser -Email a@b.c', index: 2 })
    expect(history.search('user', 2)).toEqual({ entry: 'Get-VcsUser', index: 0 })
    expect(history.search('nothing')).toBeUndefined()
  })

  it('finds its file from the environment', () => {
    expect(defaultHistoryFile({ VCS_HISTORY_FILE: '/x/h' })).toBe('/x/h')
    expect(defaultHistoryFile({ XDG_DATA_HOME: '/data' })).toBe('/data/vcs-shell/history')
    expect(defaultHistoryFile({})).toMatch(/\.local\/share\/vcs-shell\/history$/)
  })
})

describe('a history file that is not a regular file of ours', () => {
  it('is written through, never chmod-ed or replaced (VCS_HISTORY_FILE=/dev/null disables history)', async () => {
    // A symbolic link stands in for /dev/null: the shell must leave the link and its target's mode
    // alone (chmod 0600 on /dev/null, or a rename over it, breaks the machine for everyone).
    const { chmodSync, lstatSync, symlinkSync } = await import('node:fs')
    const dir = mkdtempSync(join(tmpdir(), 'vcs-history-link-'))
    const target = join(dir, 'shared-sink')
    writeFileSync(target, '')
    chmodSync(target, 0o644)
    const link = join(dir, 'history')
    symlinkSync(target, link)
    const history = new History(link)
    history.add('Get-VcsUser')
    history.add("$token = 'x'")
    history.forgetSecrets()
    expect(lstatSync(link).isSymbolicLink()).toBe(true)
    expect(statSync(target).mode & 0o777).toBe(0o644)
    expect(readFileSync(target, 'utf8')).toContain('Get-VcsUser')
  })
})
