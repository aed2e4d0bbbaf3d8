// Whether a typed line may be written to the history file, decided from its parse tree rather than
// from keywords: a line is kept out when a literal in it binds, or could bind, to a secret parameter
// (a unique prefix such as -Api, an alias, a hashtable built for splatting), is assigned to an
// environment variable or to a variable whose name looks like a secret, or looks like a token. After
// a line runs, entries that now contain a secret the redactor learned are removed (forgetSecrets in
// use-history.ts). What stays undetectable is listed in the README (Credentials and the keychain).
import type { AnyCmdlet, CommandRegistry } from '../engine/index.js'
import { containsSecret, registerSecret, SECRET_ENVIRONMENT_VARIABLES } from '../engine/index.js'
import { resolveParameterName } from '../engine/binder.js'
import { parse, tokenize } from '../language/index.js'
import type { CommandElement, Node } from '../language/index.js'

/** Parameter names that take secrets whichever command they belong to (also the fallback without a registry). */
const SECRET_PARAMETER_NAMES = ['apiToken', 'appSecret', 'password', 'secret', 'token', 'passcode']
/** Text carrying a form field or query parameter that holds a secret (`api_token=...`). */
const SECRET_FIELD = /\b(?:api_token|refresh_token|access_token|client_secret|passcode)=[^\s&]/i
/** Variable and key names that look like they hold a secret. */
const SECRET_NAME =
  /token|secret|passw|pwd|passcode|api.?key|credential|private.?key|bearer|^auth$|auth.?(?:header|code)/i
/** Environment variables that never hold a secret, so assigning them a literal is fine to remember. */
const HARMLESS_ENVIRONMENT = new Set(
  [
    'VCS_SERVER',
    'VCS_CREDENTIAL_STORE',
    'VCS_CREDENTIAL_FILE',
    'VCS_HISTORY_FILE',
    'VCS_API_TOKEN_FILE',
    'VCS_APP_SECRET_FILE',
    'VCS_APP_ID',
    'VCS_ORG_ID',
    'VCS_CA_FILE',
    'VCS_HTTP_TIMEOUT',
    'VCS_DEBUG',
    'NO_COLOR',
    'NO_PROXY',
  ].map((name) => name.toLowerCase()),
)

let registry: CommandRegistry | undefined

/** Tells the check which commands exist, so parameters resolve as the binder resolves them. */
export function setHistoryRegistry(commands: CommandRegistry | undefined): void {
  registry = commands
}

/** True when the line must never be remembered. */
export function isSecretLine(line: string): boolean {
  return containsSecret(line) || typedSecrets(line).secret
}

/**
 * Registers with the redactor the literals a typed line puts where secrets go, before the line is
 * echoed or run: a syntax error's echo of the line, or an error naming the value, is then masked.
 * Returns them (the CLI warns when `-c` carried one, since argv is visible in `ps`).
 */
export function registerTypedSecrets(line: string): string[] {
  const { literals } = typedSecrets(line)
  for (const literal of literals) registerSecret(literal)
  return literals
}

function typedSecrets(line: string): Finding {
  let tree: Node
  try {
    tree = parse(line)
  } catch {
    // Not a complete statement (or a syntax error): judge its tokens, never save it blindly.
    return tokenSecrets(line)
  }
  return findSecrets(tree)
}

/** Every secret parameter name and alias of every known command, lower-case. */
function secretNames(): string[] {
  const names = new Set(SECRET_PARAMETER_NAMES.map((name) => name.toLowerCase()))
  for (const cmdlet of registry?.all() ?? []) {
    for (const [name, def] of Object.entries(cmdlet.allParameters)) {
      if (def.type !== 'secret') continue
      names.add(name.toLowerCase())
      for (const alias of def.aliases ?? []) names.add(alias.toLowerCase().replace(/-/g, ''))
    }
  }
  return [...names]
}

/** A typed parameter or hash key (`-Api`, `api`) that is, or abbreviates, a secret parameter name. */
function mayNameSecret(typed: string): boolean {
  const wanted = typed.replace(/^-+/, '').replace(/-/g, '').toLowerCase()
  return wanted.length > 0 && secretNames().some((name) => name.startsWith(wanted))
}

/** Whether `-typed` of `command` binds (or, being ambiguous, could bind) to a secret parameter. */
function bindsSecret(command: AnyCmdlet | undefined, typed: string): boolean {
  if (!command) return mayNameSecret(typed)
  try {
    const name = resolveParameterName(command, typed)
    const def = command.allParameters[name]
    return def?.type === 'secret' || SECRET_PARAMETER_NAMES.includes(name)
  } catch (error) {
    // Ambiguous: it could be the secret one. Unknown: the command fails, but the text is still typed.
    return (error as { code?: string }).code === 'ParameterAmbiguous' ? mayNameSecret(typed) : false
  }
}

/** The literal text in a subtree (constants, and the text of double-quoted strings). */
function literalsIn(node: unknown): string[] {
  const found: string[] = []
  walk(node, (inner) => {
    if (inner.kind === 'Constant') found.push(String((inner as { value: unknown }).value))
    if (inner.kind === 'ExpandableString') {
      for (const part of (inner as { parts: unknown[] }).parts)
        if (typeof part === 'string' && part.trim() !== '') found.push(part)
    }
  })
  return found
}

/** A long unbroken run of token characters with letters and digits, not a path. */
function tokenShaped(text: string): boolean {
  return (
    /^[A-Za-z0-9_\-.~+/=]{32,}$/.test(text) &&
    /[A-Za-z]/.test(text) &&
    /\d/.test(text) &&
    !/^(?:\.{0,2}\/|~\/)/.test(text)
  )
}

/**
 * What a line holds: `secret` when a literal sits where secrets go; `literals` only those sure to be
 * secrets (bound to a secret parameter, token-shaped), which the redactor may mask everywhere, unlike
 * the value of a variable whose name merely looks like a secret's.
 */
interface Finding {
  secret: boolean
  literals: string[]
}

function findSecrets(tree: Node): Finding {
  const sure: string[] = []
  const maybe: string[] = []
  walk(tree, (node) => {
    switch (node.kind) {
      case 'Command':
        sure.push(...commandSecrets(node as CommandElement))
        break
      case 'Hashtable':
        // A hashtable literal may be splatted later (@params): judge its keys as parameter names.
        for (const { key, value } of (node as Extract<Node, { kind: 'Hashtable' }>).entries) {
          const name = key.kind === 'Constant' ? String(key.value) : ''
          if (name.length >= 2 && mayNameSecret(name)) sure.push(...literalsIn(value))
          else if (SECRET_NAME.test(name)) maybe.push(...literalsIn(value))
        }
        break
      case 'Assignment': {
        const { target, value } = node as Extract<Node, { kind: 'Assignment' }>
        if (!assignsSecret(target)) break
        const secretVariable =
          target.kind === 'Variable' &&
          target.drive === 'env' &&
          (SECRET_ENVIRONMENT_VARIABLES as readonly string[]).includes(target.name.toUpperCase())
        ;(secretVariable ? sure : maybe).push(...literalsIn(value))
        break
      }
      case 'InvokeMember': {
        // [Environment]::SetEnvironmentVariable('X', '...'): the value is the second argument.
        const call = node as Extract<Node, { kind: 'InvokeMember' }>
        if (/^SetEnvironmentVariable$/i.test(call.member)) maybe.push(...literalsIn(call.arguments.slice(1)))
        break
      }
      case 'Constant': {
        const value = (node as { value: unknown }).value
        if (typeof value === 'string' && tokenShaped(value)) sure.push(value)
        else if (typeof value === 'string' && SECRET_FIELD.test(value)) maybe.push(value)
        break
      }
    }
  })
  return { secret: sure.length + maybe.length > 0, literals: sure }
}

function assignsSecret(target: Node): boolean {
  if (target.kind === 'Variable') {
    if (target.drive === 'env') return !HARMLESS_ENVIRONMENT.has(target.name.toLowerCase())
    return SECRET_NAME.test(target.name)
  }
  if (target.kind === 'Member') {
    const member = (target as { member?: unknown }).member
    return typeof member === 'string' ? SECRET_NAME.test(member) : true
  }
  if (target.kind === 'Index') {
    // $params['ApiToken'] = '...' fills a hashtable for splatting just as @{ ApiToken = '...' } does.
    const key = target.index.kind === 'Constant' ? String(target.index.value) : ''
    return mayNameSecret(key) || SECRET_NAME.test(key) || assignsSecret(target.target)
  }
  if (target.kind === 'Cast') return assignsSecret(target.operand)
  return false
}

/** The literals a command binds (or could bind) to secret parameters. */
function commandSecrets(command: CommandElement): string[] {
  const cmdlet = typeof command.name === 'string' ? registry?.find(command.name) : undefined
  const args = command.arguments
  const found: string[] = []
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]
    if (arg.kind !== 'Parameter' || !bindsSecret(cmdlet, arg.name)) continue
    const next = args[index + 1]
    if (arg.value) found.push(...literalsIn(arg.value))
    else if (next?.kind === 'Value') found.push(...literalsIn(next.value))
  }
  return found
}

/** Visits every syntax node under `node` (any object with a `kind`), depth first. */
function walk(node: unknown, visit: (node: Node) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, visit)
    return
  }
  if (node === null || typeof node !== 'object') return
  if (typeof (node as { kind?: unknown }).kind === 'string') visit(node as Node)
  for (const [key, value] of Object.entries(node)) {
    if (key === 'text' || key === 'nameSpan') continue
    if (typeof value === 'object') walk(value, visit)
  }
}

/**
 * For lines that do not parse: the word after a parameter that may name a secret, after `=` of an
 * `$env:` or secret-named variable, and token-shaped words. A secret parameter with nothing after it
 * still marks the line, so it is not saved.
 */
function tokenSecrets(line: string): Finding {
  const tokens = tokenize(line).filter((token) => token.kind !== 'whitespace' && token.kind !== 'newline')
  const sure: string[] = []
  let secret = false
  const valueAt = (index: number, into: string[] | undefined) => {
    const token = tokens[index]
    if (token && ['string', 'word', 'number', 'error'].includes(token.kind)) into?.push(unquote(token.text))
  }
  tokens.forEach((token, index) => {
    const text = unquote(token.text)
    if (token.kind === 'parameter' && mayNameSecret(token.text.replace(/:$/, ''))) {
      secret = true
      // Without a parse tree the command is unknown: only a longer prefix is sure to name a secret.
      valueAt(index + 1, token.text.replace(/^-+|:$/g, '').length >= 3 ? sure : undefined)
    } else if (token.kind === 'variable' && tokens[index + 1]?.text === '=') {
      const name = token.text.replace(/^\$/, '')
      const env = /^env:/i.test(name)
      if (env ? !HARMLESS_ENVIRONMENT.has(name.slice(4).toLowerCase()) : SECRET_NAME.test(name)) secret = true
    } else if (tokenShaped(text)) {
      sure.push(text)
    } else if (SECRET_FIELD.test(text)) {
      secret = true
    }
  })
  return { secret: secret || sure.length > 0, literals: sure }
}

/** A string token's text without its quotes (an unclosed string has only the opening one). */
function unquote(text: string): string {
  return text.replace(/^(['"])([\s\S]*?)\1?$/, '$2')
}
