// `vcs --demo` with a one-shot command or a script: the built `vcs` runs it against its embedded
// demo emulator (instead of ignoring it and printing nothing), like a script piped to `vcs --demo`;
// and `vcs emulator --help`.
import { describe, expect, it } from 'vitest'
import { runCli } from './helpers.js'

describe('vcs --demo with a command', () => {
  it('vcs --demo Get-VcsUser --name A* lists the demo users', async () => {
    const result = await runCli(['--demo', 'Get-VcsUser', '--name', 'A*', '--output', 'json'])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const users = JSON.parse(result.stdout) as { Name: string; Email: string }[]
    expect(users.length).toBeGreaterThan(0)
    expect(users.every((user) => user.Email.endsWith('@demo.example'))).toBe(true)
    expect(users.map((user) => user.Name)).toContain('Ava Thompson')
  })

  it('vcs --demo -c runs the script', async () => {
    const result = await runCli(['--demo', '-c', "(Get-VcsUser -Name 'A*').Count"])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    // Out-Default text, piped or not: the count alone, as pwsh prints it.
    expect(result.stdout).toMatch(/^\d+\n$/)
    expect(Number(result.stdout)).toBeGreaterThan(0)
  })

  it('a usage error in the command is still exit 2', async () => {
    const result = await runCli(['--demo', 'Get-VcsUser', '--bogus'])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/bogus/i)
  })

  it('vcs --demo with something it cannot run is a usage error', async () => {
    const result = await runCli(['--demo', 'completion', 'bash'])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/--demo runs the shell, a command/)
  })
})

describe('vcs emulator --help', () => {
  it('prints every flag and exits 0', async () => {
    const result = await runCli(['emulator', '--help'])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    for (const flag of ['--host', '--port', '--data', '--seed', '--users', '--json', '--tls'])
      expect(result.stdout).toContain(flag)
    expect(result.stdout).toMatch(/--port .*default: a free port/)
    expect(result.stdout).not.toContain('8443')
  })

  it('a bad flag is exit 2 with a usage hint that does not pretend 8443 is the default', async () => {
    const result = await runCli(['emulator', '--bogus'])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/Unknown argument: bogus/)
    expect(result.stderr).toMatch(/--port N/)
    expect(result.stderr).not.toContain('8443')
  })
})
