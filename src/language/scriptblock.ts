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
  invokeAll(input: unknown, args: readonly unknown[], withInput: boolean): Promise<unknown[]> {
    return this.invokeWith(
      input,
      args.map((value) => ({ value, hasValue: true })),
      withInput,
    )
  }

  /** Runs the block with named and positional arguments (`& $block -Name x 1`). */
  async invokeWith(input: unknown, items: ArgumentItem[], withInput: boolean): Promise<unknown[]> {
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
      local: this.scriptFile,
      script: this.scriptFile,
    })
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
        // return, break and continue end the block; its output so far is its result.
        if (!(error instanceof FlowSignal)) throw error
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
      // return, break and continue end the block; its output so far is its result.
      if (!(error instanceof FlowSignal)) throw error
    }
    return out
  }
}
