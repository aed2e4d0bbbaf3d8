// The built `vcs` against a real emulator over HTTP: every output format, stdin binding (lines, a
// JSON array, NDJSON), exit codes, and connecting from the environment.
import { execFile, spawn, spawnSync } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLI, cleanEnv, runCli, type DemoEmulator, withDemoEmulator } from './helpers.js'

let emulator: DemoEmulator
let env: NodeJS.ProcessEnv
withDemoEmulator((started, startedEnv) => {
  emulator = started
  env = startedEnv
})

async function users(): Promise<{ Email: string; Name: string }[]> {
  const result = await runCli(['Get-VcsUser', '--output', 'json'], { env })
  expect(result.stderr).toBe('')
  expect(result.code).toBe(0)
  return JSON.parse(result.stdout)
}

async function invitationEmails(): Promise<string[]> {
  const result = await runCli(['Get-VcsUserInvitation'], { env })
  expect(result.code).toBe(0)
  return (JSON.parse(result.stdout) as { Email: string }[]).map((invitation) => invitation.Email)
}

describe('connecting from the environment', () => {
  // A one-shot sends its first request without waiting for the org name lookup (issue 21); the
  // record that shows the name still waits for it.
  it('Get-VcsConnection shows the org name found in the background', async () => {
    const result = await runCli(['Get-VcsConnection', '--output', 'json'], { env })
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const [connection] = JSON.parse(result.stdout) as { OrgName: string | null }[]
    expect(connection.OrgName).toBe('Demo Org')
  })
})

describe('output formats', () => {
  it('writes a JSON array when piped, the same as --output json', async () => {
    const expected = await users()
    expect(expected.length).toBeGreaterThan(0)
    const piped = await runCli(['Get-VcsUser'], { env })
    expect(JSON.parse(piped.stdout)).toEqual(expected)
  })

  it('writes NDJSON and CSV with the same records', async () => {
    const expected = (await users()).map((user) => user.Email)
    const ndjson = await runCli(['Get-VcsUser', '-o', 'ndjson'], { env })
    expect(
      ndjson.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).Email),
    ).toEqual(expected)
    const csv = await runCli(['Get-VcsUser', '--output=csv'], { env })
    const [header, ...rows] = csv.stdout.trim().split('\n')
    expect(header.split(',')).toContain('Email')
    expect(rows).toHaveLength(expected.length)
    expect(rows[0]).toContain(expected[0])
  })

  it('writes a table and a list for people', async () => {
    const [first] = await users()
    const table = await runCli(['Get-VcsUser', '--output', 'table'], { env })
    // Each label underlined as wide as itself (PowerShell's TableWriter), padded to its column.
    expect(table.stdout.split('\n')[1]).toMatch(/^-+( +-+)+$/)
    expect(table.stdout).toContain(first.Email)
    const list = await runCli(['Get-VcsUser', '--output', 'list'], { env })
    expect(list.stdout).toMatch(new RegExp(`Email\\s+: ${first.Email.replace(/\./g, '\\.')}`))
  })

  it('filters with kebab-case flags and wildcards', async () => {
    const all = await users()
    const result = await runCli(['Get-VcsUser', '--name', 'A*'], { env })
    const named = JSON.parse(result.stdout) as { Name: string }[]
    expect(named.length).toBeGreaterThan(0)
    expect(named.length).toBeLessThan(all.length)
    // -Name matches the full name, the first or the last name, as PowerCLI does.
    expect(named.every((user) => user.Name.split(' ').some((part) => part.startsWith('A')))).toBe(true)
  })
})

// util-linux `script` gives the CLI a real terminal for stdout, as a person's shell would.
const hasScript = spawnSync('script', ['--version']).status === 0
if (!hasScript && process.env.CI)
  throw new Error('util-linux `script` is required for the terminal tests in CI (.ci/run installs bsdutils)')

/** Runs vcs on a pseudo-terminal (asynchronously: the emulator shares this process's event loop). */
function onTerminal(args: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<string> {
  const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} ${args}`
  return new Promise((resolve, reject) =>
    execFile(
      'script',
      ['-qec', command, '/dev/null'],
      { env: { ...cleanEnv(), ...env, ...extraEnv }, encoding: 'utf8' },
      (error, stdout) => (error ? reject(error) : resolve(stdout)),
    ),
  )
}

describe.skipIf(!hasScript)('on a terminal', () => {
  it('prints a table with a coloured header by default', async () => {
    const text = await onTerminal("Get-VcsUser --name 'A*'")
    expect(text.startsWith('\u001b[1;32mName')).toBe(true)
    expect(text.split('\n')[0]).toMatch(/Name\s+Email/)
    expect(() => JSON.parse(text)).toThrow()
  })

  it.each([
    ['NO_COLOR', "Get-VcsUser --name 'A*'", { NO_COLOR: '1' }],
    ['--no-color', "Get-VcsUser --name 'A*' --no-color", {}],
  ])('%s turns colour off', async (_, args, extraEnv) => {
    const text = await onTerminal(args, extraEnv)
    expect(text).toMatch(/^Name\s+Email/)
    expect(text).not.toContain('\u001b[')
  })
})

describe('stdin as pipeline input', () => {
  it.each([
    [
      'lines of text',
      'lines-1@stdin.example\n\nlines-2@stdin.example\n',
      ['lines-1@stdin.example', 'lines-2@stdin.example'],
    ],
    [
      'a JSON array',
      '[{"Email":"array-1@stdin.example"},{"Email":"array-2@stdin.example"}]',
      ['array-1@stdin.example', 'array-2@stdin.example'],
    ],
    [
      'NDJSON',
      '{"Email":"nd-1@stdin.example"}\n{"Email":"nd-2@stdin.example"}\n',
      ['nd-1@stdin.example', 'nd-2@stdin.example'],
    ],
  ])('binds %s to New-VcsUserInvitation', async (_, stdin, emails) => {
    const result = await runCli(['New-VcsUserInvitation', '--organization-role', 'org_member'], {
      env,
      stdin,
    })
    // Nothing but the ledger's summary (issue 14: every bulk run says what it did).
    expect(result.stderr).toBe(`Summary: ${emails.length} invited.\n`)
    expect(result.code).toBe(0)
    expect(await invitationEmails()).toEqual(expect.arrayContaining(emails))
  })

  it('chains vcs into vcs: the JSON array one writes is the input of the next', async () => {
    const listed = await runCli(['Get-VcsUserInvitation', '--email', 'lines-*@stdin.example'], { env })
    const records = JSON.parse(listed.stdout) as { Email: string }[]
    expect(records.map((r) => r.Email).sort()).toEqual(['lines-1@stdin.example', 'lines-2@stdin.example'])
    const again = await runCli(['Get-VcsUserInvitation'], { env, stdin: listed.stdout })
    expect(again.code).toBe(0)
    expect((JSON.parse(again.stdout) as { Email: string }[]).map((r) => r.Email).sort()).toEqual(
      records.map((r) => r.Email).sort(),
    )
  })
})

describe('vcs piped into vcs', () => {
  it("Get-VcsUser --name 'Zed*' | Remove-VcsUser --confirm false removes exactly those users", async () => {
    // Two accounts join the org: an invitation to an existing CSP account adds it directly.
    const emails = ['zed.one@chain.example', 'zed.two@chain.example']
    for (const email of emails) {
      const response = await fetch(`${emulator.url}/emulator/api/accounts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, firstName: 'Zed', lastName: email.split('.')[1].split('@')[0] }),
      })
      expect(response.status).toBe(201)
    }
    const joined = await runCli(['New-VcsUserInvitation'], { env, stdin: emails.join('\n') })
    expect(joined.code, joined.stderr).toBe(0)
    const before = await users()

    const listed = await runCli(['Get-VcsUser', '--name', 'Zed*'], { env })
    expect((JSON.parse(listed.stdout) as { Email: string }[]).map((u) => u.Email).sort()).toEqual(emails)
    const preview = await runCli(['Remove-VcsUser', '--what-if'], { env, stdin: listed.stdout })
    expect(preview.code, preview.stderr).toBe(0)
    expect(preview.stderr).toMatch(/What if: .*zed\.one@chain\.example/)
    expect(await users()).toHaveLength(before.length)

    const removed = await runCli(['Remove-VcsUser', '--confirm', 'false'], { env, stdin: listed.stdout })
    expect(removed.code, removed.stderr).toBe(0)
    const after = (await users()).map((user) => user.Email)
    expect(after).toHaveLength(before.length - emails.length)
    expect(after).not.toContain(emails[0])
  })

  it('without --confirm false, a script cannot remove: exit 2 and nothing removed', async () => {
    const listed = await runCli(['Get-VcsUser', '--name', 'A*'], { env })
    const before = await users()
    const result = await runCli(['Remove-VcsUser'], { env, stdin: listed.stdout })
    expect(result.code).toBe(2)
    // The hint speaks one-shot flags, not the shell's -Confirm:$false.
    expect(result.stderr).toMatch(
      /Hint: Add --confirm false \(or --force\) to proceed, or --what-if to preview\./,
    )
    expect(result.stderr).not.toContain('-Confirm:$false')
    expect(await users()).toHaveLength(before.length)
  })
})

describe('exit codes', () => {
  let probe: Server
  let requests = 0
  beforeAll(async () => {
    probe = createServer((_, response) => {
      requests++
      response.writeHead(500).end()
    })
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  })
  afterAll(() => new Promise((resolve) => probe.close(resolve)))

  it.each([
    [['New-VcsUserInvitation', '--organization-role', 'org_member']],
    [['New-VcsUserInvitation', '--email', 'x@y.example', '--expires-in-days', 'soon']],
    [['New-VcsUserInvitation', '--email', 'x@y.example', '--batch-size', '0']],
    [['Get-VcsUserInvitation', '--status', 'Lost']],
    [['Get-VcsUser', '--bogus']],
  ])('%j: usage error, exit 2, and nothing sent', async (args) => {
    const before = requests
    const server = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`
    const result = await runCli(args, { env: { VCS_SERVER: server, VCS_API_TOKEN: 'not-a-real-token-123' } })
    expect(result.code).toBe(2)
    expect(result.stderr.trim().split('\n')).toHaveLength(1)
    expect(requests - before).toBe(0)
  })

  it('an unknown role is exit 2 and invites no one', async () => {
    const result = await runCli(
      ['New-VcsUserInvitation', '--email', 'emperor@roles.example', '--organization-role', 'emperor'],
      { env },
    )
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/emperor/)
    expect(await invitationEmails()).not.toContain('emperor@roles.example')
  })

  it('a wrong token is exit 3, and the token is not shown', async () => {
    const wrong = 'wrong-token-abcdefghijklmnop'
    const result = await runCli(['Get-VcsUser'], { env: { ...env, VCS_API_TOKEN: wrong } })
    expect(result.code).toBe(3)
    expect(result.stderr).not.toContain(wrong)
    expect(result.stdout).not.toContain(wrong)
  })

  it('no credentials at all is exit 3 with a hint', async () => {
    const result = await runCli(['Get-VcsUser'])
    expect(result.code).toBe(3)
    expect(result.stderr).toMatch(/VCS_API_TOKEN|Connect-Vcs/)
  })

  it('some records failing and others succeeding is exit 5', async () => {
    const stdin = '{"Email":"partial-ok@stdin.example"}\n{"Nothing":"to bind"}\n'
    const result = await runCli(['New-VcsUserInvitation', '--organization-role', 'org_member'], {
      env,
      stdin,
    })
    expect(result.code).toBe(5)
    expect(result.stderr).toMatch(/cannot bind the input/)
    expect(await invitationEmails()).toContain('partial-ok@stdin.example')
  })
})

describe('interruption', () => {
  it('Ctrl+C stops waiting for stdin, closes the JSON array and exits 130', async () => {
    const [first] = (await users()) as { Id?: string; Email: string }[]
    const child = spawn(process.execPath, [CLI, 'Get-VcsUser'], {
      env: { ...cleanEnv(), ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stderr!.on('data', (chunk) => (stderr += chunk))
    const firstRecord = new Promise<void>((resolve) =>
      child.stdout!.on('data', (chunk) => {
        stdout += chunk
        if (stdout.includes(first.Email)) resolve()
      }),
    )
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve))
    // stdin stays open: only the interrupt can end this run.
    child.stdin!.write(`${JSON.stringify({ Id: first.Id })}\n`)
    await firstRecord
    child.kill('SIGINT')
    expect(await exited).toBe(130)
    expect(JSON.parse(stdout)).toHaveLength(1)
    expect(stderr).toMatch(/Interrupted: 1 record\(s\) written/)
  })
})
