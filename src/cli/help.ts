// Help for people at the command line: the top-level usage, and per-cmdlet help that shows the
// one-shot flags (kebab-case, aliases, choices) followed by the same text and examples as Get-Help.
import { renderHelp } from '../../cmdlets/core/help-text.js'
import { kebabName, setsOf } from '../engine/binder.js'
import type { AnyCmdlet, ParameterDef } from '../engine/types.js'
import { EXIT_CODE_HELP } from './exit.js'
import { OUTPUT_FORMATS, outputFormatWords } from './formats.js'

/** The one-shot usage of a cmdlet, then its Get-Help text with examples. */
export function cmdletHelp(cmdlet: AnyCmdlet): string {
  const lines = [`Usage: vcs ${cmdlet.name} [flags]`, '', 'Flags:']
  const entries = Object.entries(cmdlet.allParameters as Record<string, ParameterDef>).filter(
    ([, def]) => !def.hidden,
  )
  const rows = entries.map(
    ([name, def]) => [flagSpelling(name, def), flagDescription(cmdlet, name, def)] as const,
  )
  rows.push([
    '-o, --output <format>',
    `${outputFormatWords()} (default: table on a terminal, json when piped)`,
  ])
  rows.push(['--no-color', 'no colours (also NO_COLOR=1)'])
  if (entries.some(([, def]) => def.pipeline))
    rows.push([
      '--input -',
      'read pipeline records from stdin even when flags name them (read anyway when they do not)',
    ])
  const width = Math.max(...rows.map(([flag]) => flag.length))
  for (const [flag, description] of rows) lines.push(`  ${flag.padEnd(width)}  ${description}`.trimEnd())
  lines.push('', ...renderHelp(cmdlet, { full: true, examples: true }))
  return `${lines.join('\n')}\n`
}

/** `--organization-role <string>` with its aliases. */
export function flagSpelling(name: string, def: ParameterDef): string {
  const aliases = (def.aliases ?? []).map((alias) =>
    alias.length === 1 ? `-${alias}` : `--${kebabName(alias)}`,
  )
  // Scripts turn confirmation off with `--confirm false`: the form the docs give, so shown here.
  const value =
    def.type === 'switch'
      ? name === 'confirm'
        ? ' [false]'
        : ''
      : ` <${def.validateSet ? def.validateSet.join('|') : def.type}>`
  return [...aliases, `--${kebabName(name)}${value}`].join(', ')
}

function flagDescription(cmdlet: AnyCmdlet, name: string, def: ParameterDef): string {
  const notes: string[] = []
  if (def.mandatory) notes.push(requiredNote(cmdlet, def))
  if (def.pipeline) notes.push('stdin')
  if (def.type.endsWith('[]')) notes.push('repeat or comma-separate')
  const suffix = notes.length ? ` [${notes.join(', ')}]` : ''
  const description =
    name === 'confirm' && def.type === 'switch'
      ? `${def.description ?? ''} --confirm false changes without asking, as scripts must for high-impact changes.`
      : (def.description ?? '')
  return `${description}${suffix}`.trim()
}

/**
 * `required` when every parameter set needs the flag; `required in set ById` when only some do
 * (the other sets do without it, as the SYNTAX lines below show), or `required except in set
 * ScriptBlock` when that is the shorter list.
 */
function requiredNote(cmdlet: AnyCmdlet, def: ParameterDef): string {
  const sets = setsOf(cmdlet, def)
  const others = cmdlet.setNames.filter((set) => !sets.includes(set))
  if (others.length === 0) return 'required'
  const [how, list] = others.length < sets.length ? ['except in', others] : ['in', sets]
  return `required ${how} set${list.length > 1 ? 's' : ''} ${list.join(', ')}`
}

/** `vcs --help`. */
export function topLevelHelp(cmdlets: readonly AnyCmdlet[]): string {
  const names = cmdlets.map((cmdlet) => `  ${cmdlet.name.padEnd(30)} ${cmdlet.synopsis}`)
  return `${[
    'vcs: manage the users of a VMware Cloud Services organization.',
    '',
    'Usage:',
    '  vcs                               the interactive shell (script text on stdin when piped)',
    '  vcs --demo                        the shell on an embedded emulator with demo data',
    '  vcs <Verb-Noun> [--flags]         one cmdlet; see vcs <Verb-Noun> --help',
    '  vcs -c "<pipeline>"               run a pipeline (also -Command)',
    '  vcs -File job.ps1 [args]          run a script',
    '  vcs emulator [--port 8443] [--host H] [--data DIR] [--seed demo|empty] [--users N] [--profile console|tanzu] [--json] [--tls]',
    '  vcs completion bash|zsh|fish      print a completion script',
    '  vcs --version',
    '',
    `Output: -o, --output ${OUTPUT_FORMATS.join('|')} (default: a table on a terminal; piped, JSON from a`,
    '  command and the text pwsh prints from a script); --no-color. Stdin: --input - (see vcs X --help).',
    'Connection: VCS_SERVER and VCS_API_TOKEN (or VCS_API_TOKEN_FILE), or VCS_APP_ID, VCS_APP_SECRET, VCS_ORG_ID.',
    '',
    'Exit codes:',
    ...EXIT_CODE_HELP.map(([code, meaning]) => `  ${String(code).padStart(3)}  ${meaning}`),
    '',
    'Cmdlets:',
    ...names,
  ].join('\n')}\n`
}
