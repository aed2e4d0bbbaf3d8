// The one redactor: every log line, error message, verbose message and output record passes through
// it. It masks values, never structure: the secret values seen in this process (registered when
// bound, loaded or typed), prefixes of them, and token shapes (JWTs, auth headers). It no longer
// guesses from words around a value (`-Token <word>`, `password=`): that masked user names and
// e-mails, broke JSON and cut CSV rows. Typed secrets are found from the parse tree instead
// (src/shell/history-secrets.ts) and registered before the line is echoed or run.

const MASK = '***'
const known = new Set<string>()

/** Remembers a secret value so it is masked wherever it appears later. Short values are ignored. */
export function registerSecret(value: string | undefined | null): void {
  if (typeof value !== 'string') return
  const trimmed = value.trim()
  if (trimmed.length >= 6) known.add(trimmed)
}

/** The environment variables that carry secrets for scheduled jobs (src/auth/environment.ts reads them). */
export const SECRET_ENVIRONMENT_VARIABLES = ['VCS_API_TOKEN', 'VCS_APP_SECRET'] as const

/**
 * Registers the secrets the process was given in its environment, so `$env:VCS_API_TOKEN` (or a value
 * derived from it) printed by a script is masked even before anything connects with it.
 */
export function registerEnvironmentSecrets(env: NodeJS.ProcessEnv = process.env): void {
  for (const name of SECRET_ENVIRONMENT_VARIABLES) registerSecret(env[name])
}

/** Forgets every registered secret (tests). */
export function clearSecrets(): void {
  known.clear()
}

/** A prefix of a long secret this long (or longer) is masked too: servers echo part of a bad token. */
const PREFIX_MIN = 8
/** Only secrets at least this long are matched by prefix: a short one's prefix is an ordinary word. */
const PREFIX_SECRET_MIN = 16

/**
 * Token shapes, masked even when nobody registered them: JSON Web Tokens (CSP's access and id
 * tokens), whole or cut short by a narrow table column (`eyJ` is base64 for `{"`), token-endpoint
 * form fields, and the values of `Authorization` / `csp-auth-token` headers. Values only: the match never takes a quote, a
 * backslash, a comma or a brace, so JSON stays valid and CSV rectangular.
 */
const PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/\beyJ[A-Za-z0-9_-]{8,}(?:\.[A-Za-z0-9_-]*){0,2}/g, MASK],
  // Form fields and query parameters of the token endpoints (`api_token=...&`), never `password=`:
  // that one is a common word in e-mail addresses and user data.
  [/\b(api_token|refresh_token|access_token|id_token|client_secret)=[A-Za-z0-9+/=._~%-]+/g, `$1=${MASK}`],
  [/\b(authorization\s*:\s*(?:bearer|basic)\s+)[A-Za-z0-9+/=._~-]+/gi, `$1${MASK}`],
  [/\b(csp-auth-token\s*:\s*)[A-Za-z0-9+/=._~-]+/gi, `$1${MASK}`],
]

/** How a secret can appear in text: as is, JSON-escaped, CSV-quoted. */
function spellings(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1)
  const csv = secret.replace(/"/g, '""')
  return [...new Set([secret, json, csv])]
}

/**
 * Masks every occurrence of a known secret, and of its first {@link PREFIX_MIN}+ characters when it
 * is long (an echoed prefix, a truncated cell). A prefix never ends inside a JSON escape.
 */
function maskKnown(text: string, secret: string): string {
  let result = text
  for (const spelling of spellings(secret)) {
    if (result.includes(spelling)) result = result.split(spelling).join(MASK)
  }
  if (secret.length < PREFIX_SECRET_MIN) return result
  const head = secret.slice(0, PREFIX_MIN)
  let from = 0
  for (let at = result.indexOf(head, from); at >= 0; at = result.indexOf(head, from)) {
    let length = PREFIX_MIN
    while (at + length < result.length && length < secret.length && result[at + length] === secret[length])
      length++
    // An odd run of backslashes at the cut would leave half an escape behind: keep it out of the mask.
    const trailing = /\\+$/.exec(result.slice(at, at + length))?.[0].length ?? 0
    if (trailing % 2 === 1) length--
    result = `${result.slice(0, at)}${MASK}${result.slice(at + length)}`
    from = at + MASK.length
  }
  return result
}

/** Returns the text with every known secret (and its echoed prefixes) and every token shape masked. */
export function redact(text: string): string {
  let result = text
  for (const secret of known) result = maskKnown(result, secret)
  for (const [pattern, replacement] of PATTERNS) result = result.replace(pattern, replacement)
  return result
}

/** True when the text carries something the redactor would mask (history uses it to skip a line). */
export function containsSecret(text: string): boolean {
  return redact(text) !== text
}

/** Deep-redacts a value for logging: strings masked, secret-named keys blanked. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redact(value)
  if (depth > 6 || value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1))
  const out: Record<string, unknown> = {}
  for (const [key, inner] of Object.entries(value)) {
    out[key] = /secret|token|password|authorization/i.test(key) ? MASK : redactValue(inner, depth + 1)
  }
  return out
}
