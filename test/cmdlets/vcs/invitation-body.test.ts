// What an invitation POST carries, seen on the wire between the client and the emulator: the fields
// only the Tanzu reference documents (`invitationExpirationInDays`, `notifyUsersOf*`) are sent only
// when the user asked for them (-ExpiresInDays, -SkipNotify), by New- and Send-VcsUserInvitation
// alike (issue 15 item 4; csp-api.md §10). A recording proxy on loopback forwards every request to the
// emulator, which answers for real.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { connect } from '../../../src/auth/index.js'
import { RecordingHost, Session } from '../../../src/engine/index.js'
import {
  newVcsUserInvitation,
  sendVcsUserInvitation,
  type VcsUserInvitation,
} from '../../../src/library/vcs.js'
import { useEmulator } from './emulator.js'

const bed = useEmulator()
const TANZU_ONLY = ['invitationExpirationInDays', 'notifyUsersOfRegistration', 'notifyUsersOfOrgAccess']

/** Invitation POST bodies the proxy saw. */
let posted: Record<string, unknown>[] = []
let proxy: Server
let session: Session
let host: RecordingHost

beforeAll(async () => {
  proxy = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const body = Buffer.concat(chunks)
      if (request.method === 'POST' && /\/orgs\/[^/]+\/invitations(\?|$)/.test(request.url ?? ''))
        posted.push(JSON.parse(body.toString('utf8')) as Record<string, unknown>)
      const headers = Object.fromEntries(
        Object.entries(request.headers).filter(
          ([name]) => !['host', 'connection', 'content-length', 'transfer-encoding'].includes(name),
        ),
      ) as Record<string, string>
      fetch(`${bed.emulator.url}${request.url}`, {
        method: request.method,
        headers,
        body: body.length > 0 ? body : undefined,
      })
        .then(async (answer) => {
          const text = Buffer.from(await answer.arrayBuffer())
          const type = answer.headers.get('content-type')
          response.writeHead(answer.status, type ? { 'content-type': type } : {})
          response.end(text)
        })
        .catch(() => response.destroy())
    })
  })
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
})
afterAll(async () => {
  await new Promise((resolve) => proxy.close(resolve))
})
beforeEach(async () => {
  posted = []
  host = new RecordingHost()
  session = new Session({ host, errorActionPreference: 'Stop' })
  const { port } = proxy.address() as AddressInfo
  await connect(
    {
      server: `http://127.0.0.1:${port}`,
      apiToken: bed.emulator.credentials.apiToken,
      credentialStore: 'memory',
    },
    session,
  )
})

describe('invitation request bodies', () => {
  it('New-VcsUserInvitation sends no Tanzu-only field unless asked', async () => {
    await newVcsUserInvitation({ email: ['plain@newcomer.example'], organizationRole: ['org_member'] }).in(
      session,
    )
    expect(posted).toHaveLength(1)
    for (const field of [...TANZU_ONLY, 'skipNotify', 'skipNotifyRegistration'])
      expect(posted[0], field).not.toHaveProperty(field)

    posted = []
    await newVcsUserInvitation({
      email: ['asked@newcomer.example'],
      organizationRole: ['org_member'],
      expiresInDays: 30,
      skipNotify: true,
    }).in(session)
    expect(posted[0]).toMatchObject({
      invitationExpirationInDays: 30,
      skipNotify: true,
      skipNotifyRegistration: true,
      notifyUsersOfRegistration: false,
      notifyUsersOfOrgAccess: false,
    })
  })

  it('Send-VcsUserInvitation sends invitationExpirationInDays only with -ExpiresInDays', async () => {
    const [resent] = (await sendVcsUserInvitation({ email: ['grace.kim@demo.example'] }).in(
      session,
    )) as VcsUserInvitation[]
    expect(resent.Email).toBe('grace.kim@demo.example')
    expect(posted).toHaveLength(1)
    expect(posted[0].usernames).toEqual(['grace.kim@demo.example'])
    for (const field of TANZU_ONLY) expect(posted[0], field).not.toHaveProperty(field)
    // The host's own default applies (the emulator's, as console CSP's, is 7 days).
    const days = (resent.ExpiredDate!.getTime() - resent.CreatedDate!.getTime()) / 86_400_000
    expect(Math.round(days)).toBe(7)

    posted = []
    const [again] = (await sendVcsUserInvitation({ email: ['grace.kim@demo.example'], expiresInDays: 30 }).in(
      session,
    )) as VcsUserInvitation[]
    expect(posted).toHaveLength(1)
    expect(posted[0].invitationExpirationInDays).toBe(30)
    for (const field of TANZU_ONLY.slice(1)) expect(posted[0], field).not.toHaveProperty(field)
    expect(Math.round((again.ExpiredDate!.getTime() - again.CreatedDate!.getTime()) / 86_400_000)).toBe(30)
    expect(host.errors).toEqual([])
  })
})
