// Process-level checks of the built CLI that need no server: version, help, completion, usage errors.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { runCli } from './helpers.js'

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }

describe('vcs without a server', () => {
  it('prints the version', async () => {
    const result = await runCli(['--version'])
    expect(result).toMatchObject({ code: 0, stdout: `${pkg.version}\n`, stderr: '' })
  })

  it('lists modes, exit codes and cmdlets in --help', async () => {
    const result = await runCli(['--help'])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('vcs -c "<pipeline>"')
    expect(result.stdout).toMatch(/130 {2}interrupted/)
    expect(result.stdout).toContain('Get-VcsUser')
  })

  it('shows a cmdlet its flags and the Get-Help examples', async () => {
    const result = await runCli(['Get-VcsUser', '--help'])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^Usage: vcs Get-VcsUser \[flags\]/)
    expect(result.stdout).toContain('--name <string[]>')
    expect(result.stdout).toContain('EXAMPLES')
    expect(result.stdout).toMatch(/PS> Get-VcsUser/)
  })

  it.each(['bash', 'zsh', 'fish'])(
    'prints a %s completion script naming cmdlets and flags',
    async (shell) => {
      const result = await runCli(['completion', shell])
      expect(result.code).toBe(0)
      expect(result.stdout).toContain('Get-VcsUser')
      expect(result.stdout).toContain(shell === 'fish' ? '-l organization-role' : '--organization-role')
    },
  )

  it.each([
    [['Get-VcsUsr'], /not a known cmdlet.*Did you mean Get-VcsUser/],
    [
      ['Get-VcsUser', '--colour', 'red'],
      /Get-VcsUser has no flag --colour\. Hint: See: vcs Get-VcsUser --help/,
    ],
    [['Get-VcsUser', '--output', 'xml'], /not one of table, list, json, ndjson, csv/],
    [['completion', 'tcsh'], /bash, zsh, fish or pwsh/],
    [['Connect-Vcs', '--server', 'x', '--api-token', 'hunter2-token'], /VCS_API_TOKEN/],
  ])('%j is a usage error: exit 2, one line, no stack', async (args, message) => {
    const result = await runCli(args)
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).toMatch(message)
    expect(result.stderr.trim().split('\n')).toHaveLength(1)
    expect(result.stderr).not.toContain('hunter2')
    expect(result.stderr).not.toMatch(/\n\s+at /)
  })

  it('runs Get-Command | Measure-Object with -c and prints JSON with --output json', async () => {
    const result = await runCli(['--output', 'json', '-c', 'Get-Command | Measure-Object'])
    expect(result.code).toBe(0)
    const [measure] = JSON.parse(result.stdout) as { Count: number }[]
    expect(measure.Count).toBeGreaterThan(5)
  })

  it('reports a parse error with a caret and exit 2', async () => {
    const result = await runCli(['-c', 'Get-Command | | Measure-Object'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('^')
    expect(result.stdout).toBe('')
  })
})
