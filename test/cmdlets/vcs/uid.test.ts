// Every object a Vcs cmdlet writes carries a Uid, as PowerCLI's do (IVcsServer, IVcsUser,
// IVcsService, IVcsUserInvitation, IVcsOrganizationRole, IVcsServiceRole each list a `Uid String`
// property: developer.broadcom.com/powercli/latest/vmware.cloudservices/structures/
// vmware.cloudservices.types.v1.cmdletoutput.ivcsuser): a stable path naming the server and the
// object that extends the connection's own Uid, and a plain string, so Select-Object and Export-Csv
// carry it like any other property.
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { registry } from '../../../cmdlets/index.js'
import { toPlain } from '../../../src/engine/index.js'
import { Interpreter } from '../../../src/language/index.js'
import { useEmulator } from './emulator.js'

const bed = useEmulator({ errorAction: 'Stop' })

async function run(code: string): Promise<Record<string, unknown>[]> {
  const interpreter = new Interpreter({ registry, session: bed.session })
  const output = await interpreter.evaluate(code)
  expect(interpreter.statementErrors.map((error) => error.message)).toEqual([])
  return toPlain(output) as Record<string, unknown>[]
}

describe('Uid', () => {
  it('is on every output type, extends the connection Uid, and names the object by its id', async () => {
    const [server] = await run('Get-VcsConnection')
    const org = `${String(server.Uid)}Organization=${bed.emulator.credentials.orgId}/`
    expect(server.Uid).toMatch(/^\/VcsServer=[^/]+@127\.0\.0\.1:\d+\/$/)

    const cases: Array<[string, string, (item: Record<string, unknown>) => string]> = [
      ['Get-VcsUser', 'User', (item) => String(item.Id)],
      ['Get-VcsUserInvitation', 'UserInvitation', (item) => String(item.Id)],
      ['Get-VcsOrganizationRole', 'OrganizationRole', (item) => String(item.Name)],
      ['Get-VcsService', 'Service', (item) => String(item.Id)],
      ['Get-VcsGroup', 'Group', (item) => String(item.Id)],
      ['Get-VcsGroup | Select-Object -First 1 | Get-VcsGroupMember', 'User', (item) => String(item.Id)],
    ]
    for (const [code, kind, id] of cases) {
      const items = await run(code)
      expect(items.length, code).toBeGreaterThan(0)
      for (const item of items) expect(item.Uid, code).toBe(`${org}${kind}=${id(item)}/`)
    }
    const roles = await run("Get-VcsService -Name 'VMware Cloud on AWS' | Get-VcsServiceRole")
    expect(roles.length).toBeGreaterThan(0)
    for (const role of roles)
      expect(role.Uid).toBe(`${org}Service=${String(role.ServiceId)}/ServiceRole=${String(role.Name)}/`)

    // Unique per object and the same on the next read: a key scripts can join on.
    const users = await run('Get-VcsUser')
    expect(new Set(users.map((user) => user.Uid)).size).toBe(users.length)
    expect((await run('Get-VcsUser')).map((user) => user.Uid)).toEqual(users.map((user) => user.Uid))
  })

  it('survives Select-Object and an Export-Csv / Import-Csv round trip', async () => {
    const users = await run('Get-VcsUser | Sort-Object Email')
    const selected = await run('Get-VcsUser | Sort-Object Email | Select-Object Email, Uid')
    expect(selected).toEqual(users.map((user) => ({ Email: user.Email, Uid: user.Uid })))

    const file = join(mkdtempSync(join(tmpdir(), 'vcs-uid-')), 'users.csv')
    await run(`Get-VcsUser | Sort-Object Email | Export-Csv -Path '${file}'`)
    expect(readFileSync(file, 'utf8').split(/\r?\n/)[0]).toContain('"Uid"')
    const imported = await run(`Import-Csv -Path '${file}'`)
    expect(imported.map((row) => row.Uid)).toEqual(users.map((user) => user.Uid))
  })

  it('shows in Format-List, whose views name it (PowerCLI shows every property there)', async () => {
    const interpreter = new Interpreter({ registry, session: bed.session })
    for (const code of [
      "Get-VcsUser -Email 'ava.thompson@demo.example'",
      'Get-VcsUserInvitation | Select-Object -First 1',
      "Get-VcsService -Name 'VMware Cloud on AWS'",
      'Get-VcsGroup | Select-Object -First 1',
      'Get-VcsOrganizationRole -Name org_owner',
    ]) {
      const text = String(await interpreter.evaluate(`${code} | Format-List | Out-String`))
      // A long value wraps onto indented lines, as PowerShell's Format-List does.
      expect(text.replace(/\n {2,}/g, ''), code).toMatch(/^Uid\s+: \/VcsServer=.+\/Organization=.+\/$/m)
    }
  })
})
