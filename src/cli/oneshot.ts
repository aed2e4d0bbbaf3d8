// `vcs <Verb-Noun> [--flags]`: one cmdlet from the registry as a command, with stdin bound as its
// pipeline input. Everything is bound and validated before the first request, so a usage error
// sends nothing.
import { fstatSync } from 'node:fs'
import { InterruptedError, VcsError } from '../engine/errors.js'
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
  const args = cmdletArguments(cmdlet, invocation.args)
  const { session, host } = cli ?? createCliSession()

  let input: AsyncIterable<unknown> | undefined
  let inputCount = 0
  let emptyPipe = false
  const takesInput = Object.values(cmdlet.allParameters as Record<string, ParameterDef>).some(
    (d) => d.pipeline,
  )
  const objectTypes = inputObjectTypes(cmdlet)
  if (takesInput && !process.stdin.isTTY) {
    const peeked = await peekRecords(readRecords(process.stdin))
    if (!peeked.empty) {
      input = (async function* () {
        for await (const record of untilAborted(peeked.records, session.signal)) {
          inputCount++
          yield retype(record, objectTypes)
        }
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
    return emit(noRecords(), { session, host, writer: stdoutWriter(invocation.options) })
  }
  const writer = stdoutWriter(invocation.options)
  const records = (async function* () {
    // The run starts before connecting: a Ctrl+C during the token exchange aborts this run's signal,
    // which beginRun would otherwise replace with a fresh one.
    session.beginRun()
    if (cmdletNeedsConnection(cmdlet)) await connectFromEnvironmentLazily(session, process.env, true)
    try {
      yield* runInSessionIterable(session, runStages(bound, session, input))
    } catch (error) {
      throw inOneShotWords(error)
    }
  })()
  return emit(records, { session, host, writer, inputCount: () => inputCount })
}

/**
 * The engine's confirmation hint speaks the shell's language (-Confirm:$false); the user typed a
 * one-shot command, so it says --confirm false, --force and --what-if instead.
 */
function inOneShotWords(error: unknown): unknown {
  if (error instanceof VcsError && error.code === 'ConfirmationRequired')
    error.hint = 'Add --confirm false (or --force) to proceed, or --what-if to preview.'
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

/** Stops waiting for more stdin when the run is interrupted (stdin may stay open forever). */
async function* untilAborted<T>(records: AsyncGenerator<T>, signal: AbortSignal): AsyncGenerator<T> {
  const aborted = new Promise<never>((_, reject) => {
    const fail = () => reject(new InterruptedError(undefined, { cause: signal.reason }))
    if (signal.aborted) fail()
    else signal.addEventListener('abort', fail, { once: true })
  })
  aborted.catch(() => {})
  try {
    while (true) {
      const next = await Promise.race([records.next(), aborted])
      if (next.done) return
      yield next.value
    }
  } finally {
    void records.return(undefined)
  }
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
