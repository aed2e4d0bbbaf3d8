// Redirection (about_Redirection): `> file` and `>> file` send the output stream to a file as Out-File
// does; `2> file`, `3> file` ... send the error, warning, verbose, debug and information streams there;
// `> $null` discards; `2>&1` (and `n>&1`) merges a stream into the output. `*>` means every stream.
// While the statement runs, the session's host is wrapped so the streams the cmdlets write go where
// the redirections say; errors still go to $Error, as in PowerShell.
import { announceDifference } from '../engine/differences.js'
import path from 'node:path'
import type { ErrorRecord, Host, ProgressRecord } from '../engine/context.js'
import { RuntimeError } from '../engine/errors.js'
import { bindStages, runStages } from '../engine/runtime.js'
import type { PipelineStatement, Redirection, Statement } from './ast.js'
import { evalAsync } from './expressions.js'
import type { Frame } from './scope.js'
import { toText } from './types.js'

type StreamNumber = '2' | '3' | '4' | '5' | '6'
const STREAMS: StreamNumber[] = ['2', '3', '4', '5', '6']

/** Where one stream goes: discarded, merged into the output, or into a file. */
type Target = { kind: 'null' } | { kind: 'output' } | { kind: 'file'; file: string; append: boolean }

const innerStatements = new WeakMap<PipelineStatement, PipelineStatement>()

/** The statement without its redirections (cached, so per-node caches keep working). */
function innerOf(statement: PipelineStatement): PipelineStatement {
  let inner = innerStatements.get(statement)
  if (!inner) {
    inner = { ...statement, redirections: undefined }
    innerStatements.set(statement, inner)
  }
  return inner
}

/** A host that sends each redirected stream to its target and the others to the real host. */
class RedirectingHost implements Host {
  readonly pending: unknown[] = []
  readonly lines = new Map<string, { append: boolean; lines: string[] }>()

  constructor(
    readonly inner: Host,
    private readonly targets: Map<StreamNumber, Target>,
    /** Called when a native stderr line becomes an output string (a deliberate difference). */
    private readonly onNativeMerge: () => void = () => {},
  ) {}

  get name(): string {
    return this.inner.name
  }
  get interactive(): boolean {
    return this.inner.interactive
  }
  get width(): number | undefined {
    return this.inner.width
  }

  /** Routes one item of `stream`; returns false when the stream is not redirected. */
  private route(stream: StreamNumber, item: unknown, text: string): boolean {
    const target = this.targets.get(stream)
    if (!target) return false
    if (target.kind === 'output') this.pending.push(item)
    else if (target.kind === 'file') {
      const entry = this.lines.get(target.file) ?? { append: target.append, lines: [] }
      entry.lines.push(text)
      this.lines.set(target.file, entry)
    }
    return true
  }

  /** A native program's stderr line: the error stream when redirected, else shown as it is. */
  nativeError(line: string): void {
    if (this.targets.get('2')?.kind === 'output') this.onNativeMerge()
    if (!this.route('2', line, line)) writeNativeError(this.inner, line)
  }

  writeError(record: ErrorRecord): void {
    if (!this.route('2', record, record.error.message)) this.inner.writeError(record)
  }
  writeWarning(message: string): void {
    if (!this.route('3', message, message)) this.inner.writeWarning(message)
  }
  writeVerbose(message: string): void {
    if (!this.route('4', message, message)) this.inner.writeVerbose(message)
  }
  writeDebug(message: string): void {
    if (!this.route('5', message, message)) this.inner.writeDebug(message)
  }
  writeInformation(message: string): void {
    if (!this.route('6', message, message)) this.inner.writeInformation(message)
  }
  writeWhatIf(message: string): void {
    this.inner.writeWhatIf(message)
  }
  writeProgress(progress: ProgressRecord): void {
    this.inner.writeProgress(progress)
  }
  confirm: Host['confirm'] = (request) => this.inner.confirm(request)
  get readSecret(): Host['readSecret'] {
    return this.inner.readSecret?.bind(this.inner)
  }
  get readLine(): Host['readLine'] {
    return this.inner.readLine?.bind(this.inner)
  }
}

/** Writes a native program's stderr line through whatever host is current. */
export function writeNativeError(host: Host, line: string): void {
  if (host instanceof RedirectingHost) host.nativeError(line)
  else host.writeInformation(line)
}

/** True when the host sends the error stream somewhere other than the screen. */
export function errorStreamRedirected(host: Host): boolean {
  return host instanceof RedirectingHost
}

/** Runs a pipeline statement with its redirections applied. */
export async function* withRedirections(
  statement: PipelineStatement,
  frame: Frame,
  run: (inner: Statement) => AsyncGenerator<unknown>,
): AsyncGenerator<unknown> {
  const { session, registry } = frame.runtime
  let output: Target | undefined
  const targets = new Map<StreamNumber, Target>()
  for (const redirection of statement.redirections ?? []) {
    const target = await targetOf(redirection, frame)
    if (redirection.stream === '1' || redirection.stream === '*') output = target
    if (redirection.stream === '*') for (const stream of STREAMS) targets.set(stream, target)
    else if (redirection.stream !== '1') targets.set(redirection.stream, target)
  }
  const host = new RedirectingHost(session.host, targets, () => announceDifference(session, 'nativeStderr'))
  const saved = session.host
  session.host = host
  const toFile: unknown[] = []
  try {
    for await (const item of run(innerOf(statement))) {
      for (const merged of host.pending.splice(0)) {
        if (output?.kind === 'file') toFile.push(merged)
        else if (output?.kind !== 'null') yield merged
      }
      if (output?.kind === 'file') toFile.push(item)
      else if (output?.kind !== 'null') yield item
    }
    session.host = saved
    const rest = host.pending.splice(0)
    if (output?.kind === 'file') toFile.push(...rest)
    else if (output?.kind !== 'null') yield* rest
  } finally {
    session.host = saved
    for (const [file, entry] of host.lines) {
      const text = entry.lines.map((line) => `${line}\n`).join('')
      // fs/promises loads on the first redirection to a file, not with the language.
      const { appendFile, writeFile } = process.getBuiltinModule('node:fs/promises')
      await (entry.append ? appendFile(file, text) : writeFile(file, text))
    }
    if (output?.kind === 'file') {
      // Out-File formats objects as the shell shows them, so `> file` writes what the screen shows.
      const outFile = registry.resolve('Out-File')
      const stages = bindStages(
        [{ cmdlet: outFile, args: { filePath: output.file, append: output.append } }],
        true,
      )
      for await (const _ of runStages(stages, session, toFile)) void _
    }
  }
}

async function targetOf(redirection: Redirection, frame: Frame): Promise<Target> {
  if (redirection.toOutput) return { kind: 'output' }
  const value = await evalAsync(redirection.target!, frame)
  if (value === null || value === undefined) return { kind: 'null' }
  const name = toText(value)
  if (!name) throw new RuntimeError('RuntimeError', 'The redirection target is an empty file name.')
  return { kind: 'file', file: path.resolve(name), append: redirection.append === true }
}
