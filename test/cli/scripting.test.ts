// `vcs` as zx scripts, shell scripts and cron jobs call it: a one-shot command whose flags already
// say what to do never waits for stdin (zx leaves the child's stdin open; a `while read` loop shares
// its input with every `vcs` in it), and scripts print what pwsh prints, piped or not.
import { spawn } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { $ } from 'zx'
import { registry } from '../../cmdlets/index.js'
import { cmdletArguments, parseInvocation } from '../../src/cli/argv.js'
import { readsStdin } from '../../src/cli/oneshot.js'
import { CLI, cleanEnv, collect, withDemoEmulator } from './helpers.js'

let env: NodeJS.ProcessEnv
withDemoEmulator((_, startedEnv) => {
  env = startedEnv
})

/** Whether `vcs <name> ...args` reads stdin when stdin is a pipe (or a terminal). */
function reads(name: string, args: string[], terminal = false, input?: '-'): boolean {
  const cmdlet = registry.resolve(name)
  return readsStdin(cmdlet, cmdletArguments(cmdlet, args), { input }, () => terminal)
}

describe('when a one-shot command reads stdin', () => {
  it.each([
    ['Get-VcsUser', ['--name', 'Ava*']],
    ['Get-VcsUser', ['Ava*']],
    ['Get-VcsUser', ['--email', 'a@x.example']],
    ['Get-VcsUser', ['--id', 'vmware.com:1']],
    ['Remove-VcsUser', ['--email', 'a@x.example', '--confirm', 'false']],
    ['Remove-VcsUserInvitation', ['--id', 'i1']],
    ['New-VcsUserInvitation', ['--email', 'a@x.example', '--organization-role', 'org_member']],
    ['Get-VcsOrganizationRole', ['--id', 'org_owner']],
    ['Get-Command', []],
    // A bad flag reads nothing: the usage error comes at once.
    ['Get-VcsUser', ['--name', 'A*', '--id', 'x']],
  ])('%s %j: flags say what to do, stdin is left alone', (name, args) => {
    expect(reads(name, args)).toBe(false)
  })

  it.each([
    ['Remove-VcsUser', ['--confirm', 'false']],
    ['New-VcsUserInvitation', ['--organization-role', 'org_member']],
    // Records with an Id column choose the ById set, as `vcs A | vcs Get-VcsUserInvitation` does.
    ['Get-VcsUserInvitation', []],
    ['Get-VcsUser', []],
  ])('%s %j: the pipeline-bound parameter is open, a pipe is read', (name, args) => {
    expect(reads(name, args)).toBe(true)
    expect(reads(name, args, true)).toBe(false)
  })

  it('--input - reads stdin even when flags name the parameter, and even on a terminal', () => {
    expect(reads('Get-VcsUser', ['--name', 'A*'], true, '-')).toBe(true)
    expect(parseInvocation(['Get-VcsUser', '--input', '-'])).toMatchObject({
      mode: 'cmdlet',
      options: { input: '-' },
    })
    expect(() => parseInvocation(['Get-VcsUser', '--input', 'people.csv'])).toThrow(
      /--input takes '-' \(standard input\)/,
    )
    expect(() => parseInvocation(['--input', '-', '-c', 'Get-VcsUser'])).toThrow(/for one-shot commands/)
  })
})

describe('process-level: no waiting on an open stdin', () => {
  it('a zx $ call whose stdin stays open returns with the answer', async () => {
    // zx pipes the child's stdin and never closes it; a command that waited for it would not return
    // before the test's time-out.
    const child = $({
      env: { ...cleanEnv(), ...env },
      nothrow: true,
    })`${process.execPath} ${CLI} Get-VcsUser --name ${'Ava*'}`
    const result = await child
    expect(result.exitCode, result.stderr).toBe(0)
    expect((JSON.parse(result.stdout) as { Name: string }[]).map((user) => user.Name)).toEqual([
      'Ava Thompson',
    ])
  })

  it('a while-read loop of vcs calls processes every line', async () => {
    const node = JSON.stringify(process.execPath)
    const cli = JSON.stringify(CLI)
    const script = `printf 'Ava*\\nBenjamin*\\nAaron*\\n' | while read name; do ${node} ${cli} Get-VcsUser --name "$name" --output csv; done`
    const result = await collect(
      spawn('sh', ['-c', script], { env: { ...cleanEnv(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] }),
    )
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    for (const name of ['Ava Thompson', 'Benjamin Carter', 'Aaron Mitchell'])
      expect(result.stdout).toContain(name)
  })
})

describe('scripts print text as pwsh does, piped or not', () => {
  const sh = (script: string) =>
    collect(
      spawn('sh', ['-c', script], {
        env: { ...cleanEnv(), ...env, VCS: `${process.execPath} ${CLI}` },
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    )

  it("n=$(vcs -c '(Get-VcsUser).Count') is a number", async () => {
    const result = await sh(`n=$($VCS -c '(Get-VcsUser).Count'); test "$n" -gt 0 && echo "count=$n"`)
    expect(result.stderr).toBe('')
    expect(result.stdout).toMatch(/^count=\d+\n$/)
  })

  it('--output json opts a script in to JSON', async () => {
    const result = await sh(`$VCS --output json -c '(Get-VcsUser).Count'`)
    expect(JSON.parse(result.stdout)).toEqual([expect.any(Number)])
  })

  it('a one-shot cmdlet piped stays JSON; help and plain strings never are', async () => {
    const users = await sh(`$VCS Get-VcsUser --name 'Ava*' | cat`)
    expect(JSON.parse(users.stdout)).toHaveLength(1)
    const help = await sh(`$VCS Get-Help Get-VcsUser | cat`)
    expect(help.stdout).toMatch(/^NAME\n {4}Get-VcsUser\n/)
    const flags = await sh(`$VCS Get-VcsUser --help | cat`)
    expect(flags.stdout).toMatch(/^Usage: vcs Get-VcsUser/)
    const text = await sh(`$VCS -c 'Get-Help Get-VcsUser' | cat`)
    expect(text.stdout).toMatch(/^NAME\n/)
  })
})
