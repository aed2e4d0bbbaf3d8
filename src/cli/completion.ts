// Shell completion scripts for `vcs`, generated from the registry: cmdlet names first, then the
// chosen cmdlet's flags and, after a flag that takes a value, its values: a ValidateSet's words,
// file names for paths, live values (role names) from the connected organization by running `vcs -c`
// (nothing when it is not connected), and never flags where a value is expected.
import { kebabName } from '../engine/binder.js'
import { UsageError } from '../engine/errors.js'
import { OUTPUT_FORMATS } from './formats.js'
import type { AnyCmdlet, ParameterDef } from '../engine/types.js'

const TOP_LEVEL = ['--help', '--version', '--demo', '-c', '-File', 'emulator', 'completion', 'help']

function flagsOf(cmdlet: AnyCmdlet): { flag: string; def: ParameterDef }[] {
  return Object.entries(cmdlet.allParameters as Record<string, ParameterDef>)
    .filter(([, def]) => !def.hidden && def.type !== 'secret')
    .map(([name, def]) => ({ flag: `--${kebabName(name)}`, def }))
}

/** What completes the value after a flag; undefined for switches (the next word is a flag). */
type ValueCompletion =
  | { kind: 'words'; words: readonly string[] }
  | { kind: 'files' }
  | { kind: 'live'; script: string }
  | { kind: 'none' }

function valueCompletion(def: ParameterDef): ValueCompletion | undefined {
  if (def.type === 'switch') return undefined
  if (def.validateSet) return { kind: 'words', words: def.validateSet }
  if (def.type === 'bool') return { kind: 'words', words: ['true', 'false'] }
  const completer = def.completer
  if (completer === 'path') return { kind: 'files' }
  if (typeof completer === 'object' && !completer.args)
    return { kind: 'live', script: `(${completer.cmdlet}).${completer.property}` }
  return { kind: 'none' }
}

/** The completion script for bash, zsh, fish or PowerShell (pwsh). */
export function completionScript(shell: string | undefined, cmdlets: readonly AnyCmdlet[]): string {
  switch (shell) {
    case 'bash':
      return bashScript(cmdlets)
    case 'zsh':
      return `#compdef vcs\nautoload -U +X bashcompinit && bashcompinit\n${bashScript(cmdlets)}`
    case 'fish':
      return fishScript(cmdlets)
    case 'pwsh':
    case 'powershell':
      return pwshScript(cmdlets)
    default:
      throw new UsageError(
        'InvalidParameterValue',
        `vcs completion needs bash, zsh, fish or pwsh, not '${shell ?? ''}'.`,
        {
          hint: 'Try: source <(vcs completion bash)',
        },
      )
  }
}

function bashScript(cmdlets: readonly AnyCmdlet[]): string {
  const cases = cmdlets.map((cmdlet) => {
    const flags = flagsOf(cmdlet)
    const values = flags.flatMap(({ flag, def }) => {
      const value = valueCompletion(def)
      return value ? [`        ${flag}) ${bashValue(value)}; return ;;`] : []
    })
    return [
      `    ${cmdlet.name})`,
      '      case "$prev" in',
      ...values,
      '      esac',
      `      COMPREPLY=($(compgen -W "${[...flags.map((f) => f.flag), '--output', '--help'].join(' ')}" -- "$cur")) ;;`,
    ].join('\n')
  })
  return `# vcs completion for bash: source <(vcs completion bash)
_vcs() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}"
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "${[...cmdlets.map((c) => c.name), ...TOP_LEVEL].join(' ')}" -- "$cur"))
    return
  fi
  if [ "$prev" = "--output" ] || [ "$prev" = "-o" ]; then
    COMPREPLY=($(compgen -W "${OUTPUT_FORMATS.join(' ')}" -- "$cur")); return
  fi
  case "\${COMP_WORDS[1]}" in
    completion) COMPREPLY=($(compgen -W "bash zsh fish pwsh" -- "$cur")) ;;
${cases.join('\n')}
  esac
}
complete -o default -F _vcs vcs
`
}

function bashValue(value: ValueCompletion): string {
  switch (value.kind) {
    case 'words':
      return `COMPREPLY=($(compgen -W "${value.words.join(' ')}" -- "$cur"))`
    case 'files':
      return 'compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- "$cur"))'
    case 'live':
      // Script output is text, one value a line; not connected or no server: nothing to offer.
      return `local IFS=$'\\n'; COMPREPLY=($(compgen -W "$(vcs -c '${value.script}' 2>/dev/null)" -- "$cur"))`
    case 'none':
      return 'COMPREPLY=()'
  }
}

/**
 * For people who call `vcs` from pwsh: `vcs completion pwsh | Out-String | Invoke-Expression`, via
 * Register-ArgumentCompleter -Native. Returning nothing after a path flag lets pwsh complete files.
 */
function pwshScript(cmdlets: readonly AnyCmdlet[]): string {
  const quote = (text: string) => `'${text.replace(/'/g, "''")}'`
  const table = cmdlets.map((cmdlet) => {
    const entries = flagsOf(cmdlet).map(({ flag, def }) => {
      const value = valueCompletion(def)
      const spec =
        value === undefined
          ? "''"
          : value.kind === 'words'
            ? `@(${value.words.map(quote).join(', ')})`
            : value.kind === 'live'
              ? quote(`live:${value.script}`)
              : quote(value.kind)
      return `${quote(flag)} = ${spec}`
    })
    return `  ${quote(cmdlet.name)} = @{ ${entries.join('; ')} }`
  })
  return `# vcs completion for PowerShell: vcs completion pwsh | Out-String | Invoke-Expression
$__vcsFlags = @{
${table.join('\n')}
}
$__vcsTop = @(${[...cmdlets.map((c) => c.name), ...TOP_LEVEL].map(quote).join(', ')})
Register-ArgumentCompleter -Native -CommandName vcs -ScriptBlock {
  param($wordToComplete, $commandAst, $cursorPosition)
  $words = @($commandAst.CommandElements | ForEach-Object { $_.ToString() })
  $index = $words.Count - $(if ($wordToComplete) { 1 } else { 0 })
  $result = @()
  if ($index -le 1) {
    $result = $__vcsTop
  } else {
    $prev = $words[$index - 1]
    $flags = $__vcsFlags[$words[1]]
    if ($prev -in '--output', '-o') { $result = 'table', 'list', 'json', 'ndjson', 'csv' }
    elseif ($words[1] -eq 'completion') { $result = 'bash', 'zsh', 'fish', 'pwsh' }
    elseif ($flags -and $flags.ContainsKey($prev) -and $flags[$prev] -ne '') {
      $spec = $flags[$prev]
      if ($spec -is [array]) { $result = $spec }
      elseif ($spec -eq 'files') { return }
      elseif ($spec -like 'live:*') { $result = @(vcs -c $spec.Substring(5) 2>$null) }
      else { return @() }
    } elseif ($flags) { $result = @($flags.Keys) + '--output', '--help' }
  }
  $result | Where-Object { $_ -like "$wordToComplete*" } | ForEach-Object {
    [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
  }
}
`
}

function fishScript(cmdlets: readonly AnyCmdlet[]): string {
  const lines = ['# vcs completion for fish: vcs completion fish > ~/.config/fish/completions/vcs.fish']
  for (const cmdlet of cmdlets)
    lines.push(
      `complete -c vcs -n __fish_use_subcommand -f -a ${cmdlet.name} -d ${fishQuote(cmdlet.synopsis)}`,
    )
  lines.push('complete -c vcs -n __fish_use_subcommand -f -a "emulator completion help"')
  for (const cmdlet of cmdlets) {
    for (const { flag, def } of flagsOf(cmdlet)) {
      const value = valueCompletion(def)
      const choices =
        value?.kind === 'words'
          ? ` -x -a ${fishQuote(value.words.join(' '))}`
          : value?.kind === 'files'
            ? ' -r -F'
            : value?.kind === 'live'
              ? ` -x -a ${fishQuote(`(vcs -c '${value.script}' 2>/dev/null)`)}`
              : value
                ? ' -x'
                : ''
      const description = def.description ? ` -d ${fishQuote(def.description)}` : ''
      lines.push(
        `complete -c vcs -n "__fish_seen_subcommand_from ${cmdlet.name}" -l ${flag.slice(2)}${choices}${description}`,
      )
    }
  }
  lines.push(`complete -c vcs -s o -l output -x -a "${OUTPUT_FORMATS.join(' ')}"`)
  return `${lines.join('\n')}\n`
}

function fishQuote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
}
