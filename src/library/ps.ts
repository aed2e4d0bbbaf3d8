// The `ps` tagged template: shell syntax from zx scripts and Node programs, with interpolated values
// bound as values and never spliced into the source. `${email}` becomes a variable reference set for
// that run only, so an e-mail containing `'; Remove-VcsUser` is just a string.
//
//     await ps`Get-VcsUser -Name ${prefix}* | Remove-VcsUser -WhatIf`
import { currentSession, type Session } from '../engine/context.js'
import { UsageError } from '../engine/errors.js'
import type { CommandRegistry } from '../engine/registry.js'
import { Interpreter } from '../language/interpreter.js'
import { tokenize } from '../language/tokenize.js'

/** The variable name that stands for the n-th interpolated value. */
const placeholder = (index: number) => `__ps${index}`

/** A ps`...` command: nothing runs until it is awaited (to an array) or iterated (streaming). */
export class PsCommand implements PromiseLike<unknown[]>, AsyncIterable<unknown> {
  constructor(
    private readonly registry: CommandRegistry,
    /** The script text, with `$__ps0`, `$__ps1`... where the values were interpolated. */
    readonly text: string,
    private readonly values: readonly unknown[],
    private readonly session?: Session,
  ) {}

  /** Runs in a given session (its connection, preferences and host) instead of the current one. */
  in(session: Session): PsCommand {
    return new PsCommand(this.registry, this.text, this.values, session)
  }

  async *[Symbol.asyncIterator](): AsyncIterator<unknown> {
    const session = this.session ?? currentSession()
    const variables: Record<string, unknown> = {}
    for (const [index, value] of this.values.entries()) variables[placeholder(index)] = await settle(value)
    const interpreter = new Interpreter({ registry: this.registry, session })
    yield* interpreter.run(this.text, { variables })
  }

  /** Collects every output record. */
  async toArray(): Promise<unknown[]> {
    const out: unknown[] = []
    for await (const item of this) out.push(item)
    return out
  }

  then<R1 = unknown[], R2 = never>(
    onfulfilled?: ((value: unknown[]) => R1 | PromiseLike<R1>) | null,
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
