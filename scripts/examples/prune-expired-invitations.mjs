#!/usr/bin/env zx
// Revokes every expired invitation, so the invitation list shows only what is still pending.
//
//   VCS_SERVER=... VCS_API_TOKEN=... zx scripts/examples/prune-expired-invitations.mjs [--dry-run]
import { argv, echo } from 'zx'
import { connectFromEnvironment, getVcsUserInvitation, input, removeVcsUserInvitation } from 'vcs-shell'

await connectFromEnvironment()
const expired = await getVcsUserInvitation({ status: 'Expired' })
echo(`${expired.length} expired invitation(s)`)
for (const invitation of expired)
  echo(`  ${invitation.Email} (expired ${invitation.ExpiredDate.toISOString()})`)

if (expired.length > 0) {
  // -WhatIf prints what would be revoked and changes nothing.
  await input(expired).pipe(removeVcsUserInvitation(argv['dry-run'] ? { whatIf: true } : { confirm: false }))
  echo(argv['dry-run'] ? 'Dry run: nothing revoked.' : `Revoked ${expired.length} invitation(s).`)
}
