// Binding a -User value the way every user-taking cmdlet does: a user object by its Id, a string or
// a row by its e-mail (an `@` in it) or as an id; anything without a usable e-mail or id is a usage
// error, so `undefined` or an empty id never reaches a request.
import { getProperty, isRecord, UsageError } from '../../../src/engine/index.js'

/** A user bound from a -User value, with the organization roles it holds when the value said. */
export interface BoundUser {
  id: string
  email?: string
  label: string
  roles?: readonly string[]
}

/**
 * Binds one -User value: a user object by its Id; a string or an object without an Id by its e-mail
 * (an `@` in it) or as an id. Anything without a usable e-mail or id (null, '', an object with
 * neither) is a usage error: `undefined` never reaches a request.
 */
export function bindUserValue(value: unknown): { target?: BoundUser; email?: string } {
  if (typeof value === 'string' || typeof value === 'number') return bindText(String(value))
  if (isRecord(value)) {
    const id = textOf(getProperty(value, 'Id') ?? getProperty(value, 'UserId'))
    const email = textOf(getProperty(value, 'Email') ?? getProperty(value, 'Username'))
    if (id) {
      const name = textOf(getProperty(value, 'Name'))
      const roles = getProperty(value, 'OrganizationRoles')
      return {
        target: {
          id,
          email,
          label: email ? `${name ?? email} <${email}>` : id,
          roles: Array.isArray(roles) ? roles.map(String) : undefined,
        },
      }
    }
    if (email) return { email: email.toLowerCase() }
  }
  throw new UsageError(
    'InvalidParameterValue',
    `Cannot bind -User to ${describe(value)}: it has no Id and no Email. Give users from Get-VcsUser, e-mail addresses or user ids.`,
    { target: describe(value) },
  )
}

function bindText(text: string): { target?: BoundUser; email?: string } {
  const trimmed = text.trim()
  if (trimmed === '' || trimmed === 'undefined' || trimmed === 'null')
    throw new UsageError(
      'InvalidParameterValue',
      `Cannot bind -User to '${text}': it is neither an e-mail address nor a user id.`,
      { target: text },
    )
  if (trimmed.includes('@')) return { email: trimmed.toLowerCase() }
  return { target: { id: trimmed, label: trimmed } }
}

function textOf(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined
  const text = String(value).trim()
  return text === '' ? undefined : text
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return '$null'
  if (isRecord(value)) return 'an object'
  return `'${String(value)}'`
}
