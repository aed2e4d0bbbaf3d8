// The syntax tree of the PowerShell subset. Every node keeps its source range (offsets into the script
// text) so that any error raised while running it can point at the line and column with a caret.
import type { ComparisonOperator } from '../engine/compare.js'

/** A source range: `start` inclusive, `end` exclusive, offsets into the script text. */
export interface Span {
  start: number
  end: number
}

export interface ScriptAst extends Span {
  kind: 'Script'
  /** `param(...)` at the top of the script, if any. */
  param?: ParamBlock
  statements: Statement[]
  text: string
  file?: string
}

// ---- statements -------------------------------------------------------------------------------

export type Statement =
  | PipelineStatement
  | AssignmentStatement
  | IfStatement
  | ForeachStatement
  | ForStatement
  | WhileStatement
  | DoStatement
  | TryStatement
  | FlowStatement
  | FunctionStatement
  | SwitchStatement
  | TrapStatement
  | ChainStatement

/** Commands and expressions joined by `|`; only the first element may be an expression. */
export interface PipelineStatement extends Span {
  kind: 'Pipeline'
  elements: PipelineElement[]
  /** `> file`, `>> file`, `2>&1`, `2> $null`, `*> $null` after the pipeline's commands. */
  redirections?: Redirection[]
  /** `. ./lib.ps1` or `. { }`: runs in the caller's scope. */
  dotSource?: boolean
}

/** One redirection: `stream` is 1 (output), 2 (error), 3-6, or `*` (all). */
export interface Redirection extends Span {
  stream: '1' | '2' | '3' | '4' | '5' | '6' | '*'
  /** `2>&1`: merged into the output stream. */
  toOutput?: boolean
  append?: boolean
  target?: Expression
}

/** `a && b`, `a || b`: runs the right pipeline depending on whether the left one succeeded. */
export interface ChainStatement extends Span {
  kind: 'Chain'
  left: Statement
  operator: '&&' | '||'
  right: Statement
}

export type PipelineElement = CommandElement | ExpressionElement

export interface ExpressionElement extends Span {
  kind: 'ExpressionElement'
  expression: Expression
}

/** `Get-VcsUser -Name 'A*'`, or `& $block arg` (name is then an expression). */
export interface CommandElement extends Span {
  kind: 'Command'
  name: string | Expression
  /** The range of the command name, for CommandNotFound. */
  nameSpan: Span
  arguments: CommandArgumentNode[]
}

export type CommandArgumentNode = ParameterArgument | ValueArgument | SplatArgument

/** `-Name`, or `-Name:value` (then `value` is set). */
export interface ParameterArgument extends Span {
  kind: 'Parameter'
  name: string
  value?: Expression
}

export interface ValueArgument extends Span {
  kind: 'Value'
  value: Expression
}

/** `@params`: a hashtable's entries become named parameters, an array's items positional ones. */
export interface SplatArgument extends Span {
  kind: 'Splat'
  variable: string
}

export type AssignmentOperator = '=' | '+=' | '-=' | '*=' | '/=' | '%=' | '??='

export interface AssignmentStatement extends Span {
  kind: 'Assignment'
  target: Expression
  operator: AssignmentOperator
  value: Statement
}

export interface IfStatement extends Span {
  kind: 'If'
  clauses: { condition: Statement; body: Block }[]
  elseBody?: Block
}

export interface ForeachStatement extends Span {
  kind: 'Foreach'
  /** `:outer foreach (...)`: the name break/continue can target. */
  label?: string
  variable: VariableExpression
  iterable: Statement
  body: Block
}

export interface ForStatement extends Span {
  kind: 'For'
  /** `:outer foreach (...)`: the name break/continue can target. */
  label?: string
  init?: Statement
  condition?: Statement
  step?: Statement
  body: Block
}

export interface WhileStatement extends Span {
  kind: 'While'
  /** `:outer foreach (...)`: the name break/continue can target. */
  label?: string
  condition: Statement
  body: Block
}

export interface DoStatement extends Span {
  kind: 'Do'
  /** `:outer foreach (...)`: the name break/continue can target. */
  label?: string
  body: Block
  /** `do { } while (...)` loops while true; `do { } until (...)` while false. */
  until: boolean
  condition: Statement
}

export interface TryStatement extends Span {
  kind: 'Try'
  body: Block
  catches: { types: TypeName[]; body: Block; span: Span }[]
  finallyBody?: Block
}

/** `return`, `throw`, `exit` (with an optional value), `break`, `continue`. */
export interface FlowStatement extends Span {
  kind: 'Flow'
  keyword: 'return' | 'throw' | 'exit' | 'break' | 'continue'
  value?: Statement
  /** `break outer`: the loop label. */
  label?: string
}

/** `function Name { }` or `filter Name { }`: defines a command in the current scope when it runs. */
export interface FunctionStatement extends Span {
  kind: 'Function'
  name: string
  /** A filter's body is its process block. */
  filter: boolean
  body: ScriptBlockExpression
  /** Comment-based help (the `<# .SYNOPSIS ... #>` text), from before the keyword or inside the body. */
  help?: string
}

/** `switch -Regex ($x) { 'a' { ... } default { ... } }`. */
export interface SwitchStatement extends Span {
  kind: 'Switch'
  label?: string
  mode: 'exact' | 'wildcard' | 'regex'
  caseSensitive: boolean
  /** `-File path`: the value is the file's lines. */
  file: boolean
  value: Statement
  clauses: { condition: Expression | 'default'; body: Block }[]
}

/** `trap [Type] { ... }`: runs for a terminating error in its scope. */
export interface TrapStatement extends Span {
  kind: 'Trap'
  type?: TypeName
  body: Block
}

export interface Block extends Span {
  kind: 'Block'
  statements: Statement[]
}

export interface TypeName extends Span {
  name: string
}

// ---- param blocks ---------------------------------------------------------------------------------

export interface ParamBlock extends Span {
  kind: 'ParamBlock'
  parameters: ParameterDeclaration[]
  /** Attributes written before `param`, such as `[CmdletBinding()]`. */
  attributes?: AttributeNode[]
}

export interface ParameterDeclaration extends Span {
  name: string
  type?: TypeName
  defaultValue?: Expression
  attributes: AttributeNode[]
}

/** `[Parameter(Mandatory)]`, `[ValidateSet('a','b')]`: positional arguments and `Name = value` pairs. */
export interface AttributeNode extends Span {
  name: string
  positional: Expression[]
  named: { name: string; value?: Expression }[]
}

// ---- expressions ---------------------------------------------------------------------------------

export type Expression =
  | ConstantExpression
  | ExpandableStringExpression
  | VariableExpression
  | ArrayLiteralExpression
  | SubExpression
  | HashtableExpression
  | ScriptBlockExpression
  | BinaryExpression
  | UnaryExpression
  | CastExpression
  | TypeExpression
  | MemberExpression
  | InvokeMemberExpression
  | IndexExpression
  | TernaryExpression

/** Numbers, single-quoted strings and bare words. */
export interface ConstantExpression extends Span {
  kind: 'Constant'
  value: string | number
  /** True for bare words in argument mode (`A*`), which stay strings. */
  bareword?: boolean
}

/** A double-quoted string or a bare word with `$var` / `$(...)` in it: text and expressions, joined. */
export interface ExpandableStringExpression extends Span {
  kind: 'ExpandableString'
  parts: (string | Expression)[]
}

export interface VariableExpression extends Span {
  kind: 'Variable'
  name: string
  /** `env` for `$env:NAME`. */
  drive?: 'env'
  /** `$global:x` and `$script:x`; `$local:x` and `$private:x` are the current scope (no qualifier). */
  scope?: 'global' | 'script'
}

/** `a, b, c`. */
export interface ArrayLiteralExpression extends Span {
  kind: 'ArrayLiteral'
  items: Expression[]
}

/** `(pipeline)`, `$(statements)` and `@(statements)`. */
export interface SubExpression extends Span {
  kind: 'SubExpression'
  form: 'paren' | 'dollar' | 'array'
  statements: Statement[]
}

export interface HashtableExpression extends Span {
  kind: 'Hashtable'
  entries: { key: Expression; value: Statement }[]
}

export interface ScriptBlockExpression extends Span {
  kind: 'ScriptBlock'
  param?: ParamBlock
  statements: Statement[]
  /** The text between the braces, as `$block.ToString()` shows it. */
  text: string
  /** Named blocks (`begin { } process { } end { }`); then `statements` is empty. */
  blocks?: NamedBlocks
}

export interface NamedBlocks {
  begin?: Block
  process?: Block
  end?: Block
}

export type BinaryOperator =
  | '+'
  | '-'
  | '*'
  | '/'
  | '%'
  | '..'
  | 'and'
  | 'or'
  | 'xor'
  | 'band'
  | 'bor'
  | 'bxor'
  | 'shl'
  | 'shr'
  | 'f'
  | 'join'
  | 'is'
  | 'isnot'
  | 'as'
  /** Comparison operators without their `c`/`i` prefix (see `caseSensitive`), as the engine's compare(). */
  | ComparisonOperator
  | 'replace'
  | 'split'
  /** `$a ?? 'default'`: the right side when the left is $null. */
  | '??'

export interface BinaryExpression extends Span {
  kind: 'Binary'
  operator: BinaryOperator
  caseSensitive: boolean
  left: Expression
  right: Expression
  /** The operator's own range, for errors. */
  operatorSpan: Span
}

export interface UnaryExpression extends Span {
  kind: 'Unary'
  operator: '!' | 'not' | '-' | '+' | '++' | '--' | 'bnot' | ',' | 'join' | 'split'
  /** `$i++` rather than `++$i`. */
  postfix?: boolean
  operand: Expression
}

export interface CastExpression extends Span {
  kind: 'Cast'
  type: TypeName
  operand: Expression
}

/** A type literal on its own: `[int]` in `$x -is [int]`, `[math]` in `[math]::Round(1.5)`. */
export interface TypeExpression extends Span {
  kind: 'Type'
  type: TypeName
}

export interface MemberExpression extends Span {
  kind: 'Member'
  target: Expression
  /** A plain name, or an expression (`$x.$name`, `$x.'odd name'`). */
  member: string | Expression
  static: boolean
}

export interface InvokeMemberExpression extends Span {
  kind: 'InvokeMember'
  target: Expression
  member: string
  static: boolean
  arguments: Expression[]
}

export interface IndexExpression extends Span {
  kind: 'Index'
  target: Expression
  index: Expression
}

/** `$a ? 'yes' : 'no'`. */
export interface TernaryExpression extends Span {
  kind: 'Ternary'
  condition: Expression
  whenTrue: Expression
  whenFalse: Expression
}

export type Node = ScriptAst | Statement | Expression | Block | PipelineElement | CommandArgumentNode
