// `vcs -c` with a secret typed into the command: it runs, but argv is readable by every local user
// (`ps`), so the CLI warns and says what to use instead; the secret itself never appears in output.
import { describe, expect, it } from 'vitest'
import { runCli } from './helpers.js'

const TOKEN = 'argvSecretToken-0123456789abcdef'

describe('vcs -c with a secret on the command line', () => {
  it('warns, names the safer ways, and masks the token', async () => {
    const result = await runCli(['-c', `Connect-Vcs -Server http://127.0.0.1:9 -ApiToken '${TOKEN}'`])
    expect(result.stderr).toMatch(
      /^WARNING: the -c command line carries a secret, and other users can read it in 'ps' output\./m,
    )
    expect(result.stderr).toContain('VCS_API_TOKEN_FILE')
    expect(result.stdout + result.stderr).not.toContain(TOKEN)
  })

  it('warns for a prefix of the parameter as well', async () => {
    const result = await runCli(['-c', `Connect-Vcs -Server http://127.0.0.1:9 -Api '${TOKEN}'`])
    expect(result.stderr).toContain("read it in 'ps' output")
  })

  it('says nothing when the token comes from a variable', async () => {
    const result = await runCli(['-c', '$t = $env:NOPE; Get-Command Connect-Vcs'])
    expect(result.stderr).not.toContain('WARNING')
  })
})
