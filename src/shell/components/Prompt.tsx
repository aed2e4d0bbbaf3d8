// The prompt text, `vcs demo-org> ` or `vcs (not connected)> `, coloured by connection state.
import { Text } from 'ink'
import type { Theme } from '../theme.js'

export interface PromptProps {
  /** The org slug, or undefined when not connected. */
  org: string | undefined
  theme: Theme
}

/** The prompt string for an org slug, shared with the scroll-back echo of submitted lines. */
export function promptText(org: string | undefined): string {
  return org ? `vcs ${org}> ` : 'vcs (not connected)> '
}

/** Draws the prompt. */
export function Prompt({ org, theme }: PromptProps) {
  return <Text {...(org ? theme.prompt : theme.promptDisconnected)}>{promptText(org)}</Text>
}
