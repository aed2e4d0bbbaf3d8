// The -ResultPath file of bulk invitations: one CSV row per input e-mail, appended as each batch
// settles, so that a rerun with the same file skips what is already done (resume after a crash or
// Ctrl+C without sending anything twice). An e-mail whose fate is final is written once, ever; only
// a Failed e-mail is tried again by a rerun, and gets a new row after its Failed one.
import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  openSync,
  readFileSync,
  readSync,
  statSync,
} from 'node:fs'
import { appendFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, resolve } from 'node:path'
import { RuntimeError, UsageError } from '../../../src/engine/index.js'
import type { InvitationOutcome, VcsInvitationResult } from '../shared/model.js'

const COLUMNS = ['Email', 'Result', 'InvitationId', 'Reason', 'Timestamp'] as const
const HEADER = COLUMNS.join(',')

/**
 * csv-parse, loaded only when a result file from an earlier run is read (not with the registry, so
 * other commands never pay for it). Synchronously, with require(): the file is checked before the
 * first request, so that a broken one stops the command before anything is sent.
 */
function csvParse(): typeof import('csv-parse/sync').parse {
  return (createRequire(import.meta.url)('csv-parse/sync') as typeof import('csv-parse/sync')).parse
}

/** Outcomes that mean "nothing more to do for this e-mail". */
const FINAL: ReadonlySet<InvitationOutcome> = new Set([
  'Invited',
  'AddedDirectly',
  'AlreadyMember',
  'AlreadyInvited',
])

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

/** An open result file: what earlier runs finished, and an appender for this run's rows. */
export class ResultFile {
  /** Lower-cased e-mails whose row in an earlier run is final (invitation work done). */
  readonly done = new Set<string>()
  /** Lower-cased e-mails whose last row is Unknown: sent by an earlier run that never heard the answer. */
  private readonly unknown = new Set<string>()
  /** Lower-cased e-mails with a final or Invalid row, in the file or appended by this run: never written again. */
  private readonly settled = new Set<string>()
  private writing: Promise<void> = Promise.resolve()
  private needsHeader: boolean

  constructor(readonly path: string) {
    this.needsHeader = !existsSync(path) || readFileSync(path, 'utf8').trim() === ''
    if (!this.needsHeader) {
      let rows: Array<Record<string, string>>
      try {
        rows = csvParse()(readFileSync(path, 'utf8'), {
          columns: true,
          skip_empty_lines: true,
          relax_column_count: true,
        })
      } catch (cause) {
        throw new RuntimeError(
          'FileError',
          `Cannot read the result file '${path}': it is not a CSV file this command wrote.`,
          { cause },
        )
      }
      for (const row of rows) {
        if (row.Email === undefined) continue
        const key = row.Email.trim().toLowerCase()
        const result = row.Result as InvitationOutcome
        if (FINAL.has(result)) this.done.add(key)
        if (FINAL.has(result) || result === 'Invalid') this.settled.add(key)
        if (result === 'Unknown') this.unknown.add(key)
        else this.unknown.delete(key)
      }
    }
  }

  /** True when an earlier run finished this e-mail. */
  isDone(email: string): boolean {
    return this.done.has(email.toLowerCase())
  }

  /**
   * True when an earlier run sent this e-mail and never learnt what became of it (its last row is
   * Unknown): an invitation or a membership found now is what that run did.
   */
  wasUnknown(email: string): boolean {
    return this.unknown.has(email.trim().toLowerCase())
  }

  /** True when the file already has this e-mail's final row (an Invalid one included): none is written again. */
  isSettled(email: string): boolean {
    return this.settled.has(email.trim().toLowerCase())
  }

  /**
   * Appends rows (in order, one write at a time); resolves once they are written. A row for an e-mail
   * that already has a final or Invalid row is left out: one such row per e-mail, whatever the reruns.
   */
  append(input: readonly VcsInvitationResult[]): Promise<void> {
    const rows = input.filter((row) => {
      const key = row.Email.trim().toLowerCase()
      if (this.settled.has(key)) return false
      if (FINAL.has(row.Result) || row.Result === 'Invalid') this.settled.add(key)
      return true
    })
    if (rows.length === 0) return this.writing
    const header = this.needsHeader
    this.needsHeader = false
    const values = rows.map((row) => COLUMNS.map((column) => row[column]))
    this.writing = this.writing.then(async () => {
      // csv-stringify loads with the first rows, not with the registry.
      const { stringify } = await import('csv-stringify/sync')
      const text = stringify(values, header ? { header: true, columns: [...COLUMNS] } : {})
      await appendFile(this.path, text, 'utf8')
    })
    return this.writing
  }

  /** Waits for every pending write. */
  flush(): Promise<void> {
    return this.writing
  }
}

/**
 * Opens (or prepares to create) a result file, before any request: a missing or unwritable directory,
 * or a path that is a directory or cannot be written, is a UsageError naming the path; an unreadable
 * file is a RuntimeError.
 */
export function openResultFile(path: string): ResultFile {
  const full = resolve(path)
  const dir = dirname(full)
  const refuse = (why: string) =>
    new UsageError('InvalidParameterValue', `Cannot use -ResultPath '${path}': ${why}.`, { target: path })
  let dirStat
  try {
    dirStat = statSync(dir)
  } catch {
    throw refuse(`the directory '${dir}' does not exist`)
  }
  if (!dirStat.isDirectory()) throw refuse(`'${dir}' is not a directory`)
  if (existsSync(full)) {
    if (statSync(full).isDirectory()) throw refuse('it is a directory')
    try {
      accessSync(full, constants.R_OK | constants.W_OK)
    } catch {
      throw refuse('the file cannot be read and written')
    }
    // Before anything is sent or appended: rows of another shape would damage someone's file.
    const problem = resultFileProblem(full)
    if (problem) throw refuse(`it is ${problem}`)
  } else {
    try {
      accessSync(dir, constants.W_OK)
    } catch {
      throw refuse(`the directory '${dir}' is not writable`)
    }
  }
  return new ResultFile(path)
}
