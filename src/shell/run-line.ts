// How the shell runs a line. The language's Interpreter is the real runner; this stand-in handles
// plain pipelines (`Cmd -Param value | Cmd2`) so the shell is usable before the language lands.
import {
  bindStages,
  runInSessionIterable,
  runStages,
  UsageError,
  type CommandArgument,
  type CommandRegistry,
  type Session,
  type StageSpec,
} from '../engine/index.js'
import { tokenize, type ShellToken } from './tokens.js'

/** Runs one line of input and streams its output records; statement errors go to the host. */
export type LineRunner = (text: string) => AsyncIterable<unknown>

function literal(token: ShellToken, session: Session): unknown {
  switch (token.kind) {
    case 'string':
      return token.text.startsWith("'")
        ? token.text.slice(1, -1).replace(/''/g, "'")
        : token.text
            .slice(1, -1)
            .replace(/\$(\w+)/g, (_, name: string) => String(session.getVariable(name) ?? ''))
    case 'number':
      return Number(token.text)
    case 'variable':
      return session.getVariable(token.text.replace(/^\$\{?|\}$/g, ''))
    default:
      return token.text
  }
}

/** A runner for simple pipelines: commands, parameters, literals and variables. */
export function simplePipelineRunner(registry: CommandRegistry, session: Session): LineRunner {
  return (text) => {
    const stages: StageSpec[] = []
    let current: { spec: StageSpec; args: CommandArgument[] } | undefined
    const lineText = text.split('\n')[0]
    for (const token of tokenize(text)) {
      const position = { line: 1, column: token.start + 1, length: token.end - token.start, lineText }
      if (token.kind === 'whitespace' || token.kind === 'newline' || token.kind === 'comment') continue
      if (token.text === '|') {
        current = undefined
        continue
      }
      if (!current) {
        const cmdlet = registry.resolve(token.text, position)
        current = { spec: { cmdlet, args: [], position }, args: [] }
        current.spec.args = current.args
        stages.push(current.spec)
      } else if (token.kind === 'parameter') {
        const [name, inline] = token.text.slice(1).split(/:(.*)/s)
        current.args.push(
          inline !== undefined && inline !== ''
            ? { kind: 'parameter', name, value: inline, hasValue: true, position }
            : { kind: 'parameter', name, hasValue: false, position },
        )
      } else if (token.kind === 'error') {
        throw new UsageError('ParseError', 'The string is missing its closing quote.', { position })
      } else {
        current.args.push({ kind: 'value', value: literal(token, session), position, text: token.text })
      }
    }
    if (stages.length === 0) return (async function* () {})()
    const bound = bindStages(stages, false)
    return runInSessionIterable(session, runStages(bound, session))
  }
}
