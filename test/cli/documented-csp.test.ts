// The client end to end (the `vcs` binary, one process per command) against an emulator that serves
// only what CSP documents, on console CSP's rules (the default profile): no `serviceRoles` on
// `/slc/api/v2/ui/definitions`, no roles in the user list for members, the documented 404 for
// removal ids that are no user. Listing service roles, inviting with service roles, and removing a
// batch of 20 with one stale id all work, and no JavaScript error text reaches a user (issue 15).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator } from '../../src/emulator/index.js'
import { runCli, type CliResult } from './helpers.js'

type Emulator = Awaited<ReturnType<typeof startEmulator>>
let emulator: Emulator
const JS_ERROR_TEXT = /Cannot read properties|undefined|\[object Object\]|TypeError|NaN/

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: 'demo', users: 19, quiet: true })
})
afterAll(() => emulator?.close())

const as = (apiToken: string) => ({ VCS_SERVER: emulator.url, VCS_API_TOKEN: apiToken })

async function vcs(script: string, apiToken = emulator.credentials.apiToken): Promise<CliResult> {
  const result = await runCli(['--output', 'json', '-c', script], { env: as(apiToken) })
  expect(`${result.stdout}\n${result.stderr}`).not.toMatch(JS_ERROR_TEXT)
  return result
}

async function json<T = Record<string, unknown>>(script: string, apiToken?: string): Promise<T[]> {
  const result = await vcs(script, apiToken)
  expect(result.stderr).not.toMatch(/error|WARNING/i)
  expect(result.code).toBe(0)
  const parsed = JSON.parse(result.stdout || '[]') as T | T[]
  return Array.isArray(parsed) ? parsed : [parsed]
}

describe('against only documented CSP fields (console profile)', () => {
  it('the emulator serves no serviceRoles on ui/definitions and no roles to members', async () => {
    const token = async (apiToken: string) => {
      const answer = await fetch(`${emulator.url}/csp/gateway/am/api/auth/api-tokens/authorize`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ api_token: apiToken }).toString(),
      })
      return ((await answer.json()) as { access_token: string }).access_token
    }
    const owner = await token(emulator.credentials.apiToken)
    const ui = await fetch(`${emulator.url}/csp/gateway/slc/api/v2/ui/definitions/?orgId=${emulator.orgId}`, {
      headers: { 'csp-auth-token': owner },
    })
    const { servicesList } = (await ui.json()) as { servicesList: Record<string, unknown>[] }
    expect(servicesList.length).toBeGreaterThan(0)
    for (const service of servicesList) expect(service).not.toHaveProperty('serviceRoles')

    const member = await token(emulator.credentials.memberApiToken)
    const list = await fetch(
      `${emulator.url}/csp/gateway/am/api/v2/orgs/${emulator.orgId}/users?pageLimit=5`,
      {
        headers: { 'csp-auth-token': member },
      },
    )
    const { results } = (await list.json()) as { results: Record<string, unknown>[] }
    for (const user of results) {
      expect(user).not.toHaveProperty('organizationRoles')
      expect(user).not.toHaveProperty('serviceRoles')
    }
  })

  it('lists service roles from the documented catalogue', async () => {
    const roles = await json<{ Name: string; ServiceName: string }>(
      "Get-VcsService -Name 'VMware Cloud on AWS' | Get-VcsServiceRole",
    )
    expect(roles.map((role) => role.Name).sort()).toEqual([
      'nsx:cloud_admin',
      'nsx:cloud_auditor',
      'vmc-user:full',
    ])
  })

  it('invites with a service role', async () => {
    const [invitation] = await json(
      "New-VcsUserInvitation -Email 'documented@newcomer.example' -OrganizationRole org_member -ServiceRole 'vmc-user:full'",
    )
    expect(invitation).toMatchObject({
      Email: 'documented@newcomer.example',
      Status: 'Available',
      OrganizationRoles: ['org_member'],
      ServiceRoles: ['vmc-user:full'],
    })
  })

  it('a member is told the roles are hidden, never shown "no roles"', async () => {
    const result = await vcs(
      "Get-VcsUser -Email 'chloe.martin@demo.example'",
      emulator.credentials.memberApiToken,
    )
    expect(result.code).toBe(0)
    const [chloe] = [JSON.parse(result.stdout) as Record<string, unknown>].flat()
    expect(chloe).toMatchObject({
      Email: 'chloe.martin@demo.example',
      OrganizationRoles: null,
      ServiceRoles: null,
    })
    expect(result.stderr).toMatch(/WARNING: .*roles/i)
  })

  it('removes 19 users of a batch of 20 whose one id is stale, and reports that id alone', async () => {
    const staff = await json<{ Id: string; Email: string }>("Get-VcsUser -Email '*@staff.demo.example'")
    expect(staff).toHaveLength(19)
    const stale = 'vmware.com:00000000-0000-4000-8000-000000000000'
    const ids = [...staff.slice(0, 5).map((user) => user.Id), stale, ...staff.slice(5).map((user) => user.Id)]
    const result = await vcs(
      `Remove-VcsUser -Id ${ids.map((id) => `'${id}'`).join(',')} -Confirm:$false -PassThru`,
    )
    const outcomes = JSON.parse(result.stdout) as Array<{ Id: string; Result: string }>
    expect(outcomes.map((outcome) => outcome.Result)).toEqual([
      ...Array(5).fill('Removed'),
      'Failed',
      ...Array(14).fill('Removed'),
    ])
    expect(outcomes[5].Id).toBe(stale)
    expect(result.stderr).toContain(
      `CSP knows no user ${stale} (Users [${stale}] not found); nothing was removed for it.`,
    )
    // Exit code 5: a partial failure (README, "Exit codes").
    expect(result.code).toBe(5)
    expect(await json("Get-VcsUser -Email '*@staff.demo.example'")).toEqual([])
  })
})
