// The hand-written command-line parser: modes, global options anywhere, and cmdlet flags turned into
// the binder's arguments (kebab-case, aliases, booleans, repetition, commas, secrets refused).
import { describe, expect, it } from 'vitest'
import { bindArguments, defineCmdlet, formatErrorLine, UsageError } from '../../src/engine/index.js'
import { cmdletArguments, parseInvocation } from '../../src/cli/argv.js'

const invite = defineCmdlet({
  name: 'New-VcsUserInvitation',
  synopsis: 'test double of the invitation cmdlet',
  supportsShouldProcess: true,
  parameters: {
    email: { type: 'string[]', mandatory: true, pipeline: 'both' },
    organizationRole: { type: 'string', validateSet: ['org_owner', 'org_member'], aliases: ['Role'] },
    expiresInDays: { type: 'int' },
    apiToken: { type: 'secret' },
  },
  examples: [],
  process() {},
})

describe('parseInvocation', () => {
  it.each([
    [['--version'], 'version'],
    [[], 'default'],
    [['--help'], 'help'],
    [['-c', 'Get-Command'], 'command'],
    [['-Command', 'Get-Command'], 'command'],
    [['-File', 'job.ps1', 'a'], 'file'],
    [['--demo'], 'demo'],
    [['emulator', '--port', '0'], 'emulator'],
    [['completion', 'bash'], 'completion'],
    [['Get-VcsUser', '--name', 'A*'], 'cmdlet'],
  ])('%j is %s', (argv, mode) => {
    expect(parseInvocation(argv).mode).toBe(mode)
  })

  it('takes --output and --no-color anywhere, and leaves script text alone', () => {
    const parsed = parseInvocation(['Get-VcsUser', '-o', 'csv', '--name', 'A*', '--no-color'])
    expect(parsed).toMatchObject({
      mode: 'cmdlet',
      args: ['--name', 'A*'],
      options: { output: 'csv', noColor: true },
    })
    expect(parseInvocation(['-c', 'Get-X -o json'])).toMatchObject({ text: 'Get-X -o json' })
    expect(parseInvocation(['-File', 'job.ps1', '--x', '1'])).toMatchObject({ args: ['--x', '1'] })
  })

  it('--demo takes a one-shot command or a script to run against the demo emulator', () => {
    expect(parseInvocation(['--demo', 'Get-VcsUser', '--name', 'A*', '-o', 'csv'])).toMatchObject({
      mode: 'demo',
      run: { mode: 'cmdlet', name: 'Get-VcsUser', args: ['--name', 'A*'], options: { output: 'csv' } },
    })
    expect(parseInvocation(['--demo', '-c', 'Get-X -o json'])).toMatchObject({
      mode: 'demo',
      run: { mode: 'command', text: 'Get-X -o json' },
    })
    expect(parseInvocation(['--demo', '-File', 'job.ps1', '-Domain', 'x'])).toMatchObject({
      run: { mode: 'file', file: 'job.ps1', args: ['-Domain', 'x'] },
    })
    expect(parseInvocation(['--demo'])).toEqual({ mode: 'demo', options: { noColor: false, help: false } })
    expect(() => parseInvocation(['--demo', 'completion', 'bash'])).toThrow(/--demo runs the shell/)
    expect(() => parseInvocation(['--demo', 'emulator'])).toThrow(UsageError)
  })

  it('refuses unknown formats and options', () => {
    expect(() => parseInvocation(['Get-VcsUser', '--output', 'xml'])).toThrow(/not one of table, list/)
    expect(() => parseInvocation(['--frobnicate'])).toThrow(UsageError)
  })
})

describe('cmdletArguments', () => {
  const bind = (args: string[]) => bindArguments(invite, cmdletArguments(invite, args)).args

  it('binds kebab-case flags, aliases and inline values', () => {
    expect(
      bind(['--email', 'a@x.com', '--organization-role', 'ORG_MEMBER', '--expires-in-days=7']),
    ).toMatchObject({ email: ['a@x.com'], organizationRole: 'org_member', expiresInDays: 7 })
    expect(bind(['--email', 'a@x.com', '--role', 'org_owner'])).toMatchObject({
      organizationRole: 'org_owner',
    })
  })

  it('collects repeated and comma-separated array values', () => {
    expect(bind(['--email', 'a@x.com', '--email', 'b@x.com,c@x.com']).email).toEqual([
      'a@x.com',
      'b@x.com',
      'c@x.com',
    ])
  })

  it.each([
    [['--confirm', 'false'], false],
    [['--confirm=false'], false],
    [['--no-confirm'], false],
    [['-Confirm:$false'], false],
    [['--confirm'], true],
    [['--what-if'], undefined],
  ])('switch %j gives confirm %s', (flags, confirm) => {
    expect(bind(['--email', 'a@x.com', ...flags]).confirm).toBe(confirm)
  })

  it('leaves validation to the binder, with its messages', () => {
    expect(() => bind(['--email', 'a@x.com', '--organization-role', 'boss'])).toThrow(/not one of org_owner/)
    expect(() => bind(['--organization-role', 'org_member'])).toThrow(/needs -Email/)
    expect(() => bind(['--email', 'a@x.com', '--colour', 'red'])).toThrow(/has no parameter -colour/)
  })

  it('refuses secrets on the command line without echoing them', () => {
    let line = ''
    try {
      cmdletArguments(invite, ['--api-token', 'sekrit-token-value'])
    } catch (error) {
      line = formatErrorLine(error)
    }
    expect(line).toMatch(/--api-token .*VCS_API_TOKEN/)
    expect(line).not.toContain('sekrit')
  })
})
