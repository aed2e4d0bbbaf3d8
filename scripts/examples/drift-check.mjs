#!/usr/bin/env zx
// A nightly drift check: compares the organization with its desired state (a CSV file kept in git:
// Email, OrganizationRoles, ServiceRoles, optionally Groups) and prints what differs. Exits 0 when
// the organization matches, 6 when it drifted (the exit code `vcs Compare-VcsOrganization --check`
// uses), and 1 (or 3 for a refused login) when it could not tell.
//
//   VCS_SERVER=... VCS_API_TOKEN=... zx scripts/examples/drift-check.mjs team.csv [--remove]
//   (--remove: members the file leaves out count as drift too)
import { argv, echo } from 'zx'
import { compareVcsOrganization, connectFromEnvironment, ExitCode } from 'vcs-shell'

const path = String(argv._[0] ?? 'team.csv')
await connectFromEnvironment()
const plan = await compareVcsOrganization({ path, remove: !!argv.remove })
if (plan.length === 0) {
  echo(`${path}: the organization matches.`)
  process.exit(ExitCode.Success)
}
echo(`${path}: the organization drifted; ${plan.length} action(s) would make it match:`)
for (const action of plan) {
  const lists = [
    action.Add.length ? `+${action.Add.join(', +')}` : '',
    action.Remove.length ? `-${action.Remove.join(', -')}` : '',
  ].filter(Boolean)
  echo(`  ${action.Action} ${action.Email}${lists.length ? ` (${lists.join('; ')})` : ''}`)
}
echo(`Apply them with: vcs Sync-VcsOrganization --path ${path}${argv.remove ? ' --remove' : ''} --what-if`)
process.exit(ExitCode.Drift)
