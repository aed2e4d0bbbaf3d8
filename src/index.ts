// vcs-shell as a library: the engine's types and helpers, and every cmdlet as a camelCase function
// returning an awaitable, async-iterable, pipeable Pipeline.
export {
  Pipeline,
  input,
  Session,
  RecordingHost,
  ScriptHost,
  VcsError,
  UsageError,
  AuthError,
  ThrottledError,
  PartialFailureError,
  DriftError,
  InterruptedError,
  RemoteError,
  ExitCode,
  getDefaultSession,
  setDefaultSession,
  formatTable,
  formatList,
  formatDefault,
  redact,
  type Host,
  type ErrorRecord,
  type ProgressRecord,
} from './engine/index.js'
import { registry } from '../cmdlets/index.js'
import { createPs } from './library/ps.js'
export { registry, allCmdlets } from '../cmdlets/index.js'
export { PsCommand } from './library/ps.js'

/** Shell syntax from JavaScript: ps`Get-VcsUser -Name ${prefix}* | Remove-VcsUser -WhatIf`; values are bound, never parsed. */
export const ps = createPs(registry)
export * from './library/core.js'
export * from './library/connection.js'
export * from './library/vcs.js'
