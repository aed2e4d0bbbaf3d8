// Set-VcsUser -OrganizationRole: replaces users' base role (owner, admin or member) with one PATCH
// per user that adds the new base role and removes the others (docs/csp-api-notes.md).
import { defineCmdlet, UsageError } from '../../src/engine/index.js'
import { cspCall } from '../../src/csp/connection.js'
import { organizationRoleNames } from './shared/completers.js'
import { serverParameter } from './shared/parameters.js'
import {
  applyRoleChanges,
  BASE_ROLES,
  collectTargets,
  noChange,
  roleTargetParameters,
  type RoleArguments,
} from './shared/user-roles.js'
import { vcsUserRoleResultView } from './shared/views.js'

const ALIASES: Record<string, (typeof BASE_ROLES)[number]> = {
  owner: 'org_owner',
  admin: 'org_admin',
  member: 'org_member',
  'organization owner': 'org_owner',
  'organization administrator': 'org_admin',
  'organization member': 'org_member',
}

export default defineCmdlet({
  name: 'Set-VcsUser',
  synopsis: "Replaces users' base organization role (owner, admin or member).",
  description:
    "Gives users given as objects (from Get-VcsUser) or e-mails a new base role: Owner, Admin or Member (or org_owner, org_admin, org_member). Every member holds exactly one base role, so the others are removed in the same request. Taking the owner role from the organization's last owner is refused before sending. Users who already hold the role are left alone. -PassThru outputs one result per changed user.",
  output: 'VcsUserRoleResult',
  views: { VcsUserRoleResult: vcsUserRoleResultView },
  requiresConnection: true,
  supportsShouldProcess: true,
  confirmImpact: 'Medium',
  parameterSets: { ByUser: { default: true }, ByEmail: {} },
  parameters: {
    ...roleTargetParameters('set'),
    organizationRole: {
      type: 'string',
      mandatory: true,
      completer: organizationRoleNames,
      description: 'The new base role: Owner, Admin or Member (or the CSP role name).',
    },
    passThru: { type: 'switch', description: 'Outputs one result per user (Changed or Failed).' },
    server: serverParameter,
  },
  examples: [
    {
      title: 'Make a member an administrator',
      code: "Set-VcsUser -Email 'maya.patel@demo.example' -OrganizationRole Admin -PassThru | Select-Object -ExpandProperty Result",
      expect: 'Changed',
    },
  ],
  async *stream(records, ctx) {
    const all: (RoleArguments & { organizationRole?: string })[] = []
    for await (const args of records) all.push(args)
    if (all.length === 0) return
    const wanted = String(all[0].organizationRole ?? '').trim()
    const role = ALIASES[wanted.toLowerCase()] ?? BASE_ROLES.find((name) => name === wanted.toLowerCase())
    if (!role) {
      throw new UsageError(
        'ValidationFailed',
        `Unknown base role '${wanted}'. Known values: Owner, Admin, Member (${BASE_ROLES.join(', ')}).`,
        { target: wanted },
      )
    }
    const call = await cspCall(ctx, all[0].server)
    const targets = await collectTargets(call, all, ctx)
    const changes = targets
      .filter((target) => !target.orgRoles.includes(role))
      .map((target) => ({
        ...noChange(target),
        add: [role],
        remove: BASE_ROLES.filter((name) => name !== role),
      }))
    for (const target of targets) {
      if (target.orgRoles.includes(role)) ctx.writeVerbose(`${target.email} already holds ${role}.`)
    }
    const results = await applyRoleChanges(call, changes, ctx)
    if (all[0].passThru) yield* results
  },
})
