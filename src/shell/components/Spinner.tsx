// A tiny spinner with its own timer, so only it re-renders while a command runs.
import { useEffect, useState } from 'react'
import { Text } from 'ink'
import type { Theme } from '../theme.js'

export interface SpinnerProps {
  label: string
  theme: Theme
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏']

/** `⠋ Running Get-VcsUser…` */
export function Spinner({ label, theme }: SpinnerProps) {
  const [frame, setFrame] = useState(0)
  useEffect(() => {
    const timer = setInterval(() => setFrame((f) => (f + 1) % FRAMES.length), 100)
    return () => clearInterval(timer)
  }, [])
  return (
    <Text>
      <Text {...theme.accent}>{FRAMES[frame]}</Text> <Text {...theme.muted}>{label}</Text>
    </Text>
  )
}
