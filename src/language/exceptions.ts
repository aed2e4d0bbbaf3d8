// .NET exception types for catch clauses. An error carries an outer type (RuntimeException or one of
// PowerShell's, from its code) and, for failures of .NET operations (`1/0`), an inner type; a catch
// clause matches either or any of their base types, as PowerShell's FindMatchingHandler does.
import { RuntimeError, type VcsError } from '../engine/errors.js'

/** Each exception type's base type (short names, lower case). */
const BASE: Record<string, string> = {
  systemexception: 'exception',
  runtimeexception: 'systemexception',
  arithmeticexception: 'systemexception',
  dividebyzeroexception: 'arithmeticexception',
  overflowexception: 'arithmeticexception',
  argumentexception: 'systemexception',
  argumentnullexception: 'argumentexception',
  argumentoutofrangeexception: 'argumentexception',
  psargumentexception: 'argumentexception',
  formatexception: 'systemexception',
  invalidcastexception: 'systemexception',
  psinvalidcastexception: 'invalidcastexception',
  invalidoperationexception: 'systemexception',
  indexoutofrangeexception: 'systemexception',
  nullreferenceexception: 'systemexception',
  keynotfoundexception: 'systemexception',
  notsupportedexception: 'systemexception',
  notimplementedexception: 'systemexception',
  timeoutexception: 'systemexception',
  unauthorizedaccessexception: 'systemexception',
  ioexception: 'systemexception',
  filenotfoundexception: 'ioexception',
  directorynotfoundexception: 'ioexception',
  commandnotfoundexception: 'runtimeexception',
  parameterbindingexception: 'runtimeexception',
  parseexception: 'runtimeexception',
  methodexception: 'runtimeexception',
  methodinvocationexception: 'methodexception',
  psinvalidoperationexception: 'invalidoperationexception',
  sessionstateexception: 'runtimeexception',
  itemnotfoundexception: 'sessionstateexception',
  pipelinestoppedexception: 'runtimeexception',
  actionpreferencestopexception: 'runtimeexception',
}

/** Full names of the types we name in `$_.Exception.GetType().FullName`. */
const NAMESPACE: Record<string, string> = {
  runtimeexception: 'System.Management.Automation',
  commandnotfoundexception: 'System.Management.Automation',
  parameterbindingexception: 'System.Management.Automation',
  parseexception: 'System.Management.Automation',
  methodinvocationexception: 'System.Management.Automation',
  psinvalidcastexception: 'System.Management.Automation',
  itemnotfoundexception: 'System.Management.Automation',
  pipelinestoppedexception: 'System.Management.Automation',
  keynotfoundexception: 'System.Collections.Generic',
  filenotfoundexception: 'System.IO',
  directorynotfoundexception: 'System.IO',
  ioexception: 'System.IO',
}

/** The outer exception type of our error codes. */
const BY_CODE: Record<string, string> = {
  CommandNotFound: 'CommandNotFoundException',
  ParameterNotFound: 'ParameterBindingException',
  ParameterAmbiguous: 'ParameterBindingException',
  ParameterSetAmbiguous: 'ParameterBindingException',
  ParameterSetNotResolved: 'ParameterBindingException',
  MissingMandatoryParameter: 'ParameterBindingException',
  InvalidParameterValue: 'ParameterBindingException',
  InputNotBound: 'ParameterBindingException',
  ParseError: 'ParseException',
  NotFound: 'ItemNotFoundException',
  Forbidden: 'UnauthorizedAccessException',
  AuthenticationFailed: 'UnauthorizedAccessException',
  NotConnected: 'UnauthorizedAccessException',
  Timeout: 'TimeoutException',
  Interrupted: 'PipelineStoppedException',
}

const OUTER = new WeakMap<object, string>()
const INNER = new WeakMap<object, string>()

/** True for the exception types catch clauses and `[ArgumentException]::new()` know by name. */
export function isExceptionType(name: string): boolean {
  const short = shortName(name)
  return short === 'exception' || short in BASE
}

/**
 * `[System.ArgumentException]::new('message')`: an error of that .NET type, to `throw`. Without a
 * message, .NET's default text.
 */
export function newException(name: string, message: unknown): VcsError {
  const written = name.slice(name.lastIndexOf('.') + 1)
  const text =
    typeof message === 'string'
      ? message
      : shortName(name) === 'argumentexception'
        ? 'Value does not fall within the expected range.'
        : `Exception of type '${fullName(written)}' was thrown.`
  return withException(new RuntimeError('RuntimeError', text, { category: 'OperationStopped' }), {
    outer: written,
  })
}

/** Gives an error its .NET types: `outer` (default from its code) and the `inner` .NET failure. */
export function withException<T extends object>(error: T, types: { outer?: string; inner?: string }): T {
  if (types.outer) OUTER.set(error, types.outer)
  if (types.inner) INNER.set(error, types.inner)
  return error
}

function shortName(name: string): string {
  const lower = name.toLowerCase().replace(/\s+/g, '')
  return lower.slice(lower.lastIndexOf('.') + 1)
}

/** The outer .NET exception type of an error, as a full name. */
export function exceptionTypeName(error: VcsError): string {
  return fullName(OUTER.get(error) ?? BY_CODE[error.code] ?? 'RuntimeException')
}

/** The inner .NET exception type's full name, if the error wraps one. */
export function innerExceptionTypeName(error: VcsError): string | undefined {
  const inner = INNER.get(error)
  return inner === undefined ? undefined : fullName(inner)
}

function fullName(name: string): string {
  if (name.includes('.')) return name
  return `${NAMESPACE[name.toLowerCase()] ?? 'System'}.${name}`
}

/** True when `name` (a catch clause's type) is `type` or one of its base types. */
function isA(type: string, name: string): boolean {
  for (let current: string | undefined = shortName(type); current; current = BASE[current]) {
    if (current === name) return true
  }
  return false
}

/** True when a catch clause's .NET type matches the error's inner or outer exception type. */
export function exceptionMatches(error: VcsError, name: string): boolean {
  const wanted = shortName(name)
  const inner = INNER.get(error)
  if (inner !== undefined && isA(inner, wanted)) return true
  return isA(OUTER.get(error) ?? BY_CODE[error.code] ?? 'RuntimeException', wanted)
}
