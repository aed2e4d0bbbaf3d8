// param() blocks of script files and script blocks: named (`-Name value`, `-Name:value`, a unique
// prefix or an [Alias()]), switch and positional binding, [type] conversion, default values,
// [Parameter(Mandatory)], [ValidateSet()], [ValidateRange()], [ValidatePattern()], and $args for
// whatever is left over.
import { coerce } from '../engine/coerce.js'
import { UsageError, type SourcePosition } from '../engine/errors.js'
import { toDisplayString } from '../engine/objects.js'
import type { AttributeNode, Expression, ParamBlock, ParameterDeclaration, Span } from './ast.js'
import { evalAsync, evalSync, isSync } from './expressions.js'
import type { Frame } from './scope.js'
import { canonicalType, convertTo, toNumber, toText, typeValue } from './types.js'

/** One argument as given: `-Name` (maybe with its value) or a positional value. */
export interface ArgumentItem {
  name?: string
  value?: unknown
  hasValue: boolean
  position?: SourcePosition
}

/** Command-line style arguments (`-Name`, `bob`, `-Force`, `-Count:3`) as items, for script files. */
export function itemsFromArgv(args: readonly unknown[], block: ParamBlock | undefined): ArgumentItem[] {
  return args.map((arg) => {
    if (block && typeof arg === 'string') {
      const match = /^-([A-Za-z_][\w-]*)(?::(.*))?$/s.exec(arg)
      if (match)
        return match[2] === undefined
          ? { name: match[1], hasValue: false }
          : { name: match[1], value: match[2], hasValue: true }
    }
    return { value: arg, hasValue: true }
  })
}

interface Declared {
  node: ParameterDeclaration
  type?: string
  aliases: string[]
  mandatory: boolean
  position?: number
  isSwitch: boolean
}

/**
 * Binds arguments to a param block, defining each parameter in `frame.scope`. Returns the values
 * no parameter took (for $args). Errors are UsageErrors naming the parameter and `owner`.
 */
export async function bindParameters(
  block: ParamBlock,
  items: ArgumentItem[],
  frame: Frame,
  owner: string,
): Promise<unknown[]> {
  const declared: Declared[] = []
  for (const node of block.parameters) declared.push(await describe(node, frame))
  const bound = new Map<Declared, unknown>()
  const positional: ArgumentItem[] = []
  for (let i = 0; i < items.length; i++) {
    const item = items[i]
    if (item.name === undefined) {
      positional.push(item)
      continue
    }
    const parameter = resolve(declared, item.name, owner, item.position)
    let value: unknown
    if (item.hasValue) value = item.value
    else if (parameter.isSwitch) value = true
    else if (i + 1 < items.length && items[i + 1].name === undefined) value = items[++i].value
    else
      throw new UsageError(
        'InvalidParameterValue',
        `Missing an argument for parameter -${parameter.node.name} of ${owner}.`,
        { position: item.position },
      )
    bound.set(parameter, value)
  }
  const slots = declared
    .filter((parameter) => !parameter.isSwitch && !bound.has(parameter))
    .sort((a, b) => (a.position ?? Infinity) - (b.position ?? Infinity))
  const rest: unknown[] = []
  for (const item of positional) {
    const slot = slots.shift()
    if (slot) bound.set(slot, item.value)
    else rest.push(item.value)
  }
  for (const parameter of declared) {
    let value: unknown
    if (bound.has(parameter)) {
      value = withPosition(
        () => convert(parameter, bound.get(parameter), owner, frame),
        frame,
        parameter.node,
      )
    } else if (parameter.mandatory) {
      throw new UsageError('MissingMandatoryParameter', `${owner} needs -${parameter.node.name}.`, {
        position: frame.source.position(parameter.node),
        hint: `Pass it as -${parameter.node.name} <value>.`,
      })
    } else if (parameter.node.defaultValue) {
      value = await evalAsync(parameter.node.defaultValue, frame)
    } else {
      value = parameter.isSwitch
        ? false
        : parameter.type && canonicalType(parameter.type)
          ? convert(parameter, null, owner, frame, false)
          : null
    }
    frame.scope.setLocal(parameter.node.name, value)
  }
  return rest
}

async function describe(node: ParameterDeclaration, frame: Frame): Promise<Declared> {
  const type = node.type ? (canonicalType(node.type.name) ?? node.type.name.toLowerCase()) : undefined
  const parameter: Declared = {
    node,
    type,
    aliases: [],
    mandatory: false,
    isSwitch: type === 'bool' && /switch/i.test(node.type?.name ?? ''),
  }
  for (const attribute of node.attributes) {
    const name = attribute.name.toLowerCase()
    if (name === 'parameter') {
      for (const entry of attribute.named) {
        const value = entry.value ? await evalAsync(entry.value, frame) : true
        if (entry.name.toLowerCase() === 'mandatory') parameter.mandatory = Boolean(value)
        if (entry.name.toLowerCase() === 'position') parameter.position = toNumber(value)
      }
    } else if (name === 'alias') {
      parameter.aliases.push(...(await values(attribute, frame)).map(toText))
    }
  }
  return parameter
}

async function values(attribute: AttributeNode, frame: Frame): Promise<unknown[]> {
  const result: unknown[] = []
  for (const expression of attribute.positional) {
    const value = await evalAsync(expression, frame)
    result.push(...(Array.isArray(value) ? value : [value]))
  }
  return result
}

function resolve(declared: Declared[], typed: string, owner: string, position?: SourcePosition): Declared {
  const wanted = typed.toLowerCase()
  const exact = declared.find(
    (parameter) =>
      parameter.node.name.toLowerCase() === wanted ||
      parameter.aliases.some((alias) => alias.toLowerCase() === wanted),
  )
  if (exact) return exact
  const matches = declared.filter((parameter) => parameter.node.name.toLowerCase().startsWith(wanted))
  if (matches.length === 1) return matches[0]
  const names = declared.map((parameter) => `-${parameter.node.name}`).join(', ')
  if (matches.length > 1) {
    throw new UsageError(
      'ParameterAmbiguous',
      `Parameter -${typed} of ${owner} is ambiguous: it could be ${matches.map((m) => `-${m.node.name}`).join(', ')}.`,
      {
        position,
      },
    )
  }
  throw new UsageError('ParameterNotFound', `${owner} has no parameter -${typed}.`, {
    position,
    hint: names ? `Its parameters: ${names}.` : `${owner} takes no named parameters.`,
  })
}

function withPosition<T>(action: () => T, frame: Frame, span: Span): T {
  try {
    return action()
  } catch (error) {
    if (error instanceof UsageError && !error.position) error.position = frame.source.position(span)
    throw error
  }
}

/** Converts a value to the parameter's type, then validates it (given values only, as PowerShell does). */
function convert(parameter: Declared, value: unknown, owner: string, frame: Frame, given = true): unknown {
  const name = parameter.node.name
  const fail = (reason: string) =>
    new UsageError('InvalidParameterValue', `Cannot bind -${name} of ${owner}: ${reason}`)
  let converted = value
  try {
    if (parameter.type === 'bool') converted = coerce('switch', value ?? false)
    else if (parameter.type) converted = convertTo(typeValue(parameter.node.type!.name), value)
  } catch (error) {
    throw fail((error as Error).message)
  }
  if (!given) return converted
  for (const attribute of parameter.node.attributes) converted = validate(attribute, converted, fail, frame)
  return converted
}

/**
 * ValidateSet (the value takes the declared spelling, as for cmdlets), ValidateRange, ValidatePattern
 * and ValidateNotNullOrEmpty, with constant arguments (literals, or `[int]::MaxValue`-style values
 * that run no command). Returns the value.
 */
export function validate(
  attribute: AttributeNode,
  value: unknown,
  fail: (reason: string) => UsageError,
  frame: Frame,
): unknown {
  const name = attribute.name.toLowerCase()
  const constants = attribute.positional.map((expression) => attributeArgument(expression, frame))
  const items = Array.isArray(value) ? value : [value]
  if (name === 'validatenotnullorempty' && (value === null || value === '' || items.length === 0)) {
    throw fail('the value is empty.')
  }
  if (name === 'validatenotnull' && (value === null || value === undefined)) throw fail('the value is null.')
  if (name === 'validateset') {
    const spelled = items.map((item) => {
      const match = constants.find((allowed) => String(allowed).toLowerCase() === toText(item).toLowerCase())
      if (match === undefined) throw fail(`'${toDisplayString(item)}' is not one of ${constants.join(', ')}.`)
      return match
    })
    return Array.isArray(value) ? spelled : spelled[0]
  }
  if (name === 'validaterange') validateRange(constants, items, fail)
  for (const item of items) {
    if (
      name === 'validatepattern' &&
      constants[0] !== undefined &&
      !new RegExp(String(constants[0]), 'i').test(toText(item))
    ) {
      throw fail(`'${toDisplayString(item)}' does not match the pattern '${constants[0]}'.`)
    }
  }
  return value
}

/** ValidateRangeKind (System.Management.Automation): the one-argument form of [ValidateRange()]. */
const RANGE_KINDS: Record<string, [(n: number) => boolean, string]> = {
  positive: [(n) => n > 0, 'greater than zero'],
  nonnegative: [(n) => n >= 0, 'greater than or equal to zero'],
  negative: [(n) => n < 0, 'less than zero'],
  nonpositive: [(n) => n <= 0, 'less than or equal to zero'],
}

/**
 * [ValidateRange(min, max)] and [ValidateRange('Positive')] (also NonNegative, Negative,
 * NonPositive), with PowerShell's messages (Metadata.resx ValidateRange*); an attribute it cannot
 * read is an error, never a check left out.
 */
function validateRange(constants: unknown[], items: unknown[], fail: (reason: string) => UsageError): void {
  const numeric = (value: unknown) => (typeof value === 'number' ? value : toNumber(value))
  if (constants.length === 1) {
    const kind = RANGE_KINDS[String(constants[0]).replace(/^.*::/, '').toLowerCase()]
    if (!kind)
      throw fail(
        `[ValidateRange(${toText(constants[0])})] is not a range kind: use Positive, NonNegative, Negative or NonPositive.`,
      )
    for (const item of items) {
      if (!kind[0](numeric(item)))
        throw fail(`The argument "${toText(item)}" cannot be validated because its value is not ${kind[1]}.`)
    }
    return
  }
  if (constants.length !== 2 || constants.some((value) => value === undefined || value === null)) {
    throw fail('[ValidateRange()] needs a minimum and a maximum, or a range kind such as Positive.')
  }
  const [min, max] = constants.map(numeric)
  if (max < min) {
    throw fail(
      'The specified maximum range cannot be accepted because it is less than the specified minimum range. Update the ValidateRange attribute for the parameter.',
    )
  }
  for (const item of items) {
    const number = numeric(item)
    if (number < min) {
      throw fail(
        `The ${toText(item)} argument is less than the minimum allowed range of ${toText(constants[0])}. Supply an argument that is greater than or equal to ${toText(constants[0])} and then try the command again.`,
      )
    }
    if (number > max) {
      throw fail(
        `The ${toText(item)} argument is greater than the maximum allowed range of ${toText(constants[1])}. Supply an argument that is less than or equal to ${toText(constants[1])} and then try the command again.`,
      )
    }
  }
}

/**
 * An attribute argument's value: a literal, `[ValidateRangeKind]::Positive` (the enum member's name),
 * or a value computed without running a command (`[int]::MaxValue`); otherwise undefined.
 */
function attributeArgument(expression: Expression, frame: Frame): unknown {
  if (expression.kind === 'Constant') return expression.value
  if (
    expression.kind === 'Member' &&
    expression.static &&
    typeof expression.member === 'string' &&
    expression.target.kind === 'Type' &&
    /(^|\.)ValidateRangeKind$/i.test(expression.target.type.name)
  ) {
    return expression.member
  }
  return isSync(expression) ? evalSync(expression, frame) : undefined
}
