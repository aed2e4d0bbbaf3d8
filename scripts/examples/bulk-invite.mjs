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
// Rows that fail are written to the result file and reported; they do not stop the others.
const results = await importCsv({ path: csvPath }).pipe(
  newVcsUserInvitation({ organizationRole: role, resultPath, errorAction: 'Continue' }),
)

const byOutcome = new Map()
for (const result of results) byOutcome.set(result.Result, (byOutcome.get(result.Result) ?? 0) + 1)
echo(`${results.length} row(s) from ${csvPath}; results in ${resultPath}`)
for (const [outcome, count] of [...byOutcome].sort()) echo(`  ${outcome}: ${count}`)
if (byOutcome.has('Failed') || byOutcome.has('Invalid')) process.exitCode = 5
