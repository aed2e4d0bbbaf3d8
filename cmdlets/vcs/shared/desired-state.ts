// The desired state of an organization (Compare-VcsOrganization, Sync-VcsOrganization): a CSV file
// or objects with Email, OrganizationRoles, ServiceRoles and optionally Groups (lists in a cell
// separated by ";", as Export-Csv writes them), validated against the org's roles and groups before
// anything is planned or sent.
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { getProperty, isRecord, UsageError, type CmdletContext } from '../../../src/engine/index.js'
import { cspCall, type CspCall } from '../../../src/csp/connection.js'
import { listOrganizationRoles } from '../../../src/csp/endpoints.js'
import type { GroupDto } from '../../../src/wire/csp.js'
import { readCsv } from '../../core/csv.js'
import { fileError, resolvePath } from '../../core/shared.js'
import {
  flatValues,
  listAllGroups,
  resolveGroups,
  resolveOrganizationRoles,
  resolveServiceRoles,
} from './lookups.js'
import { loadServices } from './services.js'
import { planSync, type Catalogue, type DesiredUser, type SyncPlan } from './sync-plan.js'
import { BASE_ROLES } from './user-roles.js'

const CELL_SEPARATOR = /\s*;\s*/

/** A cell or property as a list: arrays as they are, text split on ";" (what Export-Csv writes). */
function listOf(value: unknown): string[] {
  return flatValues(value)
    .flatMap((item) => (typeof item === 'string' ? item.split(CELL_SEPARATOR) : [String(item)]))
    .map((item) => item.trim())
    .filter((item) => item !== '')
}

/** The first of several property names an object has (the file's columns). */
function property(record: unknown, names: readonly string[]): { given: boolean; value: unknown } {
  for (const name of names) {
    const value = getProperty(record, name)
    if (value !== undefined) return { given: true, value }
  }
  return { given: false, value: undefined }
}

/** Reads the rows of a desired-state CSV file (Import-Csv's reader: BOM, quotes, formula escapes). */
export async function* readDesiredFile(path: string, ctx: CmdletContext): AsyncGenerator<unknown> {
  const full = resolvePath(path)
  try {
    if ((await stat(full)).isDirectory()) throw Object.assign(new Error(), { code: 'EISDIR' })
  } catch (error) {
    throw fileError(error, path, 'read')
  }
  yield* readCsv(createReadStream(full), { delimiter: ',', source: path }, ctx)
}

/**
 * Validates the desired rows: one e-mail each, no e-mail twice, known roles and groups, exactly one
 * base role (org_member when none is named, as an invitation). Any problem is a usage error naming
 * the row: nothing is planned from a half-read file.
 */
export async function resolveDesired(
  call: CspCall,
  rows: readonly unknown[],
  ctx: CmdletContext,
): Promise<{ desired: DesiredUser[]; catalogue: Catalogue }> {
  const wantsGroups = rows.some((row) => property(row, GROUP_COLUMNS).given)
  const [orgRoles, catalog, groups] = await Promise.all([
    listOrganizationRoles(call.client, call),
    loadServices(call, { withRoles: true, warn: (message) => ctx.writeWarning(message) }),
    wantsGroups ? listAllGroups(call) : Promise.resolve([] as GroupDto[]),
  ])
  const seen = new Map<string, number>()
  const desired: DesiredUser[] = []
  rows.forEach((row, index) => {
    const where = `row ${index + 1}`
    const fail = (message: string) =>
      new UsageError('InvalidParameterValue', `Desired state, ${where}: ${message}`, { target: where })
    if (!isRecord(row)) throw fail('it is not an object with an Email property.')
    const email = String(property(row, EMAIL_COLUMNS).value ?? '')
      .trim()
      .toLowerCase()
    if (!/^[^@\s]+@[^@\s]+$/.test(email)) {
      throw fail(email === '' ? 'it has no Email.' : `'${email}' is not an e-mail address.`)
    }
    const earlier = seen.get(email)
    if (earlier !== undefined) throw fail(`${email} is also on row ${earlier}; name each person once.`)
    seen.set(email, index + 1)
    let roles: string[]
    let services: Map<string, string[]>
    let groupIds: string[] | undefined
    try {
      roles = resolveOrganizationRoles(listOf(property(row, ORG_ROLE_COLUMNS).value), orgRoles)
      services = resolveServiceRoles(listOf(property(row, SERVICE_COLUMNS).value), catalog.services)
      const groupColumn = property(row, GROUP_COLUMNS)
      groupIds = groupColumn.given ? resolveGroups(listOf(groupColumn.value), groups) : undefined
    } catch (error) {
      throw fail(`${email}: ${(error as Error).message}`)
    }
    const bases = roles.filter((role) => (BASE_ROLES as readonly string[]).includes(role))
    if (bases.length > 1) {
      throw fail(
        `${email} has ${bases.join(' and ')}: every member holds exactly one of ${BASE_ROLES.join(', ')}.`,
      )
    }
    if (bases.length === 0) roles = ['org_member', ...roles]
    desired.push({ email, orgRoles: roles, serviceRoles: services, groups: groupIds })
  })
  return { desired, catalogue: { services: catalog.services, groups } }
}

const EMAIL_COLUMNS = ['Email', 'Username']
const ORG_ROLE_COLUMNS = ['OrganizationRoles', 'OrganizationRole']
const SERVICE_COLUMNS = ['ServiceRoles', 'ServiceRole']
const GROUP_COLUMNS = ['Groups', 'Group']

/** Reads the desired state (file or piped objects), then plans against the organization. */
export async function desiredStatePlan(
  records: AsyncIterable<Record<string, unknown>>,
  ctx: CmdletContext,
): Promise<{ plan: SyncPlan; call: CspCall; remove: boolean }> {
  const rows: unknown[] = []
  let path: string | undefined
  for await (const args of records) {
    if (typeof args.path === 'string') path = args.path
    rows.push(...((args.inputObject as unknown[] | undefined) ?? []))
  }
  const own = ctx.arguments
  path ??= typeof own.path === 'string' ? own.path : undefined
  if (path !== undefined) for await (const row of readDesiredFile(path, ctx)) rows.push(row)
  if (rows.length === 0) {
    throw new UsageError(
      'InvalidParameterValue',
      path !== undefined
        ? `The desired state in '${path}' names nobody; an empty file would remove everyone with -Remove, so it is refused.`
        : 'No desired state was given: pipe objects with an Email property, or give -Path.',
    )
  }
  const call = await cspCall(ctx, own.server as string | undefined)
  const { desired, catalogue } = await resolveDesired(call, rows, ctx)
  const remove = !!own.remove
  const plan = await planSync(call, desired, catalogue, {
    remove,
    concurrency: (own.throttleLimit as number | undefined) ?? 4,
  })
  return { plan, call, remove }
}
