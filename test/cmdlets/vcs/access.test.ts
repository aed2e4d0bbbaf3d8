// Each deployment's access rules as users meet them (csp-api.md §10): an OAuth app refused a
// mutation on console CSP gets an error that says what to do, and MFA-enforced API tokens take a
// passcode (-Passcode, VCS_PASSCODE, or a hidden prompt in the interactive shell).
import { describe, expect, it } from 'vitest'
import { connect } from '../../../src/auth/index.js'
import { AuthError, RecordingHost, Session, type Host } from '../../../src/engine/index.js'
import { refusesAppMutations } from '../../../src/csp/endpoints.js'
import { connectVcs } from '../../../src/library/connection.js'
import { getVcsGroup, getVcsUser, newVcsUserInvitation, removeVcsUser } from '../../../src/library/vcs.js'
import { configure, connectSession, useEmulator, writeRequests, stats, resetStats } from './emulator.js'

const bed = useEmulator()

describe('OAuth apps on console CSP', () => {
  it('turns the 403 on an invitation into an error that says what to do, and sends one request', async () => {
    await configure(bed, { profile: 'console' })
    const host = new RecordingHost()
    const session = await connectSession(bed, host, { as: 'app' })
    await resetStats(bed)
    const run = newVcsUserInvitation({ email: ['a@newcomer.example', 'b@newcomer.example'] }).in(session)
    const error = await run.then(
      () => undefined,
      (caught: unknown) => caught,
    )
    expect(error).toBeInstanceOf(AuthError)
    expect((error as AuthError).message).toBe(
      `CSP refused the OAuth app ${bed.emulator.credentials.appId} permission to invite users (403: The user is forbidden to use the API: service accounts (OAuth apps) may not invite users on this deployment).`,
    )
    expect((error as AuthError).hint).toMatch(
      /^Connect with an API token of an organization owner or administrator/,
    )
    expect(writeRequests(await stats(bed))).toBe(1)
  })

  it('turns the 403 on a removal into the same advice; nobody is removed', async () => {
    await configure(bed, { profile: 'console' })
    const host = new RecordingHost()
    const session = await connectSession(bed, host, { as: 'app' })
    const [maya] = await getVcsUser({ email: ['maya.patel@demo.example'] }).in(session)
    const error = await removeVcsUser({ user: [maya], confirm: false })
      .in(session)
      .then(
        () => undefined,
        (caught: unknown) => caught,
      )
    expect((error as AuthError).message).toMatch(
      /^CSP refused the OAuth app .* permission to remove users \(403: /,
    )
    expect(await getVcsUser({ email: ['maya.patel@demo.example'] }).in(bed.session)).toHaveLength(1)
  })

  it('names console.cloud.vmware.com (and its staging host) as refusing app mutations; Tanzu does not', () => {
    expect(refusesAppMutations('console.cloud.vmware.com')).toBe(true)
    expect(refusesAppMutations('CONSOLE.cloud.vmware.com:443')).toBe(true)
    expect(refusesAppMutations('console-stg.cloud.vmware.com')).toBe(true)
    expect(refusesAppMutations('console.tanzu.broadcom.com')).toBe(false)
    expect(refusesAppMutations('127.0.0.1:8443')).toBe(false)
  })
})

describe('MFA-enforced API tokens', () => {
  // Failures first: a successful exchange caches the access token (the memory store is shared
  // within the file), and a cached token needs no passcode for its 30 minutes.
  it('says what to do when the passcode is missing, without prompting a non-interactive host', async () => {
    const session = new Session({ host: new RecordingHost() })
    const error = await connect(
      {
        server: bed.emulator.url,
        apiToken: bed.emulator.credentials.mfaApiToken,
        credentialStore: 'memory',
        env: {},
      },
      session,
    ).then(
      () => undefined,
      (caught: unknown) => caught,
    )
    expect((error as AuthError).message).toBe(
      `The API token was refused by ${new URL(bed.emulator.url).host}: invalid_grant: A passcode is required: this API token enforces MFA`,
    )
    expect((error as AuthError).hint).toBe(
      'This API token enforces MFA: give the current passcode from your authenticator (Connect-Vcs -Passcode, or VCS_PASSCODE for jobs).',
    )
  })

  it('says a wrong passcode was refused and that a fresh one is needed', async () => {
    const session = new Session({ host: new RecordingHost() })
    const wrong = bed.emulator.credentials.mfaPasscode === '000000' ? '111111' : '000000'
    const error = await connect(
      {
        server: bed.emulator.url,
        apiToken: bed.emulator.credentials.mfaApiToken,
        passcode: wrong,
        credentialStore: 'memory',
      },
      session,
    ).then(
      () => undefined,
      (caught: unknown) => caught,
    )
    expect((error as AuthError).hint).toMatch(/^The passcode was refused: passcodes are single-use/)
  })

  it('asks for the passcode with hidden input in the interactive shell', async () => {
    const prompts: string[] = []
    const host: Host = Object.assign(new RecordingHost(true), {
      readSecret: async (prompt: string) => {
        prompts.push(prompt)
        return bed.emulator.credentials.mfaPasscode
      },
    })
    const session = new Session({ host })
    const connection = await connect(
      {
        server: bed.emulator.url,
        apiToken: bed.emulator.credentials.mfaApiToken,
        credentialStore: 'memory',
        env: {},
      },
      session,
    )
    expect(connection.orgId).toBe(bed.emulator.orgId)
    expect(prompts).toEqual([`MFA passcode for ${new URL(bed.emulator.url).host}: `])
  })

  it('connects with -Passcode', async () => {
    const session = new Session({ host: new RecordingHost() })
    const [record] = await connectVcs({
      server: bed.emulator.url,
      apiToken: bed.emulator.credentials.mfaApiToken,
      passcode: bed.emulator.credentials.mfaPasscode,
      credentialStore: 'Memory',
    }).in(session)
    expect(record).toMatchObject({ OrgId: bed.emulator.orgId, AuthType: 'ApiToken' })
  })

  it('connects with VCS_PASSCODE from the environment', async () => {
    const session = new Session({ host: new RecordingHost() })
    const connection = await connect(
      {
        server: bed.emulator.url,
        apiToken: bed.emulator.credentials.mfaApiToken,
        credentialStore: 'memory',
        env: { VCS_PASSCODE: bed.emulator.credentials.mfaPasscode },
      },
      session,
    )
    expect(connection.orgId).toBe(bed.emulator.orgId)
  })
})

describe('what CSP hides or answers in part', () => {
  async function memberSession(host: RecordingHost, errorAction: 'Continue' | 'Stop' = 'Continue') {
    const session = new Session({ host, errorActionPreference: errorAction })
    await connect(
      {
        server: bed.emulator.url,
        apiToken: bed.emulator.credentials.memberApiToken,
        credentialStore: 'memory',
      },
      session,
    )
    return session
  }

  it('warns once that roles are unknown when CSP hides them, instead of reporting no roles', async () => {
    const host = new RecordingHost()
    const users = await getVcsUser().in(await memberSession(host))
    expect(users.length).toBe(34)
    expect(users.every((user) => user.OrganizationRoles === null && user.ServiceRoles === null)).toBe(true)
    expect(host.warnings).toEqual([
      'CSP does not show users’ roles to this connection (console.cloud.vmware.com shows them to organization owners, console.tanzu.broadcom.com to owners and administrators; members never see them): OrganizationRoles and ServiceRoles are empty because they are unknown, not because the users have none.',
    ])
  })

  it('says a role filter cannot be applied when CSP hides roles, rather than finding nobody', async () => {
    const host = new RecordingHost()
    const error = await getVcsUser({ organizationRole: ['org_admin'] })
      .in(await memberSession(host))
      .then(
        () => undefined,
        (caught: unknown) => caught,
      )
    expect((error as AuthError).message).toMatch(
      /^-OrganizationRole cannot be applied: CSP does not show users’ roles/,
    )
  })

  it('hides roles from admins on console CSP but not on the Tanzu console', async () => {
    const admin = async () => {
      const host = new RecordingHost()
      const session = new Session({ host })
      await connect(
        {
          server: bed.emulator.url,
          apiToken: bed.emulator.credentials.adminApiToken,
          credentialStore: 'memory',
        },
        session,
      )
      const [first] = await getVcsUser({ email: ['ava.thompson@demo.example'] }).in(session)
      return first.OrganizationRoles
    }
    expect(await admin()).toBeNull()
    await configure(bed, { profile: 'tanzu' })
    expect(await admin()).toEqual(['org_owner'])
  })

  it('warns that a list CSP answered in part is incomplete, or fails under -ErrorAction Stop', async () => {
    await configure(bed, { partialPages: true })
    const users = await getVcsUser().in(bed.session)
    expect(users).toHaveLength(34)
    expect(bed.host.warnings).toEqual([
      'CSP answered part of the user list with errors (Part of the results could not be read: a backend service did not answer): the users listed are incomplete.',
    ])
    const error = await getVcsUser({ errorAction: 'Stop' })
      .in(bed.session)
      .then(
        () => undefined,
        (caught: unknown) => caught,
      )
    expect((error as Error).message).toMatch(/^CSP answered part of the user list with errors/)
  })

  it('says the same of a group list answered in part', async () => {
    await configure(bed, { partialPages: true })
    const groups = await getVcsGroup().in(bed.session)
    expect(groups).toHaveLength(5)
    expect(bed.host.warnings).toEqual([
      'CSP answered part of the group list with errors (Part of the results could not be read: a backend service did not answer): the groups listed are incomplete.',
    ])
    const error = await getVcsGroup({ errorAction: 'Stop' })
      .in(bed.session)
      .then(
        () => undefined,
        (caught: unknown) => caught,
      )
    expect((error as Error).message).toMatch(/^CSP answered part of the group list with errors/)
  })
})
