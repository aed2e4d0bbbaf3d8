// The control API under /emulator/api/ (not part of CSP, no auth, never rate-limited or faulted):
// counters, reset and re-seed, runtime config, the mailbox, and CSP accounts outside the org.
import { randomUUID } from 'node:crypto'
import { applyConfigPatch } from '../config.js'
import type { EmulatorContext } from '../context.js'
import { BadRequestError, ConflictError } from '../errors.js'
import { ok, type Reply, type RequestContext } from '../http/request.js'
import { put } from '../state/model.js'
import { ACCOUNT_DOMAIN, type SeedSpec } from '../seed/seed.js'
import type { MailboxMessage } from '../types.js'
import { toCspUser } from '../views.js'
import { invitationLinkPath, invitationLinkRoutes } from './invitation-link.js'
import type { Route } from './route.js'

const CONTROL = '/emulator/api'

/** Largest `users` a seed request may ask for. */
export const MAX_SEED_USERS = 1_000_000

/** Counts of the main org, returned by reset and seed. */
function summary(emulator: EmulatorContext): Reply {
  const credentials = emulator.state.getMeta<{ orgId: string }>('credentials')
  const org = credentials ? emulator.state.org(credentials.orgId) : undefined
  return ok({
    orgId: org?.id ?? null,
    users: org?.members.size ?? 0,
    invitations: org?.invitations.size ?? 0,
    groups: org?.groups.size ?? 0,
  })
}

function count(value: unknown, name: string, max: number): number {
  if (value === undefined || value === null) return 0
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    throw new BadRequestError(`${name} must be an integer from 0 to ${max}`)
  }
  return value
}

/** Largest `groups` a seed request may ask for. */
export const MAX_SEED_GROUPS = 10_000

/** `POST /emulator/api/seed` with `{seed?, users?, invitations?, groups?}`. */
async function seed(request: RequestContext, emulator: EmulatorContext): Promise<Reply> {
  const body = request.body.length === 0 ? {} : request.jsonObject()
  const name = body.seed ?? 'demo'
  if (name !== 'demo' && name !== 'empty') throw new BadRequestError('seed must be demo or empty')
  const spec: SeedSpec = {
    seed: name,
    users: count(body.users, 'users', MAX_SEED_USERS),
    invitations: count(body.invitations, 'invitations', MAX_SEED_USERS),
    groups: count(body.groups, 'groups', MAX_SEED_GROUPS),
  }
  await emulator.reseed(spec)
  return summary(emulator)
}

/** `GET /emulator/api/mailbox[?to=]`: the e-mails "sent", oldest first. */
function mailbox(request: RequestContext, emulator: EmulatorContext): Reply {
  const to = request.query.get('to')?.toLowerCase()
  const base = emulator.baseUrl()
  const messages: MailboxMessage[] = emulator.state.mail
    .filter((mail) => !to || mail.to === to)
    .map((mail) => ({
      to: mail.to,
      subject: mail.subject,
      orgId: mail.orgId,
      invitationId: mail.invitationId,
      link: mail.invitationId === null ? null : `${base}${invitationLinkPath(mail.invitationId)}`,
      sentAt: mail.sentAt,
    }))
  return ok(messages)
}

/** `POST /emulator/api/accounts` with `{email, firstName, lastName}`: a CSP account outside any org. */
async function registerAccount(request: RequestContext, emulator: EmulatorContext): Promise<Reply> {
  const body = request.jsonObject()
  const text = (name: string) => {
    const value = body[name]
    if (typeof value !== 'string' || value.trim() === '') throw new BadRequestError(`${name} is required`)
    return value.trim()
  }
  const email = text('email').toLowerCase()
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new BadRequestError(`Not an e-mail address: ${email}`)
  if (emulator.state.accountByEmail(email)) throw new ConflictError(`An account for ${email} already exists`)
  const account = {
    userId: `${ACCOUNT_DOMAIN}:${randomUUID()}`,
    username: email,
    email,
    firstName: text('firstName'),
    lastName: text('lastName'),
    domain: ACCOUNT_DOMAIN,
    idpId: ACCOUNT_DOMAIN,
    createdAt: emulator.now(),
  }
  await emulator.state.commit([put('account', account)])
  return { status: 201, body: toCspUser(account) }
}

/** Control routes. */
export const controlRoutes: Route[] = [
  { method: 'GET', path: `${CONTROL}/stats`, handle: (_request, emulator) => ok(emulator.stats.snapshot()) },
  {
    method: 'POST',
    path: `${CONTROL}/stats/reset`,
    handle: (_request, emulator) => {
      emulator.stats.reset()
      return ok(emulator.stats.snapshot())
    },
  },
  {
    method: 'POST',
    path: `${CONTROL}/reset`,
    handle: async (_request, emulator) => {
      await emulator.reset()
      return summary(emulator)
    },
  },
  { method: 'POST', path: `${CONTROL}/seed`, handle: seed },
  { method: 'GET', path: `${CONTROL}/config`, handle: (_request, emulator) => ok(emulator.config) },
  {
    method: 'PUT',
    path: `${CONTROL}/config`,
    handle: (request, emulator) => {
      emulator.configure(applyConfigPatch(emulator.config, request.jsonObject()))
      return ok(emulator.config)
    },
  },
  { method: 'GET', path: `${CONTROL}/mailbox`, handle: mailbox },
  { method: 'POST', path: `${CONTROL}/accounts`, handle: registerAccount },
  ...invitationLinkRoutes,
]
