// Help text rendered from cmdlet definitions, PowerShell style: Get-Help, the one-shot CLI's --help
// and the docs generator all print the same synopsis, syntax, parameters and examples.
import {
  ALL_SETS,
  cellWidth,
  COMMON_PARAMETERS,
  displayName,
  matchWildcard,
  setsOf,
  toDisplayString,
  type AnyCmdlet,
  wrapCells,
  type ParameterDef,
} from '../../src/engine/index.js'
import { scriptBlockOnly, scriptBlockOrName } from './shared.js'

export interface HelpOptions {
  /** Every section: parameters, examples, notes, outputs. */
  full?: boolean
  /** Only NAME, SYNOPSIS and EXAMPLES (with `full`, examples are included anyway). */
  examples?: boolean
  /** Only the help of this one parameter. */
  parameter?: string
  /** Terminal width: longer lines wrap under their own indentation. Not wrapped when omitted. */
  width?: number
}

/**
 * Lines wrapped to `width` cells, each continuation indented as its line is, as PowerShell's help
 * view keeps a paragraph inside its section; breaks fall after spaces (a longer word is cut).
 */
export function wrapIndented(lines: readonly string[], width: number | undefined): string[] {
  if (width === undefined) return [...lines]
  return lines.flatMap((line) => {
    if (cellWidth(line) <= width) return [line]
    const indent = /^ */.exec(line)![0]
    const room = Math.max(10, width - indent.length)
    return wrapCells(line.slice(indent.length), room).map((part) => `${indent}${part}`.trimEnd())
  })
}

const TYPE_NAMES: Record<ParameterDef['type'], string> = {
  string: 'string',
  'string[]': 'string[]',
  int: 'int',
  'int[]': 'int[]',
  number: 'double',
  bool: 'bool',
  switch: 'switch',
  datetime: 'datetime',
  secret: 'SecureString',
  scriptblock: 'scriptblock',
  hashtable: 'hashtable',
  object: 'Object',
  'object[]': 'Object[]',
  any: 'Object',
  'any[]': 'Object[]',
}

/** How a parameter's type is shown: `<string[]>`, or the named object type (`<VcsUser>`). */
function typeLabel(def: ParameterDef): string {
  // Script-block parameters are declared 'any' (see shared.ts) but take script blocks.
  if (def.validate === scriptBlockOnly || def.validate === scriptBlockOrName) return 'scriptblock'
  if (def.objectType) {
    const names = typeof def.objectType === 'string' ? [def.objectType] : [...def.objectType]
    return names.join(' | ') + (def.type.endsWith('[]') ? '[]' : '')
  }
  return TYPE_NAMES[def.type]
}

/** The parameters of one set, positional first (by position), then in declaration order. */
function parametersOf(cmdlet: AnyCmdlet, set: string): [string, ParameterDef][] {
  const entries = Object.entries(cmdlet.parameters as Record<string, ParameterDef>).filter(
    ([, def]) => !def.hidden && setsOf(cmdlet, def).includes(set),
  )
  const positional = entries
    .filter(([, def]) => def.position !== undefined)
    .sort(([, a], [, b]) => (a.position ?? 0) - (b.position ?? 0))
  return [...positional, ...entries.filter(([, def]) => def.position === undefined)]
}

/** One syntax element: `[[-Name] <string[]>]`, `-Id <string[]>`, `[-Force]`. */
function syntaxElement(name: string, def: ParameterDef): string {
  const flag = `-${displayName(name)}`
  if (def.type === 'switch') return def.mandatory ? flag : `[${flag}]`
  const namepart = def.position !== undefined ? `[${flag}]` : flag
  const element = `${namepart} <${typeLabel(def)}>`
  return def.mandatory ? element : `[${element}]`
}

/**
 * Syntax lines, one per parameter set (default set first), PowerShell style:
 * `Get-VcsUser [[-Name] <string[]>] [-OrganizationRole <string[]>] [<CommonParameters>]`.
 */
export function renderSyntax(cmdlet: AnyCmdlet): string[] {
  const sets = [cmdlet.defaultSet, ...cmdlet.setNames.filter((set) => set !== cmdlet.defaultSet)]
  return sets.map((set) => {
    const parts = [cmdlet.name, ...parametersOf(cmdlet, set).map(([name, def]) => syntaxElement(name, def))]
    if (cmdlet.supportsShouldProcess) parts.push('[-WhatIf]', '[-Confirm]')
    parts.push('[<CommonParameters>]')
    return parts.join(' ')
  })
}

/** The detailed block of one parameter, as in Get-Help -Full or -Parameter. */
export function renderParameter(cmdlet: AnyCmdlet, name: string, def: ParameterDef): string[] {
  const lines = [`    -${displayName(name)}${def.type === 'switch' ? '' : ` <${typeLabel(def)}>`}`]
  if (def.description) lines.push(`        ${def.description}`)
  const pipeline =
    def.pipeline === 'byValue'
      ? 'true (ByValue)'
      : def.pipeline === 'byPropertyName'
        ? 'true (ByPropertyName)'
        : def.pipeline === 'both'
          ? 'true (ByValue, ByPropertyName)'
          : 'false'
  const sets = setsOf(cmdlet, def)
  const rows: [string, string][] = [
    ['Required?', String(def.mandatory === true)],
    ['Position?', def.position === undefined ? 'named' : String(def.position)],
    ['Default value', def.default === undefined ? '' : toDisplayString(def.default)],
    ['Accept pipeline input?', pipeline],
    ['Accept wildcard characters?', String(def.wildcards === true)],
  ]
  if (def.aliases?.length) rows.push(['Aliases', def.aliases.join(', ')])
  if (def.validateSet) rows.push(['Allowed values', def.validateSet.join(', ')])
  if (def.validateRange) rows.push(['Range', `${def.validateRange[0]} to ${def.validateRange[1]}`])
  if (cmdlet.setNames.length > 1 && !sets.includes(ALL_SETS)) rows.push(['Parameter sets', sets.join(', ')])
  lines.push('')
  for (const [label, value] of rows) lines.push(`        ${label.padEnd(28)} ${value}`.trimEnd())
  lines.push('')
  return lines
}

/** Full help text of a cmdlet, as lines (wrapped to `options.width` when given). */
export function renderHelp(cmdlet: AnyCmdlet, options: HelpOptions = {}): string[] {
  return wrapIndented(helpLines(cmdlet, options), options.width)
}

function helpLines(cmdlet: AnyCmdlet, options: HelpOptions): string[] {
  const parameters = Object.entries(cmdlet.allParameters as Record<string, ParameterDef>).filter(
    ([name, def]) => !def.hidden && !(name in COMMON_PARAMETERS),
  )
  if (options.parameter !== undefined) {
    const wanted = options.parameter.replace(/^-/, '').toLowerCase()
    const matches = parameters.filter(
      ([name, def]) =>
        name.toLowerCase() === wanted ||
        def.aliases?.some((alias) => alias.toLowerCase() === wanted) ||
        matchWildcard(name, wanted),
    )
    return matches.flatMap(([name, def]) => renderParameter(cmdlet, name, def))
  }
  const lines: string[] = ['NAME', `    ${cmdlet.name}`, '', 'SYNOPSIS', `    ${cmdlet.synopsis}`, '']
  const examples = () => {
    lines.push('EXAMPLES')
    if (cmdlet.examples.length === 0) lines.push('    (none)', '')
    cmdlet.examples.forEach((example, index) => {
      lines.push(`    -------------------------- EXAMPLE ${index + 1} --------------------------`, '')
      lines.push(`    ${example.title}`, '', `    PS> ${example.code}`, '')
      if (example.remarks) lines.push(`    ${example.remarks}`, '')
    })
  }
  if (options.examples && !options.full) {
    examples()
    return trimEnd(lines)
  }
  lines.push('SYNTAX', ...renderSyntax(cmdlet).flatMap((line) => [`    ${line}`, '']))
  if (cmdlet.description) lines.push('DESCRIPTION', `    ${cmdlet.description}`, '')
  if (options.full) {
    lines.push('PARAMETERS')
    for (const [name, def] of parameters) lines.push(...renderParameter(cmdlet, name, def))
    lines.push('    <CommonParameters>')
    lines.push(
      '        This cmdlet supports the common parameters: -Verbose, -Debug, -ErrorAction, -WarningAction',
      '        and -ErrorVariable.',
      '',
    )
    examples()
    if (cmdlet.notes) lines.push('NOTES', `    ${cmdlet.notes}`, '')
    if (cmdlet.output) lines.push('OUTPUTS', `    ${cmdlet.output}`, '')
  }
  if (cmdlet.aliases?.length) lines.push('ALIASES', `    ${cmdlet.aliases.join(', ')}`, '')
  if (!options.full) {
    lines.push(
      'REMARKS',
      `    To see the examples, type: "Get-Help ${cmdlet.name} -Examples".`,
      `    For all the details, type: "Get-Help ${cmdlet.name} -Full".`,
    )
  }
  return trimEnd(lines)
}

function trimEnd(lines: string[]): string[] {
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop()
  return lines
}
