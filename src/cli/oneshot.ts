// `vcs <Verb-Noun> [--flags]`: one cmdlet from the registry as a command, with stdin bound as its
// pipeline input. Everything is bound and validated before the first request, so a usage error
// sends nothing.
import { fstatSync } from 'node:fs'
import { bindArguments, kebabName, setsOf } from '../engine/binder.js'
import { InterruptedError, VcsError } from '../engine/errors.js'
import { readingInput } from '../engine/outcome.js'
import type { Session } from '../engine/context.js'
import type { CommandRegistry } from '../engine/registry.js'
import { bindStages, runInSessionIterable, runStages, type BoundStage } from '../engine/runtime.js'
import { viewOf } from '../engine/format.js'
import { findPropertyName, isRecord, typeNameOf, withTypeName } from '../engine/objects.js'
import type { AnyCmdlet, ParameterDef } from '../engine/types.js'
import { cmdletArguments, type GlobalOptions } from './argv.js'
import { cmdletNeedsConnection, connectFromEnvironmentLazily } from './connect.js'
import { cmdletHelp } from './help.js'
import type { CliHost } from './host.js'
import { emit } from './run.js'
import { createCliSession, stdoutWriter } from './session.js'
import { peekRecords, readRecords } from './stdin.js'

export interface OneShot {
  name: string
  args: readonly string[]
  options: GlobalOptions
}

/**
 * Runs one cmdlet and returns the exit code. Throws UsageError for bad names and flags. `cli` is an
 * existing session (the demo's, already connected); otherwise a fresh CLI session.
 */
export async function runOneShot(
  registry: CommandRegistry,
  invocation: OneShot,
  cli?: { session: Session; host: CliHost },
): Promise<number> {
  const cmdlet = registry.resolve(invocation.name)
  if (invocation.options.help) {
    process.stdout.write(cmdletHelp(cmdlet))
    return 0
  }
  try {
    return await runCmdlet(cmdlet, invocation, cli)
  } catch (error) {
    throw inOneShotWords(error, cmdlet)
  }
}

async function runCmdlet(
  cmdlet: AnyCmdlet,
  invocation: OneShot,
  cli: { session: Session; host: CliHost } | undefined,
): Promise<number> {
  const args = cmdletArguments(cmdlet, invocation.args)
  const { session, host } = cli ?? createCliSession()
  // --warning-action holds for the whole run, the connection made for it included (the file
  // credential store's warning in a cron job's mail).
  const warningAction = args.find((arg) => arg.kind === 'parameter' && arg.name === 'warningAction')
  const preference = ['SilentlyContinue', 'Ignore', 'Continue', 'Stop', 'Inquire'].find(
    (name) =>
      warningAction?.kind === 'parameter' && name.toLowerCase() === String(warningAction.value).toLowerCase(),
  )
  if (preference) session.setVariable('WarningPreference', preference)

  let input: AsyncIterable<unknown> | undefined
  let inputCount = 0
  let emptyPipe = false
  const objectTypes = inputObjectTypes(cmdlet)
  if (readsStdin(cmdlet, args, invocation.options)) {
    const peeked = await peekRecords(readRecords(process.stdin))
    if (!peeked.empty) {
      input = (async function* () {
        // Until the end is reached, a run cut short cannot tell how many lines it never read.
        const ended = readingInput(session, 'standard input')
        for await (const record of untilAborted(peeked.records, session.signal)) {
          inputCount++
          yield splitListCells(retype(record, objectTypes), cmdlet)
        }
        ended()
      })()
    } else emptyPipe = stdinIsPipe()
  }
  let bound: BoundStage[]
  try {
    bound = bindStages([{ cmdlet, args }], input !== undefined)
  } catch (error) {
    // `vcs A | vcs B` where A wrote no records: B has nothing to do (as `@() | B` in PowerShell)
    // when it would have taken what it lacks from those records. Not on /dev/null or a terminal.
    if (!emptyPipe || !bindsWithInput(cmdlet, args)) throw error
    return emit(noRecords(), { session, host, writer: stdoutWriter(invocation.options, 'command') })
  }
  const writer = stdoutWriter(invocation.options, 'command')
  const records = (async function* () {
    // The run starts before connecting: a Ctrl+C during the token exchange aborts this run's signal,
    // which beginRun would otherwise replace with a fresh one.
    session.beginRun()
    if (cmdletNeedsConnection(cmdlet)) await connectFromEnvironmentLazily(session, process.env, true)
    try {
      yield* runInSessionIterable(session, runStages(bound, session, input))
    } catch (error) {
      throw inOneShotWords(error, cmdlet)
    }
  })()
  return emit(records, { session, host, writer, inputCount: () => inputCount })
}

/**
 * Whether stdin is read as pipeline input. Only when asked (`--input -`), or when stdin is not a
 * terminal and the flags leave the command's pipeline-bound parameter open: some parameter set the
 * flags still allow takes records from the pipeline into a parameter no flag gave (its mandatory
 * pipeline parameters, else any). `vcs Get-VcsUser --name 'A*'` never waits for stdin, so zx's
 * open stdin, an idle pipe or the rest of a `while read` loop's input is left alone; `vcs A | vcs
 * Remove-VcsUser` and `cat ids | vcs Get-VcsUser` read it. Bad flags read nothing: binding fails
 * again, with its message, when the run binds for real.
 */
export function readsStdin(
  cmdlet: AnyCmdlet,
  args: ReturnType<typeof cmdletArguments>,
  options: Pick<GlobalOptions, 'input'>,
  // Asked only when the answer matters: process.stdin on a pipe loads the net module.
  stdinIsTerminal: () => boolean = () => process.stdin.isTTY === true,
): boolean {
  if (options.input === '-') return true
  let binding: ReturnType<typeof bindArguments>
  try {
    binding = bindArguments(cmdlet, args, { expectingInput: true })
  } catch {
    return false
  }
  const defs = Object.entries(cmdlet.allParameters as Record<string, ParameterDef>)
  const open = binding.candidateSets.some((set) => {
    const fed = defs.filter(([, def]) => def.pipeline && setsOf(cmdlet, def).includes(set))
    const mandatory = fed.filter(([, def]) => def.mandatory)
    const keys = mandatory.length > 0 ? mandatory : fed
    return keys.length > 0 && !keys.some(([name]) => binding.explicit.has(name))
  })
  return open && !stdinIsTerminal()
}

/**
 * The engine's messages speak the shell's language (-Confirm:$false, -WhatIf, Get-Help X); the user
 * typed a one-shot command, so they say --confirm false, --what-if and `vcs X --help` instead, offer
 * --force only where the cmdlet has it, and never guess a flag from a different first letter (`-y`
 * is not -NotifyUsers, which e-mails people).
 */
export function inOneShotWords(error: unknown, cmdlet: AnyCmdlet): unknown {
  if (!(error instanceof VcsError)) return error
  const hasForce = 'force' in cmdlet.allParameters
  const whatIf = 'whatIf' in cmdlet.allParameters ? ', or --what-if to preview' : ''
  if (error.code === 'ConfirmationRequired') {
    error.hint = `Add --confirm false${hasForce ? ' (or --force)' : ''} to proceed${whatIf}.`
    return error
  }
  if (error.code === 'ParameterNotFound') {
    const typed = /has no parameter (-[^\s.]+)\./.exec(error.message)?.[1]
    const bare = (typed ?? '').replace(/^-+/, '').toLowerCase()
    const flag = bare.length === 1 ? `-${bare}` : `--${bare}`
    if (typed) error.message = error.message.replace(`has no parameter ${typed}.`, `has no flag ${flag}.`)
    if (/^(y|yes|f)$/.test(bare) && 'confirm' in cmdlet.allParameters) {
      error.hint = `To change without asking, add --confirm false${hasForce ? ' (or --force)' : ''}${whatIf}.`
      return error
    }
    const suggested = /^Did you mean (.*)\?$/.exec(error.hint ?? '')?.[1]
    const flags = (suggested ?? '')
      .split(' or ')
      .map((name) => name.replace(/^-+/, ''))
      .filter((name) => name !== '' && name[0].toLowerCase() === bare[0])
      .map((name) => `--${kebabName(name)}`)
    error.hint = flags.length ? `Did you mean ${flags.join(' or ')}?` : `See: vcs ${cmdlet.name} --help`
    return error
  }
  if (error.hint)
    error.hint = error.hint.replace(/See(?: the syntax in)?: Get-Help (\S+)/, 'See: vcs $1 --help')
  return error
}

/** True when binding succeeds once pipeline records are coming (what they bind is checked later). */
function bindsWithInput(cmdlet: AnyCmdlet, args: ReturnType<typeof cmdletArguments>): boolean {
  try {
    bindStages([{ cmdlet, args }], true)
    return true
  } catch {
    return false
  }
}

async function* noRecords(): AsyncGenerator<unknown> {}

/**
 * True when stdin is a pipe, a socket or a file (`a | vcs B`, `vcs B < file`): records could have
 * come and none did. A terminal or /dev/null is no pipeline at all.
 */
function stdinIsPipe(): boolean {
  try {
    const stat = fstatSync(0)
    return stat.isFIFO() || stat.isSocket() || stat.isFile()
  } catch {
    return false
  }
}

/**
 * Stops waiting for more stdin when the run is interrupted (stdin may stay open forever). Each wait
 * listens to the signal only while it lasts: racing every record against one long-lived promise
 * would keep a reaction per record (a million rows held in memory until the end).
 */
async function* untilAborted<T>(records: AsyncGenerator<T>, signal: AbortSignal): AsyncGenerator<T> {
  try {
    while (true) {
      const next = await nextOrAbort(records, signal)
      if (next.done) return
      yield next.value
    }
  } finally {
    void records.return(undefined)
  }
}

function nextOrAbort<T>(records: AsyncGenerator<T>, signal: AbortSignal): Promise<IteratorResult<T>> {
  const interrupted = () => new InterruptedError(undefined, { cause: signal.reason })
  if (signal.aborted) return Promise.reject(interrupted())
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(interrupted())
    signal.addEventListener('abort', onAbort, { once: true })
    records.next().then(
      (next) => {
        signal.removeEventListener('abort', onAbort)
        resolve(next)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(error)
      },
    )
  })
}

/**
 * `--output csv` writes a list as one cell joined with "; " (as Export-Csv users do by hand), so a
 * cell bound by property name to a list parameter (`OrganizationRole` → -OrganizationRole) is split
 * on ";" again: `org_member; developer` is two roles. No role, id or e-mail holds a ";".
 */
export function splitListCells(record: unknown, cmdlet: AnyCmdlet): unknown {
  if (!isRecord(record) || typeNameOf(record) !== 'PSCustomObject') return record
  const lists = Object.entries(cmdlet.allParameters as Record<string, ParameterDef>).filter(
    ([, def]) => (def.pipeline === 'byPropertyName' || def.pipeline === 'both') && def.type.endsWith('[]'),
  )
  let copy: Record<string, unknown> | undefined
  for (const [name, def] of lists) {
    for (const alias of [name, ...(def.aliases ?? [])]) {
      const key = findPropertyName(record, alias)
      const value = key === undefined ? undefined : (record as Record<string, unknown>)[key]
      if (key === undefined || typeof value !== 'string' || !value.includes(';')) continue
      copy ??= { ...(record as Record<string, unknown>) }
      copy[key] = value
        .split(';')
        .map((part) => part.trim())
        .filter((part) => part !== '')
    }
  }
  return copy ?? record
}

/** The object types a cmdlet takes by value (`VcsUser` for Remove-VcsUser's -User). */
function inputObjectTypes(cmdlet: AnyCmdlet): string[] {
  return Object.values(cmdlet.allParameters as Record<string, ParameterDef>)
    .filter((def) => (def.pipeline === 'byValue' || def.pipeline === 'both') && def.objectType)
    .flatMap((def) => (typeof def.objectType === 'string' ? [def.objectType] : [...(def.objectType ?? [])]))
}

/**
 * JSON loses the type a record had when `vcs` wrote it. A plain record with every property of a
 * type's list view is taken as that type again, so `vcs Get-VcsUser | vcs Remove-VcsUser` binds
 * users by value, exactly as the same pipeline does inside the shell.
 */
function retype(record: unknown, types: readonly string[]): unknown {
  if (types.length === 0 || !isRecord(record) || typeNameOf(record) !== 'PSCustomObject') return record
  for (const type of types) {
    const properties = viewOf(type)?.list
    if (properties?.length && properties.every((name) => findPropertyName(record, name) !== undefined))
      return withTypeName(type, record)
  }
  return record
}
