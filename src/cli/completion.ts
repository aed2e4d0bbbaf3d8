// Shell completion scripts for `vcs`, generated from the registry: cmdlet names first, then the
// chosen cmdlet's flags and, for flags with a ValidateSet, their values.
import { kebabName } from '../engine/binder.js'
import { UsageError } from '../engine/errors.js'
import type { AnyCmdlet, ParameterDef } from '../engine/types.js'

const TOP_LEVEL = ['--help', '--version', '--demo', '-c', '-File', 'emulator', 'completion', 'help']

function flagsOf(cmdlet: AnyCmdlet): { flag: string; def: ParameterDef }[] {
  return Object.entries(cmdlet.allParameters as Record<string, ParameterDef>)
    .filter(([, def]) => !def.hidden && def.type !== 'secret')
    .map(([name, def]) => ({ flag: `--${kebabName(name)}`, def }))
}

/** The completion script for bash, zsh or fish. */
export function completionScript(shell: string | undefined, cmdlets: readonly AnyCmdlet[]): string {
  switch (shell) {
    case 'bash':
      return bashScript(cmdlets)
    case 'zsh':
      return `#compdef vcs\nautoload -U +X bashcompinit && bashcompinit\n${bashScript(cmdlets)}`
    case 'fish':
      return fishScript(cmdlets)
    default:
      throw new UsageError(
        'InvalidParameterValue',
        `vcs completion needs bash, zsh or fish, not '${shell ?? ''}'.`,
        {
          hint: 'Try: source <(vcs completion bash)',
        },
      )
  }
}

function bashScript(cmdlets: readonly AnyCmdlet[]): string {
  const cases = cmdlets.map((cmdlet) => {
    const flags = flagsOf(cmdlet)
    const values = flags
      .filter(({ def }) => def.validateSet)
      .map(
        ({ flag, def }) =>
          `        ${flag}) COMPREPLY=($(compgen -W "${def.validateSet!.join(' ')}" -- "$cur")); return ;;`,
      )
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
    COMPREPLY=($(compgen -W "table list json ndjson csv" -- "$cur")); return
  fi
  case "\${COMP_WORDS[1]}" in
    completion) COMPREPLY=($(compgen -W "bash zsh fish" -- "$cur")) ;;
${cases.join('\n')}
  esac
}
complete -o default -F _vcs vcs
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
      const choices = def.validateSet ? ` -x -a ${fishQuote(def.validateSet.join(' '))}` : ''
      const description = def.description ? ` -d ${fishQuote(def.description)}` : ''
      lines.push(
        `complete -c vcs -n "__fish_seen_subcommand_from ${cmdlet.name}" -l ${flag.slice(2)}${choices}${description}`,
      )
    }
  }
  lines.push('complete -c vcs -s o -l output -x -a "table list json ndjson csv"')
  return `${lines.join('\n')}\n`
}

function fishQuote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
}
