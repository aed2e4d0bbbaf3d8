// Script blocks as values: `{ $_.Email -like '*@corp.com' }` passed to Where-Object, stored in a
// variable, or called with `&`. They implement the engine's ScriptBlock interface, so cmdlets run
// them through ctx.invoke(block, record) without knowing the language.
import { RuntimeError } from '../engine/errors.js'
import type { ScriptBlock } from '../engine/types.js'
import type { ScriptBlockExpression } from './ast.js'
import type { SourceText } from './diagnostics.js'
import { bindParameters, type ArgumentItem } from './params.js'
import { childFrame, collapse, FlowSignal, type Frame } from './scope.js'
import { execStatements } from './statements.js'
import { execSync, isSyncStatement } from './sync-statements.js'

/** Deeper recursion than this (a block calling itself) is refused, as PowerShell does. */
const MAX_CALL_DEPTH = 100

export class ScriptBlockValue implements ScriptBlock {
  readonly isScriptBlock = true as const

  constructor(
    readonly node: ScriptBlockExpression,
    /** Where the block was written: its scope is the parent of each invocation's scope. */
    private readonly frame: Frame,
    /** A script file called with `&` or by path: its own scope for new variables, as in PowerShell. */
    private readonly scriptFile = false,
  ) {}

  /** The frame the block was written in. */
  get definingFrame(): Frame {
    return this.frame
  }

  /** The source text the block was written in, for positions in its errors. */
  get source(): SourceText {
    return this.frame.source
  }

  get text(): string {
    return this.node.text
  }

  toString(): string {
    return this.node.text
  }

  /** The engine's entry point: `$_` = input; one output is returned as is, several as an array. */
  async invoke(input: unknown, ...args: unknown[]): Promise<unknown> {
    return collapse(await this.invokeAll(input, args, true))
  }

  /** Runs the block and returns every output value. `withInput` false leaves `$_` to the caller's. */
  invokeAll(
    input: unknown,
    args: readonly unknown[],
    withInput: boolean,
    dotSourced = false,
  ): Promise<unknown[]> {
    return this.invokeWith(
      input,
      args.map((value) => ({ value, hasValue: true })),
      withInput,
      dotSourced,
    )
  }

  /**
   * Runs the block dot-sourced, as ForEach-Object and Where-Object do: `$_` is the input, and the
   * variables it creates or changes are the caller's (`-Begin { $t = 0 } -Process { $t += $_ }`).
   */
  async invokeDotSourced(input: unknown, withInput = true): Promise<unknown> {
    return collapse(await this.invokeWith(input, [], withInput, true))
  }

  /**
   * Runs a block whose statements run no command, synchronously (the script block of `-replace` and
   * `-split`); a block that runs commands is refused with a diagnostic.
   */
  invokeSync(input: unknown, what: string): unknown[] {
    const { statements } = this.node
    if (this.node.param || !statements.every(isSyncStatement)) {
      throw new RuntimeError(
        'RuntimeError',
        `The script block given to ${what} can only use expressions; it cannot run commands or take param().`,
      )
    }
    const scope = this.frame.scope.child({ input: { value: input }, args: [] })
    return this.fastPath(childFrame(this.frame, scope)) ?? []
  }

  /** Runs the block with named and positional arguments (`& $block -Name x 1`). */
  async invokeWith(
    input: unknown,
    items: ArgumentItem[],
    withInput: boolean,
    dotSourced = false,
  ): Promise<unknown[]> {
    const { runtime } = this.frame
    if (runtime.callDepth >= MAX_CALL_DEPTH) {
      throw new RuntimeError('RuntimeError', 'The script failed due to call depth overflow.', {
        category: 'LimitsExceeded',
      })
    }
    const positional = items.filter((item) => item.name === undefined).map((item) => item.value)
    const scope = this.frame.scope.child({
      input: withInput ? { value: input } : undefined,
      args: this.node.param ? [] : positional,
      transparent: dotSourced,
    })
    if (this.scriptFile) scope.markScript()
    const frame = childFrame(this.frame, scope)
    runtime.callDepth++
    try {
      if (this.node.param) {
        const rest = await bindParameters(this.node.param, items, frame, 'the script block')
        scope.setArguments(rest)
      } else if (items.some((item) => item.name !== undefined)) {
        throw new RuntimeError(
          'RuntimeError',
          'The script block has no param() block, so it takes no named parameters.',
        )
      }
      const fast = this.fastPath(frame)
      if (fast) return fast
      const outputs: unknown[] = []
      try {
        for await (const value of execStatements(this.node.statements, frame)) outputs.push(value)
      } catch (error) {
        // `return` ends the block; its output so far is its result. `break` and `continue` go on to
        // the enclosing loop (or end the script), even through a pipeline, as in PowerShell.
        if (!isReturn(error)) throw error
      }
      return outputs
    } finally {
      runtime.callDepth--
    }
  }

  /** A block of synchronous statements (most Where-Object filters) runs without promises. */
  private fastPath(frame: Frame): unknown[] | undefined {
    const { statements } = this.node
    if (!statements.every(isSyncStatement)) return undefined
    const out: unknown[] = []
    try {
      execSync(statements, frame, out)
    } catch (error) {
      if (!isReturn(error)) throw error
    }
    return out
  }
}

function isReturn(error: unknown): boolean {
  return error instanceof FlowSignal && error.keyword === 'return'
}
