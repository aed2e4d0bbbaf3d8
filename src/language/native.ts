// Native commands (about_Native_Commands): a program on PATH (or a path to one) runs with its
// arguments as an argv array, as PowerShell 7.4 passes them on Unix ($PSNativeCommandArgumentPassing
// 'Standard': each argument one string, no shell, an array is several arguments, '' stays an empty
// argument). Pipeline input is written to its stdin as text lines; its stdout comes back as lines
// (strings); its stderr is shown (or redirected with 2>); $LASTEXITCODE is its exit code and $? is
// False when that code is not 0.
import { accessSync, constants, statSync } from 'node:fs'
import path from 'node:path'
import { ALL_SETS } from '../engine/binder.js'
import type { CommandArgument } from '../engine/binder.js'
import type { CmdletContext } from '../engine/context.js'
import { RuntimeError } from '../engine/errors.js'
import type { AnyCmdlet } from '../engine/types.js'
import { writeNativeError } from './redirection.js'
import type { Frame } from './scope.js'
import { toText } from './types.js'

const INPUT = '__PipelineInput'

/** The executable a command name means, or undefined when there is none. */
export function findExecutable(name: string): string | undefined {
  if (name.includes('/') || name.includes('\\')) {
    const file = path.resolve(name)
    return isExecutable(file) ? file : undefined
  }
  for (const directory of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!directory) continue
    const file = path.join(directory, name)
    if (isExecutable(file)) return file
  }
  return undefined
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK)
    return statSync(file).isFile()
  } catch {
    return false
  }
}

/** The arguments as the program receives them (PSNativeCommandArgumentPassing Standard). */
export function nativeArguments(args: readonly CommandArgument[]): string[] {
  const argv: string[] = []
  const add = (value: unknown) => {
    if (Array.isArray(value)) for (const item of value) add(item)
    else if (value !== null && value !== undefined) argv.push(toText(value))
  }
  for (const argument of args) {
    if (argument.kind === 'parameter') {
      // `-r` and `-X:POST` reach the program as written.
      argv.push(argument.hasValue ? `-${argument.name}:${toText(argument.value)}` : `-${argument.name}`)
    } else if (argument.value === '') {
      argv.push('')
    } else {
      add(argument.value)
    }
  }
  return argv
}

/** A command object that runs the program as a pipeline stage. */
export function nativeCommand(name: string, file: string, argv: string[], frame: Frame): AnyCmdlet {
  const parameters = { [INPUT]: { type: 'any', pipeline: 'byValue', hidden: true } }
  return {
    name,
    verb: '',
    noun: name,
    synopsis: file,
    parameters,
    allParameters: parameters,
    examples: [],
    functionName: name,
    defaultSet: ALL_SETS,
    setNames: [ALL_SETS],
    commandType: 'Application',
    stream: (records: AsyncIterable<Record<string, unknown>>, ctx: CmdletContext) =>
      runNative(file, argv, records, ctx, frame),
  } as unknown as AnyCmdlet
}

async function* runNative(
  file: string,
  argv: string[],
  records: AsyncIterable<Record<string, unknown>>,
  ctx: CmdletContext,
  frame: Frame,
): AsyncGenerator<string> {
  // Loaded on first use, so that start-up does not pay for child_process.
  const { spawn } = await import('node:child_process')
  const { createInterface } = await import('node:readline')
  const child = spawn(file, argv, {
    stdio: [ctx.expectingInput ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    cwd: process.cwd(),
    env: process.env,
  })
  const exited = new Promise<number>((resolve, reject) => {
    child.once('error', (error) =>
      reject(
        new RuntimeError('RuntimeError', `${path.basename(file)} could not be started: ${error.message}`),
      ),
    )
    child.once('close', (code, signal) => resolve(code ?? (signal ? 128 + 15 : 1)))
  })
  const onAbort = () => child.kill('SIGTERM')
  ctx.signal.addEventListener('abort', onAbort, { once: true })
  createInterface({ input: child.stderr! }).on('line', (line) => writeNativeError(ctx.session.host, line))
  if (ctx.expectingInput) {
    void (async () => {
      try {
        for await (const args of records) {
          const text = toText(args[INPUT])
          if (!child.stdin!.write(`${text}\n`))
            await new Promise((resolve) => child.stdin!.once('drain', resolve))
        }
      } catch {
        // The program stopped reading (EPIPE): the rest of the input is not needed.
      } finally {
        child.stdin!.end()
      }
    })()
    child.stdin!.on('error', () => {})
  }
  try {
    for await (const line of createInterface({ input: child.stdout!, crlfDelay: Infinity })) yield line
    const code = await exited
    ctx.session.setVariable('LASTEXITCODE', code)
    if (code !== 0) frame.runtime.nativeFailed = true
  } finally {
    ctx.signal.removeEventListener('abort', onAbort)
    if (child.exitCode === null) child.kill('SIGTERM')
  }
}
