// The header of New-VcsUserInvitation's -ResultPath file and the check that an existing file has it:
// light (node:fs only), because the cmdlet's declaration runs the check when -ResultPath is bound,
// before the cmdlet's code (result-file.ts, job.ts) is loaded.
import { closeSync, openSync, readSync, statSync } from 'node:fs'

/** The result file's columns, in order. */
export const COLUMNS = ['Email', 'Result', 'InvitationId', 'Reason', 'Timestamp'] as const
/** The result file's header line. */
export const HEADER = COLUMNS.join(',')

/**
 * Why an existing file cannot be a result file (its first line is not the result-file header), as
 * words to follow "'path' is", or undefined when it can be one: missing, empty, or written by this
 * command. Reads only the file's start; says nothing about a path it cannot read as a file
 * (openResultFile reports those). Checked at binding too, so a CLI run connects to nothing.
 */
export function resultFileProblem(path: string): string | undefined {
  let head: string
  try {
    if (!statSync(path).isFile()) return undefined
    const fd = openSync(path, 'r')
    try {
      const buffer = Buffer.alloc(4096)
      head = buffer.toString('utf8', 0, readSync(fd, buffer, 0, buffer.length, 0))
    } finally {
      closeSync(fd)
    }
  } catch {
    return undefined
  }
  if (head.trim() === '') return undefined
  // Only part of the header, cut by a crash before its line end: repaired when the file is opened.
  if (!head.includes('\n') && HEADER.startsWith(head.replace(/^\uFEFF/, ''))) return undefined
  const firstLine = head
    .replace(/^\uFEFF/, '')
    .split('\n', 1)[0]
    .replace(/\r$/, '')
  const cells = firstLine.split(',').map((cell) => cell.trim().replace(/^"(.*)"$/, '$1'))
  if (cells.join(',') === HEADER) return undefined
  const shown = firstLine.length > 60 ? `${firstLine.slice(0, 60)}…` : firstLine
  return (
    `not a result file of New-VcsUserInvitation (its first line is '${shown}', not '${HEADER}'); ` +
    'nothing was written to it: give a new path or an earlier result file'
  )
}
