// Deliberate differences from PowerShell (src/language/README.md, "Differences from PowerShell, on
// purpose"), announced at run time: the first time a session hits one, a warning on the warning
// stream says so, never silently. A warning honours -WarningAction and $WarningPreference like any
// other (SilentlyContinue hides it, and then it is not counted as said; Stop ends the run), and goes
// to stderr in one-shot runs, so it never mixes with the output.
import type { ActionPreference } from './types.js'
import type { CmdletContext, Session } from './context.js'
import { RuntimeError } from './errors.js'

/** Each deliberate difference that is noticed at run time, and what the warning says about it. */
export const DIFFERENCES = {
  displayDate:
    "dates in tables and lists show as yyyy-MM-dd HH:mm (local time); PowerShell shows the culture's date and time (1/31/2024 12:00:00 AM). Format them yourself (ToString('G')) where that matters.",
  csvDate:
    "a date in Export-Csv/ConvertTo-Csv is written as ISO 8601 (2024-01-31T00:00:00.000Z) so it reads back; PowerShell writes the culture's text (1/31/2024 12:00:00 AM).",
  csvList:
    "a list in an Export-Csv/ConvertTo-Csv cell is written joined by '; ' (a; b); PowerShell writes its type name (System.Object[]).",
  csvValue:
    "a plain value (a string or a number) in Export-Csv/ConvertTo-Csv is written in a column Value; PowerShell writes its properties (a string's Length).",
  newObjectOrder:
    "New-Object -Property keeps the hashtable's written order for the properties; PowerShell's order for a plain @{} is arbitrary (use [ordered]@{} or [pscustomobject]@{} for a fixed one).",
  preferenceScope:
    "a preference variable ($ErrorActionPreference, $WarningPreference, ...) set in a function, script block or called script stays set after it ends; PowerShell restores the caller's value when it ends.",
  integerType:
    'numbers are doubles here, so GetType() of an integral value beyond Int32 cannot tell Int64 from Double; it says Int64.',
  culture:
    'culture-dependent text (ToString() of a date, N/C/P formats, month and day names) uses en-US; PowerShell uses the current culture',
  recordText:
    'a vcs-shell record (VcsUser, ...) turns into its name in a string; PowerShell would give its .NET type name. Use $x.Name (or another property) to say which.',
  linuxAlias:
    "on Linux and macOS PowerShell leaves ls, cat, sort, cp, mv, rm, diff, tee, ps, kill, sleep and man to the native programs; here they are the cmdlets' aliases, as on Windows. Call a program by its path (/usr/bin/sort) to run it.",
  nativeStderr:
    "with 2>&1 a native program's stderr lines become plain strings in the output; PowerShell wraps them in error records whose text is the line.",
} as const

const INVARIANT = 'the invariant culture'

/**
 * The culture PowerShell would use instead of en-US, as .NET on Linux and macOS reads it (LC_ALL,
 * then LC_MESSAGES, then LANG; unset, C and POSIX mean the invariant culture), or undefined when it
 * is en-US and nothing differs.
 */
export function foreignCulture(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const raw = env.LC_ALL || env.LC_MESSAGES || env.LANG || ''
  const name = raw.split('.')[0].split('@')[0].replace('_', '-')
  if (name.toLowerCase() === 'en-us') return undefined
  return name === '' || name === 'C' || name === 'POSIX' ? INVARIANT : name
}

/**
 * Culture-dependent text was made (in en-US): says once when PowerShell's culture here is another.
 * `sameInInvariant` marks text the invariant culture writes alike (N/F numbers, custom date formats
 * with English names), so a machine with `LANG=C` (CI, containers) is not warned about nothing.
 */
export function announceCulture(session: Session, ctx?: CmdletContext, sameInInvariant = false): void {
  const culture = foreignCulture()
  if (culture === undefined || (sameInInvariant && culture === INVARIANT)) return
  announceDifference(session, 'culture', ctx, ` (here: ${culture}).`)
}

/**
 * Whether a date format writes the same text in the invariant culture as in en-US: custom formats
 * do (English month and day names, AM/PM, '/'); of the standard ones only M/m ("January 31") does.
 */
export function dateFormatSameInInvariant(format: string): boolean {
  return format.length > 1 || format === 'M' || format === 'm'
}

/** The name of a deliberate difference ({@link DIFFERENCES}). */
export type Difference = keyof typeof DIFFERENCES

const ANNOUNCED = Symbol('differences announced')

/** The warning text for a difference, with the prefix every such warning shares. */
export function differenceMessage(id: Difference, detail?: string): string {
  return `vcs-shell differs from PowerShell here: ${DIFFERENCES[id]}${detail ?? ''}`
}

/**
 * Says once per session that a run hit a deliberate difference: a warning through the cmdlet's
 * context when a cmdlet hits it (so its -WarningAction applies), else through the session's host
 * under $WarningPreference. Hidden warnings do not count as said.
 */
export function announceDifference(
  session: Session,
  id: Difference,
  ctx?: CmdletContext,
  detail?: string,
): void {
  const announced = session.slot(ANNOUNCED, () => new Set<Difference>())
  if (announced.has(id)) return
  const action =
    (ctx?.arguments.warningAction as ActionPreference | undefined) ?? session.preference('WarningPreference')
  if (action === 'SilentlyContinue' || action === 'Ignore') return
  announced.add(id)
  const message = differenceMessage(id, detail)
  if (ctx) {
    ctx.writeWarning(message)
    return
  }
  session.host.writeWarning(message)
  if (action === 'Stop') throw new RuntimeError('RuntimeError', message, { category: 'OperationStopped' })
}
