#!/usr/bin/env zx
// Bulk invite from a CSV, with a result file: a copyable zx script. Rows stream to CSP in batches;
// the result file records every row (Invited, AlreadyMember, Invalid, ...), so a re-run with the same
// file skips what was already done.
//
//   VCS_SERVER=... VCS_API_TOKEN=... zx scripts/examples/bulk-invite.mjs people.csv \
//     [--role org_member] [--results invite-results.csv]
//
// The CSV needs an Email column; other columns (FirstName, ...) are ignored.
import { argv, echo } from 'zx'
import { connectFromEnvironment, importCsv, newVcsUserInvitation } from 'vcs-shell'

const [csvPath] = argv._
if (!csvPath) {
  echo('Usage: zx bulk-invite.mjs people.csv [--role org_member] [--results invite-results.csv]')
  process.exit(2)
}
const role = argv.role ?? 'org_member'
const resultPath = argv.results ?? 'invite-results.csv'

await connectFromEnvironment()
// Rows that fail are reported (and recorded in the result file); they do not stop the others.
const invitations = await importCsv({ path: csvPath }).pipe(
  newVcsUserInvitation({ organizationRole: role, resultPath, errorAction: 'Continue' }),
)

// The result file holds one row per e-mail, including those of earlier runs with the same file.
const results = await importCsv({ path: resultPath })
const byOutcome = new Map()
for (const result of results) byOutcome.set(result.Result, (byOutcome.get(result.Result) ?? 0) + 1)
echo(`${invitations.length} invitation(s) sent for ${csvPath}; ${results.length} row(s) in ${resultPath}:`)
for (const [outcome, count] of [...byOutcome].sort()) echo(`  ${outcome}: ${count}`)
if (byOutcome.has('Failed') || byOutcome.has('Invalid')) process.exitCode = 5
