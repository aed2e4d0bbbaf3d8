import { describe, expect, it } from 'vitest'
import { defineCmdlet } from '../../../src/engine/index.js'
import { renderHelp, renderSyntax } from '../../../cmdlets/core/help-text.js'
import { TeeObject } from '../../../cmdlets/core/Tee-Object.js'
import { getCommand, getHelp } from '../../../src/library/core.js'
import { run } from './helpers.js'
// Get-Help and Get-Command read the command list through their context: list them in the registry.
import '../../../cmdlets/index.js'

const GetUser = defineCmdlet({
  name: 'Get-VcsUser',
  synopsis: 'Lists the users of the connected organization.',
  description: 'Pages through the users.',
  output: 'VcsUser',
  parameterSets: { ByName: { default: true }, ById: {} },
  parameters: {
    name: { type: 'string[]', position: 0, wildcards: true, sets: ['ByName'], description: 'Name patterns.' },
    organizationRole: { type: 'string[]', sets: ['ByName'], validateSet: ['org_owner', 'org_member'] },
    id: {
      type: 'string[]',
      mandatory: true,
      sets: ['ById'],
      pipeline: 'byPropertyName',
      aliases: ['UserId'],
    },
    force: { type: 'switch' },
  },
  examples: [{ code: "Get-VcsUser -Name 'A*'", title: 'Users whose name starts with A' }],
  notes: 'Expired is derived from the invitation date.',
  process() {},
})

const RemoveUser = defineCmdlet({
  name: 'Remove-VcsUser',
  synopsis: 'Removes users.',
  supportsShouldProcess: true,
  parameters: { email: { type: 'string', mandatory: true, position: 0 } },
  examples: [],
  process() {},
})

describe('renderSyntax', () => {
  it('writes one PowerShell-style line per parameter set, default set first', () => {
    expect(renderSyntax(GetUser)).toEqual([
      'Get-VcsUser [[-Name] <string[]>] [-OrganizationRole <string[]>] [-Force] [<CommonParameters>]',
      'Get-VcsUser -Id <string[]> [-Force] [<CommonParameters>]',
    ])
  })

  it.each([
    [RemoveUser, ['Remove-VcsUser [-Email] <string> [-WhatIf] [-Confirm] [<CommonParameters>]']],
    [
      TeeObject,
      [
        'Tee-Object [-FilePath] <string> [-Append] [-InputObject <Object>] [<CommonParameters>]',
        'Tee-Object -Variable <string> [-InputObject <Object>] [<CommonParameters>]',
      ],
    ],
  ])('%#: mandatory positional, ShouldProcess switches, sets', (cmdlet, expected) => {
    expect(renderSyntax(cmdlet)).toEqual(expected)
  })
})

describe('renderHelp', () => {
  it('default help has name, synopsis, syntax, description, remarks but not parameters', () => {
    const text = renderHelp(GetUser).join('\n')
    for (const section of ['NAME', 'SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'REMARKS'])
      expect(text).toMatch(new RegExp(`^${section}$`, 'm'))
    expect(text).not.toMatch(/^PARAMETERS$/m)
    expect(text).toContain('Get-Help Get-VcsUser -Examples')
  })

  it('-Full has parameters with type, required, position, pipeline, wildcards, aliases, allowed values', () => {
    const lines = renderHelp(GetUser, { full: true })
    const text = lines.join('\n')
    for (const section of ['PARAMETERS', 'EXAMPLES', 'NOTES', 'OUTPUTS'])
      expect(text).toMatch(new RegExp(`^${section}$`, 'm'))
    expect(text).toContain("PS> Get-VcsUser -Name 'A*'")
    expect(text).toContain('Expired is derived')
    const id = renderHelp(GetUser, { parameter: 'Id' })
    expect(id[0]).toBe('    -Id <string[]>')
    expect(id.join('\n')).toMatch(/Required\?\s+true/)
    expect(id.join('\n')).toMatch(/Position\?\s+named/)
    expect(id.join('\n')).toMatch(/Accept pipeline input\?\s+true \(ByPropertyName\)/)
    expect(id.join('\n')).toMatch(/Aliases\s+UserId/)
    const name = renderHelp(GetUser, { parameter: 'name' }).join('\n')
    expect(name).toMatch(/Position\?\s+0/)
    expect(name).toMatch(/Accept wildcard characters\?\s+true/)
    expect(renderHelp(GetUser, { parameter: 'OrganizationRole' }).join('\n')).toMatch(
      /Allowed values\s+org_owner, org_member/,
    )
  })

  it('-Parameter takes an alias and wildcards; -Examples shows only examples', () => {
    expect(renderHelp(GetUser, { parameter: 'userid' })[0]).toBe('    -Id <string[]>')
    expect(renderHelp(GetUser, { parameter: '*' }).filter((line) => /^ {4}-/.test(line))).toHaveLength(4)
    const examples = renderHelp(GetUser, { examples: true }).join('\n')
    expect(examples).toContain('EXAMPLE 1')
    expect(examples).not.toMatch(/^SYNTAX$/m)
  })
})

describe('Get-Help and Get-Command', () => {
  it('Get-Help resolves names and aliases', async () => {
    const { output } = await run(getHelp({ name: 'where' }), 'Stop')
    expect(output.slice(0, 2)).toEqual(['NAME', '    Where-Object'])
    expect(output).toContain(
      '    Where-Object [-FilterScript] <scriptblock> [-InputObject <Object>] [<CommonParameters>]',
    )
  })

  it('Get-Help without a name explains how to get help; an unknown name is one clear error', async () => {
    expect((await run(getHelp(), 'Stop')).output.join('\n')).toContain('Get-Help <cmdlet> -Examples')
    await expect(run(getHelp({ name: 'Get-Nothing' }), 'Stop')).rejects.toMatchObject({
      code: 'CommandNotFound',
    })
  })

  it('Get-Help with a wildcard lists the matching cmdlets', async () => {
    const { output } = await run(getHelp({ name: '*-Csv' }), 'Stop')
    expect(output.slice(2).map((line) => (line as string).split(' ')[0])).toEqual([
      'Import-Csv',
      'Export-Csv',
      'ConvertTo-Csv',
      'ConvertFrom-Csv',
    ])
  })

  it.each([
    [{ name: 'sel*' }, ['Select-Object', 'Select-String']],
    [{ name: '%' }, ['ForEach-Object']],
    [{ noun: 'Json' }, ['ConvertTo-Json', 'ConvertFrom-Json']],
    [{ verb: 'Format' }, ['Format-Table', 'Format-List']],
  ])('Get-Command %j', async (args, expected) => {
    const { output } = await run(getCommand(args), 'Stop')
    expect(output.map((info) => (info as { Name: string }).Name)).toEqual(expected)
    expect(output[0]).toMatchObject({ CommandType: 'Cmdlet', Synopsis: expect.any(String) })
  })
})

describe('Get-Command errors', () => {
  it('an exact name that matches nothing is a CommandNotFound error with a suggestion', async () => {
    const { output, host } = await run(getCommand({ name: ['Where-Objec', 'sort'] }))
    expect(output.map((info) => (info as { Name: string }).Name)).toEqual(['Sort-Object'])
    expect(host.errors.map((e) => [e.Code, e.Hint])).toEqual([
      ['CommandNotFound', 'Did you mean Where-Object?'],
    ])
  })
})

describe('Where-Object syntax', () => {
  it('shows the script block form first, then one line per operator, as PowerShell does', async () => {
    const { WhereObject } = await import('../../../cmdlets/core/Where-Object.js')
    const lines = renderSyntax(WhereObject)
    expect(lines).toHaveLength(30)
    expect(lines[0]).toBe(
      'Where-Object [-FilterScript] <scriptblock> [-InputObject <Object>] [<CommonParameters>]',
    )
    expect(lines[1]).toBe('Where-Object [-Property] <string> [-InputObject <Object>] [<CommonParameters>]')
    expect(lines).toContain(
      'Where-Object [-Property] <string> -Like <Object> [-InputObject <Object>] [<CommonParameters>]',
    )
  })
})
