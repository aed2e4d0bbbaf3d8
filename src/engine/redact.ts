// The one redactor: every log line, error message, verbose message and history line passes through it.
// It knows the secret values seen in this process (registered when bound or loaded) and the shapes
// secrets take in text (JWTs, api_token=..., -ApiToken '...'), so a secret is masked even if nobody
// registered it.

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

const PATTERNS: ReadonlyArray<[RegExp, string]> = [
  // JSON Web Tokens (header.payload.signature, base64url).
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, MASK],
  // Form and query fields that carry tokens or secrets.
  [
    /\b(api_token|refresh_token|access_token|id_token|client_secret|password|tokenValue|passcode)(["']?\s*[=:]\s*["']?)[^\s&"',}]+/gi,
    `$1$2${MASK}`,
  ],
  // Headers.
  [/\b(authorization\s*:\s*(?:bearer|basic)\s+)[^\s"',}]+/gi, `$1${MASK}`],
  [/\b(csp-auth-token\s*:\s*)[^\s"',}]+/gi, `$1${MASK}`],
  // Shell parameters that take secrets: -ApiToken 'x', -AppSecret:x, --api-token x, --app-secret=x.
  [
    /(-{1,2}(?:ApiToken|AppSecret|api-token|app-secret|Secret|Password|Token)(?::|=|\s+))(?:'[^']*'|"[^"]*"|[^\s;|)]+)/gi,
    `$1${MASK}`,
  ],
  // Environment assignments.
  [/\b(VCS_API_TOKEN|VCS_APP_SECRET)=\S+/g, `$1=${MASK}`],
]

/** Returns the text with every known secret and secret-shaped substring masked. */
export function redact(text: string): string {
  let result = text
  for (const secret of known) {
    if (result.includes(secret)) result = result.split(secret).join(MASK)
  }
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
