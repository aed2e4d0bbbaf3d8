// A tiny spinner with its own timer, so only it re-renders while a command runs.
import { useEffect, useState } from 'react'
import { Text } from 'ink'
import type { Theme } from '../theme.js'

export interface SpinnerProps {
  label: string
  theme: Theme
  /** A wait the server imposed: while it lasts, the label counts it down instead. */
  wait?: { reason: string; until: number }
  /** What follows the label or the wait (`— Ctrl+C cancels`). */
  suffix?: string
}

/** `waiting 3 s: server rate limit` while the wait lasts, else undefined. */
export function waitLabel(wait: SpinnerProps['wait'], now = Date.now()): string | undefined {
  if (!wait || wait.until <= now) return undefined
  return `waiting ${Math.ceil((wait.until - now) / 1000)} s: ${wait.reason}`
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏']

/** `⠋ Running Get-VcsUser…` */
export function Spinner({ label, theme, wait, suffix = '' }: SpinnerProps) {
  const [frame, setFrame] = useState(0)
  useEffect(() => {
    const timer = setInterval(() => setFrame((f) => (f + 1) % FRAMES.length), 100)
    return () => clearInterval(timer)
  }, [])
  return (
    <Text>
      <Text {...theme.accent}>{FRAMES[frame]}</Text>{' '}
      <Text {...theme.muted}>{`${waitLabel(wait) ?? label}${suffix}`}</Text>
    </Text>
  )
}
