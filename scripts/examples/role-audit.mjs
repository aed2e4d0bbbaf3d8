#!/usr/bin/env zx
// A role audit: who holds which organization and service roles, as a CSV for spreadsheets and a
// Markdown report for a ticket or a wiki page.
//
//   VCS_SERVER=... VCS_API_TOKEN=... zx scripts/examples/role-audit.mjs [--out role-audit]
//   (writes role-audit.csv and role-audit.md)
import { argv, echo, fs } from 'zx'
import { connectFromEnvironment, exportCsv, getVcsUser, input } from 'vcs-shell'

const out = argv.out ?? 'role-audit'

await connectFromEnvironment()
const users = (await getVcsUser()).sort((a, b) => a.Email.localeCompare(b.Email))
const rows = users.map((user) => ({
  Email: user.Email,
  Name: user.Name,
  OrganizationRoles: user.OrganizationRoles.join(';'),
  ServiceRoles: user.ServiceRoles.join(';'),
}))
await input(rows).pipe(exportCsv({ path: `${out}.csv` }))

const holders = new Map()
for (const user of users)
  for (const role of user.OrganizationRoles) holders.set(role, [...(holders.get(role) ?? []), user.Email])
const cell = (text) => String(text).replace(/\|/g, '\\|')
const markdown = [
  '# Role audit',
  '',
  `${users.length} user(s), generated ${new Date().toISOString()}.`,
  '',
  '## Organization roles',
  '',
  '| Role | Users |',
  '|---|---|',
  ...[...holders]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([role, emails]) => `| ${role} | ${emails.length} |`),
  '',
  '## Users',
  '',
  '| Email | Name | Organization roles | Service roles |',
  '|---|---|---|---|',
  ...rows.map(
    (row) =>
      `| ${cell(row.Email)} | ${cell(row.Name)} | ${cell(row.OrganizationRoles)} | ${cell(row.ServiceRoles)} |`,
  ),
  '',
]
await fs.writeFile(`${out}.md`, markdown.join('\n'))
echo(`Wrote ${out}.csv and ${out}.md (${users.length} users, ${holders.size} organization roles).`)
