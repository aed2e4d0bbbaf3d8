// `<Cmdlet> -?` shows that cmdlet's help, as in PowerShell (a habit of every PowerShell user).
import { describe, expect, it } from 'vitest'
import { registry } from '../../cmdlets/index.js'
import { RecordingHost, Session } from '../../src/engine/index.js'
import { Interpreter } from '../../src/language/index.js'

async function run(text: string): Promise<string> {
  const session = new Session({ host: new RecordingHost() })
  const output = await new Interpreter({ registry, session }).evaluate(text)
  return output.map(String).join('\n')
}

describe('-?', () => {
  it('shows the help of the cmdlet it follows, instead of running it', async () => {
    const help = await run('Get-VcsUser -?')
    expect(help).toContain('Get-VcsUser [[-Name] <string[]>]')
    expect(help).toBe(await run('Get-Help Get-VcsUser'))
  })

  it('works with an alias and other arguments, and in a later stage of a pipeline', async () => {
    expect(await run('Where-Object -Property Email -?')).toContain('Where-Object')
    expect(await run("'x' | Select-Object -First 1 -?")).toContain('Select-Object')
  })
})
