// The `ps` tagged template: shell syntax from zx scripts and Node programs, with interpolated values
// bound as values and never spliced into the source. `${email}` becomes a variable reference set for
// that run only, so an e-mail containing `'; Remove-VcsUser` is just a string.
//
//     await ps`Get-VcsUser -Name ${prefix}* | Remove-VcsUser -WhatIf`
import { currentSession, type Session } from '../engine/context.js'
import { UsageError, type VcsError } from '../engine/errors.js'
import {
  partialFailure,
  watchRun,
  withErrors,
  type PipelineOptions,
  type PipelineResult,
  type PipeTarget,
} from '../engine/pipeline.js'
import type { CommandRegistry } from '../engine/registry.js'
import { Interpreter } from '../language/interpreter.js'
import { tokenize } from '../language/tokenize.js'

/** The variable name that stands for the n-th interpolated value. */
const placeholder = (index: number) => `__ps${index}`

/** The variable that holds what was piped into a ps`...` command (`pipeline.pipe(ps\`...\`)`). */
const INPUT = '__psInput'

/**
 * A ps`...` command: nothing runs until it is awaited (to an array) or iterated (streaming). As a
 * Pipeline, the awaited result carries the errors written (errorAction Continue) as `errors`.
 */
export class PsCommand implements PromiseLike<unknown[]>, AsyncIterable<unknown>, PipeTarget<PsCommand> {
  constructor(
    private readonly registry: CommandRegistry,
    /** The script text, with `$__ps0`, `$__ps1`... where the values were interpolated. */
    readonly text: string,
    private readonly values: readonly unknown[],
    private readonly session?: Session,
    private readonly options: PipelineOptions & { input?: AsyncIterable<unknown> } = {},
  ) {}

  /** Runs in a given session (its connection, preferences and host) instead of the current one. */
  in(session: Session): PsCommand {
    return new PsCommand(this.registry, this.text, this.values, session, this.options)
  }

  /** Stops the run when `signal` aborts. */
  withSignal(signal: AbortSignal | undefined): PsCommand {
    return new PsCommand(this.registry, this.text, this.values, this.session, { ...this.options, signal })
  }

  /**
   * The command with `source` piped into it: `getVcsUser().pipe(ps\`Remove-VcsUser -WhatIf\`)` runs
   * `$input | Remove-VcsUser -WhatIf` with the users. The source is read to its end first.
   */
  withInput(source: AsyncIterable<unknown>): PsCommand {
    return new PsCommand(this.registry, this.text, this.values, this.session, {
      ...this.options,
      input: source,
    })
  }

  [Symbol.asyncIterator](): AsyncIterator<unknown> {
    return this.run()[Symbol.asyncIterator]()
  }

  private async *run(onErrors?: (errors: readonly VcsError[]) => void): AsyncGenerator<unknown> {
    const session = this.session ?? currentSession()
    const variables: Record<string, unknown> = {}
    for (const [index, value] of this.values.entries()) variables[placeholder(index)] = await settle(value)
    let text = this.text
    if (this.options.input) {
      const records: unknown[] = []
      for await (const record of this.options.input) records.push(record)
      variables[INPUT] = records
      text = `$${INPUT} | ${text}`
    }
    const interpreter = new Interpreter({ registry: this.registry, session })
    yield* watchRun(
      session,
      this.options.signal,
      () => interpreter.run(text, { variables })[Symbol.asyncIterator](),
      onErrors,
    )
  }

  /** Collects every output record; errors written meanwhile are on the result as `errors`. */
  async toArray(): Promise<PipelineResult<unknown>> {
    const out: unknown[] = []
    let errors: readonly VcsError[] | undefined
    for await (const item of this.run((written) => (errors = written))) out.push(item)
    return withErrors(out, errors)
  }

  /** Awaits the records, rejecting with a PartialFailureError (errors and records) if any failed. */
  async orThrow(): Promise<unknown[]> {
    const result = await this.toArray()
    if (result.errors?.length) throw partialFailure(result.errors, result)
    return result
  }

  then<R1 = PipelineResult<unknown>, R2 = never>(
    onfulfilled?: ((value: PipelineResult<unknown>) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.toArray().then(onfulfilled, onrejected)
  }
}

/** A promise or pipeline given as a value is awaited first: ps`${getVcsUser()} | Remove-VcsUser`. */
async function settle(value: unknown): Promise<unknown> {
  if (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as PromiseLike<unknown>).then === 'function'
  ) {
    return await (value as PromiseLike<unknown>)
  }
  return value
}

/** The `ps` tag for a registry: ps`Get-VcsUser -Name ${name}`. */
export function createPs(
  registry: CommandRegistry,
): (strings: TemplateStringsArray, ...values: unknown[]) => PsCommand {
  return (strings, ...values) => {
    let text = source(strings.raw[0])
    const offsets: number[] = []
    values.forEach((_, index) => {
      offsets.push(text.length)
      text += `$${placeholder(index)}${source(strings.raw[index + 1])}`
    })
    refuseQuotedValues(text, offsets)
    return new PsCommand(registry, text, values)
  }
}

/**
 * The template's text as written: backslashes are literal (PowerShell has no backslash escapes, and
 * paths keep theirs); only the escapes JavaScript forces, \` and \${, become ` and ${.
 */
function source(raw: string): string {
  return raw.replace(/\\(`|\$\{)/g, '$1')
}

/**
 * A value inside single quotes would be the literal text `$__ps0`, never the value: refuse it and
 * say how to write it. (Inside double quotes the value is expanded as text, which is safe.)
 */
function refuseQuotedValues(text: string, offsets: readonly number[]): void {
  if (offsets.length === 0) return
  for (const token of tokenize(text)) {
    if (token.kind !== 'string' && token.kind !== 'error') continue
    const quoted = token.text.startsWith("'") || token.text.startsWith("@'")
    if (!quoted) continue
    const index = offsets.findIndex((offset) => offset > token.start && offset < token.end)
    if (index !== -1) {
      throw new UsageError(
        'ParseError',
        `Interpolated value #${index + 1} is inside single quotes, where it would be the literal text $${placeholder(index)}.`,
        {
          hint: 'Write the value without quotes (-Name ${value}): interpolated values are always passed as values.',
        },
      )
    }
  }
}
