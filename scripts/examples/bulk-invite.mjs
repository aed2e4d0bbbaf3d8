#!/usr/bin/env zx
// Bulk invite from a CSV, with a result file: a copyable zx script. Rows stream to CSP in batches;
// the result file records every e-mail once (Invited, AlreadyMember, Invalid, ...), so a re-run with
// the same file skips what was already done and writes nothing for it. Only Failed e-mails are tried
// again; their new row follows the Failed one.
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

// The result file holds one row per e-mail, including those of earlier runs with the same file; an
// e-mail that failed and was retried by a later run has a second row, and its last row is its fate.
const key = (email) =>
  String(email ?? '')
    .trim()
    .toLowerCase()
const results = await importCsv({ path: resultPath })
const fate = new Map()
for (const result of results) fate.set(key(result.Email), result.Result)
// This CSV's e-mails only (the file may hold other runs' too). Invalid ones count as failures on every
// run, as they were reported again on stderr: the CSV still has them.
const emails = new Set((await importCsv({ path: csvPath })).map((row) => key(row.Email)))
const byOutcome = new Map()
for (const email of emails) {
  const outcome = fate.get(email) ?? 'NotRecorded'
  byOutcome.set(outcome, (byOutcome.get(outcome) ?? 0) + 1)
}
echo(
  `${invitations.length} invitation(s) sent for ${csvPath}; ${results.length} row(s) in ${resultPath}; ` +
    `${emails.size} e-mail(s) in ${csvPath}:`,
)
for (const [outcome, count] of [...byOutcome].sort()) echo(`  ${outcome}: ${count}`)
if (['Failed', 'Invalid', 'NotRecorded'].some((outcome) => byOutcome.has(outcome))) process.exitCode = 5
