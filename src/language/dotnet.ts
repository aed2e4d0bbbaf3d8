// The few .NET objects scripts build and pass around: `$o.psobject`, `[ref]`, generic lists,
// StringBuilder and regex Match objects. Each is a small class whose PascalCase getters are its
// properties (the engine lists them), and whose methods the language calls through dotnetMethod().
import { RuntimeError } from '../engine/errors.js'
import { isRecord, typeNameOf, withTypeName } from '../engine/objects.js'

/** One property of `$o.psobject.Properties`: Name, Value (settable, live) and MemberType. */
export class PSNoteProperty {
  constructor(
    private readonly owner: Record<string, unknown>,
    private readonly key: string,
  ) {}
  get Name(): string {
    return this.key
  }
  get Value(): unknown {
    return this.owner[this.key]
  }
  set Value(value: unknown) {
    this.owner[this.key] = value
  }
  get MemberType(): string {
    return 'NoteProperty'
  }
  get IsSettable(): boolean {
    return true
  }
  get IsGettable(): boolean {
    return true
  }
  get TypeNameOfValue(): string {
    const value = this.owner[this.key]
    return value === null || value === undefined ? 'System.Object' : dotnetTypeName(value)
  }
  toString(): string {
    return `${shortTypeName(this.TypeNameOfValue)} ${this.key}=${String(this.owner[this.key] ?? '')}`
  }
}

function shortTypeName(full: string): string {
  const map: Record<string, string> = {
    'System.String': 'string',
    'System.Int32': 'int',
    'System.Double': 'double',
    'System.Boolean': 'bool',
    'System.Object': 'System.Object',
    'System.Object[]': 'Object[]',
  }
  return map[full] ?? full
}

/** The .NET full type name PowerShell reports for a value. */
export function dotnetTypeName(value: unknown): string {
  switch (typeNameOf(value)) {
    case 'string':
      return 'System.String'
    case 'int':
      return 'System.Int32'
    case 'double':
      return 'System.Double'
    case 'bool':
      return 'System.Boolean'
    case 'datetime':
      return 'System.DateTime'
    case 'object[]':
      return 'System.Object[]'
    case 'Hashtable':
      return 'System.Collections.Hashtable'
    case 'PSCustomObject':
      return 'System.Management.Automation.PSCustomObject'
    default:
      return typeNameOf(value)
  }
}

/** `$o.psobject`: its Properties (live), TypeNames and BaseObject. */
export function psObjectView(target: unknown): Record<string, unknown> {
  if (!isRecord(target) || typeNameOf(target) === 'Hashtable') {
    throw new RuntimeError(
      'RuntimeError',
      `.psobject is supported on custom objects only, not on [${typeNameOf(target)}].`,
      { category: 'NotImplemented', hint: 'For a hashtable, use .Keys, .Values and .GetEnumerator().' },
    )
  }
  return withTypeName('PSObject', {
    Properties: Object.keys(target).map((key) => new PSNoteProperty(target, key)),
    TypeNames: [dotnetTypeName(target), 'System.Object'],
    BaseObject: target,
  })
}

/** `[ref]$x`: reads and writes the variable through `.Value` (TryParse's out argument). */
export class PSReference {
  readonly isReference = true
  constructor(
    private readonly read: () => unknown,
    private readonly write: (value: unknown) => void,
  ) {}
  get Value(): unknown {
    return this.read()
  }
  set Value(value: unknown) {
    this.write(value)
  }
  toString(): string {
    return 'System.Management.Automation.PSReference'
  }
}

/** Writes an out argument: `[int]::TryParse('5', [ref]$n)`. */
export function setReference(target: unknown, value: unknown, method: string): void {
  if (!(target instanceof PSReference)) {
    throw new RuntimeError(
      'RuntimeError',
      `Cannot convert argument "result", with value: "${String(target ?? '')}", for "${method}" to type "System.Management.Automation.PSReference": the argument must be [ref]$variable.`,
      { category: 'InvalidArgument' },
    )
  }
  target.Value = value
}

/** Arrays of numbers (`[int[]]`), whose elements' default is 0 rather than $null (Array.Clear). */
export const NUMBER_ARRAYS = new WeakSet<unknown[]>()

/** Arrays that are `List[T]` (growable, typed by name). */
const LISTS = new WeakMap<unknown[], string>()

/** A new `[System.Collections.Generic.List[T]]`: an array that grows in place. */
export function newList(elementType: string, items: unknown[] = []): unknown[] {
  const list = [...items]
  LISTS.set(list, elementType)
  return list
}

export function listElementType(value: unknown): string | undefined {
  return Array.isArray(value) ? LISTS.get(value) : undefined
}

/**
 * `$input` in a function: an enumerator over its pipeline input, as in PowerShell (an ArrayList's
 * enumerator, ScriptCommandProcessor.RunClause): MoveNext, Current, Reset. Enumerating it (`foreach`,
 * a pipeline, `@()`, `"$input"`, `-join`) moves it to the end, so it gives its items once until Reset.
 */
export class InputEnumerator {
  private index = -1
  constructor(private readonly items: readonly unknown[]) {}
  /** The item at the position; $null before MoveNext and after the end (as PowerShell shows it). */
  get Current(): unknown {
    return this.index >= 0 && this.index < this.items.length ? this.items[this.index] : null
  }
  moveNext(): boolean {
    if (this.index < this.items.length) this.index++
    return this.index < this.items.length
  }
  reset(): void {
    this.index = -1
  }
  /** The items after the position; the enumerator ends up at its end. */
  drain(): unknown[] {
    const rest = this.items.slice(this.index + 1)
    this.index = this.items.length
    return rest
  }
  toString(): string {
    return 'System.Collections.ArrayList+ArrayListEnumeratorSimple'
  }
}

/** A value as the items it enumerates to, when it is `$input`; otherwise itself. */
export function drainInput(value: unknown): unknown {
  return value instanceof InputEnumerator ? value.drain() : value
}

/** `[System.Text.StringBuilder]`: Append, AppendLine, AppendFormat, Insert, Replace, Clear, ToString. */
export class StringBuilderValue {
  text: string
  constructor(initial = '') {
    this.text = initial
  }
  get Length(): number {
    return this.text.length
  }
  get Capacity(): number {
    return Math.max(16, this.text.length)
  }
  get MaxCapacity(): number {
    return 2147483647
  }
  toString(): string {
    return this.text
  }
}

/** A regex Group: Name, Value, Index, Length, Success. */
export interface GroupView {
  Name: string
  Value: string
  Index: number
  Length: number
  Success: boolean
}

/** Names of an array of groups, so that `$m.Groups['name']` finds one. */
export const GROUP_NAMES = new WeakSet<unknown[]>()

/** A regex Match object, as [regex]::Match, [regex]::Matches and -replace's script block see it. */
export function matchObject(match: RegExpExecArray): Record<string, unknown> {
  type Indices = [number, number][] & { groups?: Record<string, [number, number] | undefined> }
  const indices = (match as RegExpExecArray & { indices?: Indices }).indices
  const names = Object.keys(match.groups ?? {})
  const groups: Record<string, unknown>[] = []
  for (let i = 0; i < match.length; i++) {
    // A named group is a numbered group in JavaScript; find its name by its position.
    const name =
      i === 0
        ? '0'
        : (names.find((candidate) => indices?.groups?.[candidate] === indices?.[i] && indices?.[i]) ??
          (names.length > 0 && !indices ? undefined : String(i)))
    groups.push(groupView(name ?? String(i), match[i], indices?.[i]?.[0] ?? match.index))
  }
  GROUP_NAMES.add(groups)
  const view = withTypeName('Match', {
    Groups: groups,
    Success: true,
    Name: '0',
    Captures: [groups[0]],
    Index: match.index,
    Length: match[0].length,
    Value: match[0],
  })
  Object.defineProperty(view, 'toString', { enumerable: false, value: () => match[0] })
  return view
}

function groupView(name: string, value: string | undefined, index: number): Record<string, unknown> {
  const group = withTypeName('Group', {
    Success: value !== undefined,
    Name: name,
    Captures: [],
    Index: index,
    Length: value?.length ?? 0,
    Value: value ?? '',
  })
  Object.defineProperty(group, 'toString', { enumerable: false, value: () => value ?? '' })
  return group
}

/** `$PSVersionTable`: the PowerShell version whose semantics the language follows. */
export function psVersionTable(): Record<string, unknown> {
  const version = withTypeName('SemanticVersion', {
    Major: 7,
    Minor: 4,
    Patch: 0,
    PreReleaseLabel: null,
    BuildLabel: null,
  })
  Object.defineProperty(version, 'toString', { enumerable: false, value: () => '7.4.0' })
  const table = withTypeName('Hashtable', {} as Record<string, unknown>)
  const entries: [string, unknown][] = [
    ['PSVersion', version],
    ['PSEdition', 'Core'],
    ['GitCommitId', '7.4.0'],
    ['OS', `${process.platform} ${process.release.name}`],
    ['Platform', process.platform === 'win32' ? 'Win32NT' : 'Unix'],
    ['PSCompatibleVersions', ['1.0', '2.0', '3.0', '4.0', '5.0', '5.1', '6.0', '7.0']],
    ['PSRemotingProtocolVersion', '2.3'],
    ['SerializationVersion', '1.1.0.1'],
    ['WSManStackVersion', '3.0'],
  ]
  for (const [key, value] of entries) {
    Object.defineProperty(table, key, { value, enumerable: true, writable: true, configurable: true })
  }
  return table
}
