#!/usr/bin/env zx
// Offboards everyone whose e-mail is in a domain (a contractor leaving, an acquisition unwound):
// shows the plan with -WhatIf first, then removes the users unless --dry-run.
//
//   VCS_SERVER=... VCS_API_TOKEN=... zx scripts/examples/offboard-domain.mjs partner.example [--dry-run]
import { argv, echo } from 'zx'
import { connectFromEnvironment, getVcsUser, input, removeVcsUser } from 'vcs-shell'

const [domain] = argv._
if (!domain || domain.includes('*')) {
  echo('Usage: zx offboard-domain.mjs <domain> [--dry-run]')
  process.exit(2)
}

await connectFromEnvironment()
const users = await getVcsUser({ email: `*@${domain}` })
echo(`${users.length} user(s) in ${domain}`)
if (users.length === 0) process.exit(0)

// The dry run: every removal is described ("What if: ...") and nothing changes.
await input(users).pipe(removeVcsUser({ whatIf: true }))
if (argv['dry-run']) {
  echo('Dry run: nothing removed.')
  process.exit(0)
}

await input(users).pipe(removeVcsUser({ confirm: false }))
const left = await getVcsUser({ email: `*@${domain}` })
echo(`Removed ${users.length - left.length} user(s); ${left.length} left in ${domain}.`)
if (left.length > 0) process.exitCode = 5
