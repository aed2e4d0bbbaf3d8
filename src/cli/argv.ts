// Parses the command line by hand: the top-level switches (so `vcs --version` loads nothing else)
// and a cmdlet's `--kebab-case` flags, which become the engine's CommandArgument[] so the binder
// validates them with the same messages the shell gives.
import { kebabName, resolveParameterName, type CommandArgument } from '../engine/binder.js'
import { UsageError } from '../engine/errors.js'
import type { AnyCmdlet, ParameterDef } from '../engine/types.js'
import { OUTPUT_FORMATS, type OutputFormat } from './output.js'

/** Options every mode accepts, wherever they appear among a cmdlet's flags. */
export interface GlobalOptions {
  output?: OutputFormat
  noColor: boolean
  help: boolean
  /** `--input -`: a one-shot command reads its pipeline input from stdin even when flags name it. */
  input?: '-'
}

/** What the command line asks for. */
export type Invocation =
  | { mode: 'version' }
  | { mode: 'help'; options: GlobalOptions }
  | { mode: 'command'; text: string; options: GlobalOptions }
  | { mode: 'file'; file: string; args: string[]; options: GlobalOptions }
  | { mode: 'demo'; options: GlobalOptions; run?: DemoRun }
  | { mode: 'emulator'; args: string[] }
  | { mode: 'completion'; shell: string | undefined }
  | { mode: 'cmdlet'; name: string; args: string[]; options: GlobalOptions }
  | { mode: 'default'; options: GlobalOptions }

/** What `vcs --demo ...` may run against the demo emulator instead of opening the shell. */
export type DemoRun = Extract<Invocation, { mode: 'command' | 'file' | 'cmdlet' }>

/** Splits argv (without node and the script) into a mode and its arguments. */
export function parseInvocation(argv: readonly string[]): Invocation {
  return refuseInput(parseModes(argv))
}

function parseModes(argv: readonly string[]): Invocation {
  const { rest, options } = extractGlobalOptions(argv)
  const first = rest[0]
  if (first === undefined) return options.help ? { mode: 'help', options } : { mode: 'default', options }
  const lower = first.toLowerCase()
  if (lower === '--version' || lower === '-v' || lower === '-version') return { mode: 'version' }
  if (lower === '-c' || lower === '-command' || lower === '--command') {
    if (rest[1] === undefined) throw usage(`${first} needs a pipeline, e.g. vcs -c "Get-Command"`)
    return { mode: 'command', text: rest.slice(1).join(' '), options }
  }
  if (lower === '-file' || lower === '--file' || lower === '-f') {
    if (rest[1] === undefined) throw usage(`${first} needs a script path, e.g. vcs -File job.ps1`)
    return { mode: 'file', file: rest[1], args: rest.slice(2), options }
  }
  if (lower === '--demo' || lower === '-demo') {
    if (rest.length === 1) return { mode: 'demo', options }
    // `vcs --demo Get-VcsUser`, `vcs --demo -c "..."`, `vcs --demo -File job.ps1`: against the demo.
    const run = parseInvocation(rest.slice(1))
    if (run.mode !== 'command' && run.mode !== 'file' && run.mode !== 'cmdlet')
      throw usage(
        `--demo runs the shell, a command (vcs --demo Get-VcsUser) or a script (-c, -File), not '${rest[1]}'.`,
      )
    return {
      mode: 'demo',
      options,
      run: { ...run, options: { ...options, help: options.help || run.options.help } },
    }
  }
  if (lower === 'emulator') return { mode: 'emulator', args: argv.slice(argv.indexOf(first) + 1) }
  if (lower === 'completion') return { mode: 'completion', shell: rest[1] }
  if (lower === 'help') return rest[1] ? cmdletHelp(rest[1], options) : { mode: 'help', options }
  if (first.startsWith('-')) throw usage(`Unknown option ${first}.`)
  return { mode: 'cmdlet', name: first, args: rest.slice(1), options }
}

/** `--input -` belongs to one-shot commands: a script reads no records from stdin. */
function refuseInput(invocation: Invocation): Invocation {
  const mode = invocation.mode === 'demo' ? invocation.run?.mode : invocation.mode
  if ('options' in invocation && invocation.options.input !== undefined && mode !== 'cmdlet')
    throw usage(
      '--input - is for one-shot commands (vcs Get-VcsUser --input -), not for scripts or the shell.',
    )
  return invocation
}

function cmdletHelp(name: string, options: GlobalOptions): Invocation {
  return { mode: 'cmdlet', name, args: [], options: { ...options, help: true } }
}

const OUTPUT_FLAGS = new Set(['--output', '-o', '-output'])

/** Removes --output/-o, --no-color and --help/-h from anywhere (before a `--` end of options). */
export function extractGlobalOptions(argv: readonly string[]): { rest: string[]; options: GlobalOptions } {
  const options: GlobalOptions = { noColor: false, help: false }
  const rest: string[] = []
  let ended = false
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    // After -c or -File (first, or right after --demo) everything belongs to the script.
    const first = rest.length === 0 || (rest.length === 1 && /^--?demo$/i.test(rest[0]))
    if (ended || (first && /^-(c|command|-command|file|-file|f)$/i.test(arg))) {
      ended = true
      rest.push(arg)
      continue
    }
    if (arg === '--') {
      ended = true
      rest.push(arg)
      continue
    }
    const [flag, inline] = splitInline(arg)
    if (OUTPUT_FLAGS.has(flag.toLowerCase())) {
      const value = inline ?? argv[++i]
      if (value === undefined) throw usage(`${flag} needs one of ${OUTPUT_FORMATS.join(', ')}.`)
      const format = OUTPUT_FORMATS.find((f) => f === value.toLowerCase())
      if (!format) throw usage(`--output '${value}' is not one of ${OUTPUT_FORMATS.join(', ')}.`)
      options.output = format
    } else if (flag.toLowerCase() === '--input') {
      const value = inline ?? argv[++i]
      if (value !== '-')
        throw usage(
          `--input takes '-' (standard input), not '${value ?? ''}'; to read a file, redirect it: --input - < file.`,
        )
      options.input = '-'
    } else if (flag === '--no-color' || flag === '--no-colour') {
      options.noColor = true
    } else if (flag === '--help' || flag === '-h' || flag === '-?') {
      options.help = true
    } else {
      rest.push(arg)
    }
  }
  return { rest, options }
}

function splitInline(arg: string): [string, string | undefined] {
  const eq = arg.indexOf('=')
  if (!arg.startsWith('-') || eq < 0) return [arg, undefined]
  return [arg.slice(0, eq), arg.slice(eq + 1)]
}

function usage(message: string): UsageError {
  return new UsageError('InvalidParameterValue', message, { hint: 'See: vcs --help' })
}

const BOOLEAN_WORDS = /^(\$?true|\$?false|yes|no|1|0)$/i

/**
 * Converts a cmdlet's flags to CommandArguments: `--organization-role member`, `--confirm=false`,
 * `--no-confirm`, repeated or comma-separated values for array parameters, and positional values.
 * Unknown flags raise the binder's ParameterNotFound; secrets on argv are refused.
 */
export function cmdletArguments(cmdlet: AnyCmdlet, args: readonly string[]): CommandArgument[] {
  const named = new Map<string, { def: ParameterDef; values: unknown[]; flag: string }>()
  const positional: CommandArgument[] = []
  let ended = false
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]
    if (ended || !isFlag(arg)) {
      positional.push({ kind: 'value', value: arg, text: arg })
      continue
    }
    if (arg === '--') {
      ended = true
      continue
    }
    const [flag, inline] = splitInline(arg)
    // PowerShell's -Confirm:$false works too.
    const colon = inline === undefined ? flag.indexOf(':') : -1
    const typed = colon > 0 ? flag.slice(0, colon) : flag
    const colonValue = colon > 0 ? flag.slice(colon + 1) : inline
    let name: string
    let negated = false
    try {
      name = resolveParameterName(cmdlet, typed)
    } catch (error) {
      const bare = typed.replace(/^-+/, '')
      if (!/^no-/i.test(bare)) throw error
      name = resolveParameterName(cmdlet, bare.slice(3))
      negated = true
    }
    const def = cmdlet.allParameters[name]
    if (def.type === 'secret') throw secretOnArgv(cmdlet, name)
    let value: unknown
    if (negated) {
      if (def.type !== 'switch' && def.type !== 'bool')
        throw usage(`--no-${kebabName(name)} is not a switch.`)
      value = false
    } else if (colonValue !== undefined) {
      value = colonValue
    } else if (def.type === 'switch') {
      value = args[i + 1] !== undefined && BOOLEAN_WORDS.test(args[i + 1]) ? args[++i] : true
    } else {
      const next = args[i + 1]
      if (next === undefined || (isFlag(next) && !/^-\d/.test(next)))
        throw usage(`${cmdlet.name} --${kebabName(name)} needs a value (${def.type}).`)
      value = next
      i++
    }
    const entry = named.get(name) ?? { def, values: [], flag: typed }
    entry.values.push(...splitValue(def, value))
    named.set(name, entry)
  }
  const result: CommandArgument[] = []
  for (const [name, { def, values }] of named) {
    const value = def.type.endsWith('[]') ? values : values.length === 1 ? values[0] : values
    result.push({ kind: 'parameter', name, value, hasValue: true })
  }
  return [...result, ...positional]
}

function isFlag(arg: string): boolean {
  return arg.startsWith('-') && arg.length > 1 && !/^-\d/.test(arg)
}

/** Arrays take `a,b` as two values; hashtables and objects take JSON. */
function splitValue(def: ParameterDef, value: unknown): unknown[] {
  if (typeof value !== 'string') return [value]
  if (def.type.endsWith('[]'))
    return value
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== '')
  if (def.type === 'hashtable' || def.type === 'object') {
    try {
      return [JSON.parse(value)]
    } catch {
      return [value]
    }
  }
  return [value]
}

function secretOnArgv(cmdlet: AnyCmdlet, name: string): UsageError {
  return new UsageError(
    'InvalidParameterValue',
    `${cmdlet.name} does not take --${kebabName(name)} on the command line: arguments are visible to other users in 'ps'.`,
    {
      hint: 'Set VCS_API_TOKEN (or VCS_API_TOKEN_FILE, or VCS_APP_SECRET for OAuth apps) in the environment, or run Connect-Vcs in the shell to be prompted.',
    },
  )
}
