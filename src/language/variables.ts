// Reading and writing variables by name: scopes (`$global:`, `$script:`), `$env:` and the automatic
// variables PowerShell defines that vcs-shell supports.
import { RuntimeError } from '../engine/errors.js'
import type { VariableExpression } from './ast.js'
import { psVersionTable } from './dotnet.js'
import type { Frame } from './scope.js'
import { toText } from './types.js'

/** `$name`, `$env:NAME`, and a few automatic variables. Unset variables are $null. */
export function readVariable(node: VariableExpression, frame: Frame): unknown {
  if (node.drive === 'env') return process.env[node.name] ?? null
  const value =
    node.scope === 'global'
      ? frame.runtime.session.getVariable(node.name)
      : node.scope === 'script'
        ? frame.scope.scriptScope().get(node.name)
        : frame.scope.get(node.name)
  if (value !== undefined) return value
  switch (node.name.toLowerCase()) {
    case '?':
      return frame.runtime.lastSuccess
    case 'pwd':
      return process.cwd()
    case 'home':
      return process.getBuiltinModule('node:os').homedir()
    case 'pid':
      return process.pid
    case 'psversiontable':
      return psVersionTable()
    case 'foreach':
      throw new RuntimeError(
        'RuntimeError',
        'The $foreach enumerator variable is not supported; use a for loop with an index.',
        {
          category: 'NotImplemented',
        },
      )
    default:
      return null
  }
}

/** Assigns `$name` (`$env:NAME`, `$global:`, `$script:`), converting to the variable's type constraint. */
export function writeVariable(node: VariableExpression, value: unknown, frame: Frame): void {
  if (node.drive === 'env') {
    if (value === null || value === undefined || value === '') delete process.env[node.name]
    else process.env[node.name] = toText(value)
    return
  }
  if (node.scope === 'global') frame.runtime.session.setVariable(node.name, value)
  else if (node.scope === 'script') frame.scope.scriptScope().set(node.name, value)
  else {
    const convert = frame.scope.constraintOf(node.name)
    frame.scope.set(node.name, convert ? convert(value) : value)
  }
}
