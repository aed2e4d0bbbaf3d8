// Every endpoint the read cmdlets use, answered with each of its fields missing and then null in turn
// (on every entry of a list at once): whatever plausible shape a real CSP sends, no JavaScript error
// text (`Cannot read properties`, `undefined`, `[object Object]`) reaches the user, in the output, an
// error or a warning (issue 15, "Done means"). A loopback proxy in front of the emulator rewrites the
// real answer of one endpoint; everything else passes through untouched.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect } from '../../../src/auth/index.js'
import { RecordingHost, Session, toPlain } from '../../../src/engine/index.js'
import {
  newVcsUserInvitation,
  getVcsGroup,
  getVcsGroupMember,
  getVcsOrganizationRole,
  getVcsService,
  getVcsServiceRole,
  getVcsUser,
  getVcsUserInvitation,
} from '../../../src/library/vcs.js'
import { setRetryPolicy } from '../../../src/library/vcs.js'
import { startEmulator } from '../../../src/emulator/index.js'

const JS_ERROR_TEXT =
  /Cannot read properties|undefined|\[object Object\]|is not a function|is not iterable|NaN|Invalid Date/

type Emulator = Awaited<ReturnType<typeof startEmulator>>
type Path = Array<string | '[]'>
let emulator: Emulator
let proxy: Server
let proxyUrl: string
/** The rewrite in force: which answers, and what to do to them. */
let rewrite: { route: RegExp; apply: (json: unknown) => void } | undefined
/** Routes answered 404 in CSP's error shape, as a host without them would (never reaching the emulator). */
let missing: RegExp | undefined

/** Applies `to` (undefined deletes) at `path`, on every entry where the path crosses a list. */
function mutate(value: unknown, path: Path, to: undefined | null): void {
  if (value === null || typeof value !== 'object') return
  const [key, ...rest] = path
  if (key === '[]') {
    if (Array.isArray(value)) for (const entry of value) mutate(entry, rest, to)
    return
  }
  const record = value as Record<string, unknown>
  if (rest.length > 0) return mutate(record[key], rest, to)
  if (to === undefined) delete record[key]
  else record[key] = to
}

/** Every path of a JSON value, lists entered through their first entry. */
function paths(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return []
  if (Array.isArray(value)) return value.length > 0 ? paths(value[0], [...prefix, '[]']) : []
  return Object.entries(value).flatMap(([key, child]) => [
    [...prefix, key],
    ...paths(child, [...prefix, key]),
  ])
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: 'demo', quiet: true })
  proxy = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const body = Buffer.concat(chunks)
      if (missing?.test(request.url ?? '')) {
        response.writeHead(404, { 'content-type': 'application/json' })
        response.end(
          JSON.stringify({ statusCode: 404, message: 'Not found', requestId: 'r', moduleCode: 340 }),
        )
        return
      }
      const headers = Object.fromEntries(
        Object.entries(request.headers).filter(
          ([name]) => !['host', 'connection', 'content-length', 'transfer-encoding'].includes(name),
        ),
      ) as Record<string, string>
      fetch(`${emulator.url}${request.url}`, {
        method: request.method,
        headers,
        body: body.length > 0 ? body : undefined,
      })
        .then(async (answer) => {
          let text = await answer.text()
          if (rewrite && answer.ok && request.method === 'GET' && rewrite.route.test(request.url ?? '')) {
            const json = JSON.parse(text) as unknown
            rewrite.apply(json)
            text = JSON.stringify(json)
          }
          response.writeHead(answer.status, { 'content-type': 'application/json' })
          response.end(text)
        })
        .catch(() => response.destroy())
    })
  })
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`
})
afterAll(async () => {
  await new Promise((resolve) => proxy.close(resolve))
  await emulator.close()
})

/** What a user sees of a run: output, errors (written or thrown) and warnings. */
async function seen(run: (session: Session) => PromiseLike<unknown>): Promise<string> {
  const host = new RecordingHost()
  const session = new Session({ host, errorActionPreference: 'Continue' })
  setRetryPolicy(session, { baseDelayMs: 1, maxDelayMs: 5, faultRetries: 0 })
  await connect(
    { server: proxyUrl, apiToken: emulator.credentials.apiToken, credentialStore: 'memory' },
    session,
  )
  let output: unknown
  let thrown = ''
  try {
    output = await run(session)
  } catch (error) {
    thrown = `${(error as Error).message} ${(error as { hint?: string }).hint ?? ''}`
  }
  return [
    JSON.stringify(toPlain(output)) ?? '',
    thrown,
    ...host.errors.map((record) => `${record.error.message} ${record.error.hint ?? ''}`),
    ...host.warnings,
  ].join('\n')
}

/** The endpoints, a request that reads each, and what reads its answer. */
const endpoints: Array<{
  name: string
  route: RegExp
  sample: string
  runs: Array<(s: Session) => PromiseLike<unknown>>
}> = [
  {
    name: 'GET v2/orgs/{org}/users',
    route: /\/am\/api\/v2\/orgs\/[^/]+\/users\?/,
    sample: `/csp/gateway/am/api/v2/orgs/{org}/users?pageLimit=3`,
    runs: [
      (s) => getVcsUser().in(s),
      (s) => getVcsUser({ name: ['A*'], organizationRole: ['org_member'] }).in(s),
    ],
  },
  {
    name: 'GET orgs/{org}/users/search',
    route: /\/users\/search\?/,
    sample: `/csp/gateway/am/api/orgs/{org}/users/search?userSearchTerm=ava`,
    runs: [(s) => getVcsUser({ search: ['ava'] }).in(s)],
  },
  {
    name: 'GET orgs/{org}/invitations',
    route: /\/orgs\/[^/]+\/invitations(\?|$)/,
    sample: `/csp/gateway/am/api/orgs/{org}/invitations`,
    runs: [(s) => getVcsUserInvitation().in(s), (s) => getVcsUserInvitation({ status: ['Available'] }).in(s)],
  },
  {
    name: 'GET orgs/{org}/roles',
    route: /\/orgs\/[^/]+\/roles(\?|$)/,
    sample: `/csp/gateway/am/api/orgs/{org}/roles?expand=true`,
    runs: [(s) => getVcsOrganizationRole().in(s)],
  },
  {
    name: 'GET slc/api/v2/ui/definitions',
    route: /\/slc\/api\/v2\/ui\/definitions/,
    sample: `/csp/gateway/slc/api/v2/ui/definitions/?orgId={org}`,
    runs: [(s) => getVcsService().in(s), (s) => getVcsServiceRole().in(s)],
  },
  {
    name: 'GET slc/api/definitions?expand',
    route: /\/slc\/api\/definitions\?/,
    sample: `/csp/gateway/slc/api/definitions?expand=true&orgLink=/csp/gateway/am/api/orgs/{org}`,
    runs: [(s) => getVcsService().in(s), (s) => getVcsServiceRole().in(s)],
  },
  {
    name: 'GET orgs/{org}/groups',
    route: /\/orgs\/[^/]+\/groups\?/,
    sample: `/csp/gateway/am/api/orgs/{org}/groups?pageLimit=3`,
    runs: [(s) => getVcsGroup().in(s), (s) => getVcsGroup({ name: ['S*'] }).in(s)],
  },
  {
    name: 'GET orgs/{org}/groups/{id}/users',
    route: /\/groups\/[^/?]+\/users/,
    sample: '',
    runs: [(s) => getVcsGroupMember({ group: ['Platform Engineering'] } as never).in(s)],
  },
]

/** The emulator's real answer to a sample request, as the owner. */
async function sampleOf(path: string): Promise<unknown> {
  const tokenAnswer = await fetch(`${emulator.url}/csp/gateway/am/api/auth/api-tokens/authorize`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ api_token: emulator.credentials.apiToken }).toString(),
  })
  const token = ((await tokenAnswer.json()) as { access_token: string }).access_token
  const get = async (url: string) =>
    (await fetch(`${emulator.url}${url}`, { headers: { 'csp-auth-token': token } })).json() as Promise<any>
  if (path) return get(path.replace('{org}', emulator.orgId))
  const groups = await get(`/csp/gateway/am/api/orgs/${emulator.orgId}/groups`)
  return get(`/csp/gateway/am/api/orgs/${emulator.orgId}/groups/${groups.results[0].id}/users`)
}

describe.each(endpoints)('$name', ({ route, sample, runs }) => {
  it('no field missing or null brings JavaScript error text to the user', async () => {
    const fields = paths(await sampleOf(sample))
    expect(fields.length).toBeGreaterThan(0)
    rewrite = undefined
    const baseline = await Promise.all(runs.map((run) => seen(run)))
    const leaks: string[] = []
    let changed = 0
    for (const path of fields) {
      for (const to of [undefined, null] as const) {
        rewrite = { route, apply: (json) => mutate(json, path, to) }
        for (const [index, run] of runs.entries()) {
          const text = await seen(run)
          if (text !== baseline[index]) changed++
          if (JS_ERROR_TEXT.test(text))
            leaks.push(
              `${path.join('.')} ${to === null ? 'null' : 'missing'}: ${text.match(new RegExp(`.{0,120}${JS_ERROR_TEXT.source}.{0,60}`))?.[0]}`,
            )
        }
      }
    }
    rewrite = undefined
    expect(leaks).toEqual([])
    // The rewrites reached the client: some of them change what the user sees.
    expect(changed).toBeGreaterThan(0)
  })
})

describe('service descriptions', () => {
  // PowerCLI's IVcsService.Description; CSP's catalogue has descriptionShort and descriptionLong
  // (ServiceDefinitionsDto), the UI list none: the short one is read, else the long one (issue 15).
  const catalogue = /\/slc\/api\/definitions\?/
  const descriptionWith = async (apply: (entry: Record<string, unknown>) => void) => {
    rewrite = {
      route: catalogue,
      apply: (json) => {
        for (const entry of (json as { results: Record<string, unknown>[] }).results) apply(entry)
      },
    }
    const host = new RecordingHost()
    const session = new Session({ host })
    await connect(
      { server: proxyUrl, apiToken: emulator.credentials.apiToken, credentialStore: 'memory' },
      session,
    )
    const [vmc] = await getVcsService({ name: ['VMware Cloud on AWS'] }).in(session)
    rewrite = undefined
    return vmc.Description
  }

  it('reads descriptionShort, else descriptionLong, else says nothing', async () => {
    expect(await descriptionWith(() => undefined)).toBe(
      'Software-defined data centers on AWS infrastructure.',
    )
    expect(
      await descriptionWith((entry) => {
        entry.descriptionShort = 'Short.'
        entry.descriptionLong = 'Long.'
      }),
    ).toBe('Short.')
    expect(
      await descriptionWith((entry) => {
        delete entry.descriptionShort
        entry.descriptionLong = 'Long only.'
      }),
    ).toBe('Long only.')
    expect(
      await descriptionWith((entry) => {
        entry.descriptionShort = null
        delete entry.descriptionLong
      }),
    ).toBe('')
  })
})

describe('no readable service-role catalogue', () => {
  // Issue 15 item 1: when neither /slc/api/definitions?expand nor .../service-roles can be read, say
  // so once, keep the roles unknown (not "none"), and send the role names as given: CSP judges them.
  it('warns once, shows the roles as unknown, and invites with the role as given', async () => {
    missing = /\/slc\/api\/definitions(\?|\/)/
    try {
      const host = new RecordingHost()
      const session = new Session({ host })
      await connect(
        { server: proxyUrl, apiToken: emulator.credentials.apiToken, credentialStore: 'memory' },
        session,
      )
      const warning =
        "CSP's service-role catalogue could not be read (Not found): service roles are unknown here, and role names are sent to CSP as given."
      const [vmc] = await getVcsService({ name: ['VMware Cloud on AWS'] }).in(session)
      expect(vmc.Roles).toBeNull()
      expect(host.warnings.splice(0)).toEqual([warning])
      expect(await getVcsServiceRole().in(session)).toEqual([])
      expect(host.warnings.splice(0)).toEqual([warning])
      const [invitation] = (await newVcsUserInvitation({
        email: ['no.catalogue@newcomer.example'],
        organizationRole: ['org_member'],
        serviceRole: ['VMware Cloud on AWS:vmc-user:full'],
      }).in(session)) as Array<{ ServiceRoles: string[] }>
      expect(invitation.ServiceRoles).toEqual(['vmc-user:full'])
      expect(host.errors).toEqual([])
    } finally {
      missing = undefined
    }
  })
})
