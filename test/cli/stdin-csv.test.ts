// CSV on stdin: `vcs ... --output csv | vcs Remove-VcsUser` binds each row by its Id and Email
// columns, as Import-Csv rows do in the shell, instead of reading the lines as e-mails.
import { spawn } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { CLI, cleanEnv, collect, runCli, type CliResult, withDemoEmulator } from './helpers.js'

let env: NodeJS.ProcessEnv
withDemoEmulator((_emulator, startedEnv) => {
  env = startedEnv
})

async function emails(): Promise<string[]> {
  const result = await runCli(['Get-VcsUser', '--output', 'json'], { env })
  expect(result.code, result.stderr).toBe(0)
  return (JSON.parse(result.stdout) as { Email: string }[]).map((user) => user.Email)
}

/** `vcs <left> | vcs <right>`: the first process's stdout is the second one's stdin, as in sh. */
function pipeline(left: readonly string[], right: readonly string[]): Promise<[CliResult, CliResult]> {
  const options = { env: { ...cleanEnv(), ...env } }
  const first = spawn(process.execPath, [CLI, ...left], { ...options, stdio: ['ignore', 'pipe', 'pipe'] })
  const second = spawn(process.execPath, [CLI, ...right], { ...options, stdio: ['pipe', 'pipe', 'pipe'] })
  first.stdout.pipe(second.stdin)
  return Promise.all([collect(first), collect(second)])
}

describe('CSV on stdin', () => {
  it("vcs Get-VcsUser --name 'Z*' --output csv | vcs Remove-VcsUser --confirm false removes exactly those users", async () => {
    const before = await emails()
    const listed = await runCli(['Get-VcsUser', '--name', 'Z*', '--output', 'json'], { env })
    const targets = (JSON.parse(listed.stdout) as { Email: string }[]).map((user) => user.Email)
    expect(targets.length).toBeGreaterThan(0)

    const [list, remove] = await pipeline(
      ['Get-VcsUser', '--name', 'Z*', '--output', 'csv'],
      ['Remove-VcsUser', '--confirm', 'false'],
    )
    expect(list.code, list.stderr).toBe(0)
    expect(remove.stderr).toBe(`Summary: ${targets.length} removed.\n`)
    expect(remove.code).toBe(0)
    expect((await emails()).sort()).toEqual(before.filter((email) => !targets.includes(email)).sort())
  })

  it('binds a one-column CSV with an Email header, quoted as Export-Csv writes it', async () => {
    const [target] = (await emails()).filter((email) => email.startsWith('y'))
    expect(target).toBeDefined()
    const preview = await runCli(['Remove-VcsUser', '--what-if'], { env, stdin: `"Email"\n"${target}"\n` })
    expect(preview.code, preview.stderr).toBe(0)
    expect(preview.stderr).toContain(target)
    expect(preview.stderr).not.toMatch(/No user/)
  })
})
