// Progress of a bulk operation: bar, counts, failures, rate and ETA, as the engine computed them.
import { Text } from 'ink'
import type { ProgressRecord } from '../../engine/index.js'
import type { Theme } from '../theme.js'
import { clean } from '../scrollback.js'

export interface ProgressBarProps {
  record: ProgressRecord
  width: number
  theme: Theme
}

/** Seconds as `42s`, `3m05s` or `1h02m`. */
export function formatDuration(seconds: number): string {
  const s = Math.round(seconds)
  if (s < 60) return `${s}s`
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`
}

/** The text after the bar: `40/100  2 failed  12.5/s  ETA 5s`. */
export function progressSummary(record: ProgressRecord): string {
  const parts = [record.total !== undefined ? `${record.completed}/${record.total}` : `${record.completed}`]
  if (record.failed) parts.push(`${record.failed} failed`)
  if (record.rate !== undefined)
    parts.push(`${record.rate >= 10 ? Math.round(record.rate) : record.rate.toFixed(1)}/s`)
  if (record.etaSeconds !== undefined && !record.done) parts.push(`ETA ${formatDuration(record.etaSeconds)}`)
  return parts.join('  ')
}

/** `Inviting users [██████░░░░░░] 40/100  12/s  ETA 5s` */
export function ProgressBar({ record, width, theme }: ProgressBarProps) {
  const summary = progressSummary(record)
  const label = clean(record.status ? `${record.activity}: ${record.status}` : record.activity)
  const barWidth = Math.max(10, Math.min(40, width - label.length - summary.length - 6))
  const fraction =
    record.total && record.total > 0 ? Math.min(1, record.completed / record.total) : record.done ? 1 : 0
  const filled = Math.round(fraction * barWidth)
  return (
    <Text>
      {label} [<Text {...theme.progressBar}>{'█'.repeat(filled)}</Text>
      <Text {...theme.muted}>{'░'.repeat(barWidth - filled)}</Text>] {summary}
    </Text>
  )
}
