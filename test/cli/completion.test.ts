// The completion scripts at work: bash's _vcs is called as bash calls it (COMP_WORDS, COMP_CWORD),
// with `vcs` running the built CLI against the demo emulator, so role values come from the org.
import { spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLI, cleanEnv, collect, runCli, withDemoEmulator } from './helpers.js'

let env: NodeJS.ProcessEnv
let script: string
let work: string
withDemoEmulator((_, startedEnv) => {
  env = startedEnv
})
beforeAll(async () => {
  script = (await runCli(['completion', 'bash'])).stdout
  work = await mkdtemp(join(tmpdir(), 'vcs-completion-'))
  await writeFile(join(work, 'results.csv'), 'Email\n')
})
afterAll(() => rm(work, { recursive: true, force: true }))

/** COMPREPLY of bash's _vcs for the words typed, the last being the one completed. */
async function complete(words: string[]): Promise<string[]> {
  const program = [
    `vcs() { ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} "$@"; }`,
    script,
    `COMP_WORDS=(${words.map((word) => `'${word}'`).join(' ')})`,
    `COMP_CWORD=${words.length - 1}`,
    '_vcs',
    'printf "%s\\n" "${COMPREPLY[@]}"',
  ].join('\n')
  const result = await collect(
    spawn('bash', ['-c', program], {
      cwd: work,
      env: { ...cleanEnv(), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  )
  expect(result.code, result.stderr).toBe(0)
  return result.stdout.split('\n').filter((line) => line !== '')
}

describe('bash completion of the one-shot CLI', () => {
  it('completes role flags with the organization roles', async () => {
    expect(await complete(['vcs', 'Get-VcsUser', '--organization-role', 'org_'])).toEqual(
      expect.arrayContaining(['org_owner', 'org_member']),
    )
  })

  it('completes a path flag with file names, not flags', async () => {
    expect(await complete(['vcs', 'New-VcsUserInvitation', '--result-path', 'res'])).toEqual(['results.csv'])
  })

  it('offers no flags where a value is expected', async () => {
    expect(await complete(['vcs', 'Get-VcsUser', '--name', '--'])).toEqual([])
  })

  it('offers flags after a switch, and ValidateSet values after their flag', async () => {
    expect(await complete(['vcs', 'Remove-VcsUser', '--what-if', '--con'])).toEqual(['--confirm'])
    expect(await complete(['vcs', 'Get-VcsUserInvitation', '--status', 'Ex'])).toEqual(['Expired'])
  })
})

describe('vcs completion pwsh', () => {
  it('registers a native argument completer with the flags and values', async () => {
    const result = await runCli(['completion', 'pwsh'])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('Register-ArgumentCompleter -Native -CommandName vcs')
    expect(result.stdout).toContain("'--result-path' = 'files'")
    expect(result.stdout).toContain("'--organization-role' = 'live:(Get-VcsOrganizationRole).Name'")
  })
})
