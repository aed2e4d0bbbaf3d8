// The -ResultPath file of bulk invitations: one CSV row per input e-mail, appended as each batch
// settles, so that a rerun with the same file skips what is already done (resume after a crash or
// Ctrl+C without sending anything twice). An e-mail whose fate is final is written once, ever; only
// a Failed e-mail is tried again by a rerun, and gets a new row after its Failed one.
//
// What a file system can do to it: a run holds a lock file (`<path>.lock`, with its pid) so that two
// runs never append to one file; a crash mid-write leaves a cut last row, which the next run cuts
// off before it appends (that e-mail is then looked up again: no row lost, none doubled); a write
// that fails (a full disk) stops the run with one line saying so (exit code 1) and writes nothing
// more.
import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  openSync,
  readFileSync,
  statSync,
  truncateSync,
  unlinkSync,
  writeSync,
} from 'node:fs'
import { appendFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { dirname, resolve } from 'node:path'
import { RuntimeError, UsageError } from '../../../src/engine/index.js'
import { completeRowsLength, CsvSyntaxError, formatCsvRows, parseCsvText } from '../../core/csv.js'
import type { InvitationOutcome, VcsInvitationResult } from '../shared/model.js'
import { COLUMNS, resultFileProblem } from './result-file-header.js'

/** Outcomes that mean "nothing more to do for this e-mail". */
const FINAL: ReadonlySet<InvitationOutcome> = new Set([
  'Invited',
  'AddedDirectly',
  'AlreadyMember',
  'AlreadyInvited',
])

/** An open result file: what earlier runs finished, and an appender for this run's rows. */
export class ResultFile {
  /** Lower-cased e-mails whose row in an earlier run is final (invitation work done). */
  readonly done = new Set<string>()
  /** Lower-cased e-mails whose last row is Unknown: sent by an earlier run that never heard the answer. */
  private readonly unknown = new Set<string>()
  /** Bytes of a row cut by a crash of an earlier run, removed before this run appended (0: none). */
  readonly repairedBytes: number = 0
  /** Lower-cased e-mails with a final or Invalid row, in the file or appended by this run: never written again. */
  private readonly settled = new Set<string>()
  private writing: Promise<void> = Promise.resolve()
  private needsHeader: boolean
  private lock?: ResultFileLock
  /** Rows written by this run (named when a write fails). */
  private written = 0

  /** Takes the file's lock (see {@link ResultFileLock}), cuts a torn last row, and reads what is done. */
  constructor(readonly path: string) {
    this.lock = ResultFileLock.take(path)
    try {
      const text = existsSync(path) ? readFileSync(path, 'utf8') : ''
      // A crash mid-append leaves a last row without its line end: cut it, or this run's first row
      // would be glued to it. Its e-mail has no row then, and is looked up again like any other.
      const whole = completeRowsLength(text)
      if (whole < text.length) {
        truncateSync(path, Buffer.byteLength(text.slice(0, whole), 'utf8'))
        this.repairedBytes = Buffer.byteLength(text, 'utf8') - Buffer.byteLength(text.slice(0, whole), 'utf8')
      }
      this.needsHeader = text.slice(0, whole).trim() === ''
      if (!this.needsHeader) this.readRows(text.slice(0, whole))
    } catch (error) {
      this.release()
      throw error
    }
  }

  private readRows(text: string): void {
    let rows: Array<Record<string, string>>
    try {
      rows = parseCsvText(text, { source: this.path })
    } catch (cause) {
      if (!(cause instanceof CsvSyntaxError)) throw cause
      throw new RuntimeError(
        'FileError',
        `Cannot read the result file '${this.path}': it is not a CSV file this command wrote (${cause.message}).`,
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
   * Once a write has failed, nothing more is written and every later append rejects with that error.
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
      // Taken again when a flush released it (a shell session that goes on using the object).
      this.lock ??= ResultFileLock.take(this.path)
      const text = await formatCsvRows(header ? [[...COLUMNS], ...values] : values)
      try {
        await appendFile(this.path, text, 'utf8')
      } catch (error) {
        throw writeFailure(this.path, error, this.written)
      }
      this.written += rows.length
    })
    return this.writing
  }

  /** Waits for every pending write, then releases the lock (a later append takes it again). */
  async flush(): Promise<void> {
    try {
      await this.writing
    } finally {
      this.release()
    }
  }

  private release(): void {
    this.lock?.release()
    this.lock = undefined
  }
}

/** A failed append, in the user's words: which file, why, what was kept, and what to do. */
function writeFailure(path: string, error: unknown, written: number): RuntimeError {
  const code = (error as NodeJS.ErrnoException).code
  const why =
    code === 'ENOSPC'
      ? 'the disk is full (ENOSPC)'
      : code === 'EDQUOT'
        ? 'the disk quota is used up (EDQUOT)'
        : code === 'EFBIG'
          ? 'the file is larger than this system allows (EFBIG)'
          : `${(error as Error).message}`
  return new RuntimeError(
    'FileError',
    `Cannot write the result file '${path}': ${why}; the run stopped, and sends nothing more. ` +
      `${written} row(s) of this run were written; rerun with the same file once it can be written, ` +
      'and it resumes (finished e-mails are skipped).',
    { category: 'WriteError', target: path, cause: error },
  )
}

/**
 * The lock that keeps two runs from appending to one result file: `<path>.lock`, created with
 * O_EXCL, holding the owner's pid and host. A lock left by a run that no longer exists (kill -9, a
 * reboot) is taken over; one whose owner lives, or is on another host (its life cannot be checked
 * from here), refuses the run before anything is sent. Removed when the run ends, and at exit.
 */
class ResultFileLock {
  private released = false
  private readonly onExit = () => this.release()

  private constructor(readonly lockPath: string) {
    process.once('exit', this.onExit)
  }

  static take(path: string): ResultFileLock {
    const lockPath = `${resolve(path)}.lock`
    const owner = `${process.pid} ${hostname()}\n`
    for (let attempt = 0; attempt < 2; attempt++) {
      let fd: number
      try {
        fd = openSync(
          lockPath,
          constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
          0o600,
        )
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
          throw new UsageError(
            'InvalidParameterValue',
            `Cannot use -ResultPath '${path}': cannot create its lock file '${lockPath}' (${(error as Error).message}).`,
            { target: path },
          )
        }
        const holder = lockHolder(lockPath)
        if (holder.alive) {
          throw new UsageError(
            'InvalidParameterValue',
            `Cannot use -ResultPath '${path}': another run (${holder.who}) is writing it; nothing was sent. ` +
              'Wait for it to end, or give another path.',
            {
              target: path,
              hint: `If no such run exists, remove '${lockPath}'.`,
            },
          )
        }
        // Its owner is gone: the lock is stale. Remove it and try once more (another run may win).
        try {
          unlinkSync(lockPath)
        } catch {
          // Someone else removed it first.
        }
        continue
      }
      try {
        writeSync(fd, owner)
      } finally {
        closeSync(fd)
      }
      return new ResultFileLock(lockPath)
    }
    throw new UsageError(
      'InvalidParameterValue',
      `Cannot use -ResultPath '${path}': another run took its lock '${lockPath}' at the same moment.`,
      { target: path },
    )
  }

  release(): void {
    if (this.released) return
    this.released = true
    process.off('exit', this.onExit)
    try {
      unlinkSync(this.lockPath)
    } catch {
      // Already gone (removed by hand): nothing to release.
    }
  }
}

/** Who holds a lock file, and whether that run can still be running. */
function lockHolder(lockPath: string): { alive: boolean; who: string } {
  let text: string
  try {
    text = readFileSync(lockPath, 'utf8')
  } catch {
    return { alive: false, who: 'gone' }
  }
  const [pidText, host] = text.trim().split(/\s+/)
  const pid = Number(pidText)
  // Being written this instant (created, not yet filled): its owner lives.
  if (!Number.isInteger(pid) || pid <= 0) return { alive: true, who: 'a run starting now' }
  if (host !== hostname()) return { alive: true, who: `pid ${pid} on ${host}` }
  try {
    process.kill(pid, 0)
    return { alive: true, who: `pid ${pid}` }
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return { alive: (error as NodeJS.ErrnoException).code === 'EPERM', who: `pid ${pid}` }
  }
}

/**
 * Opens (or prepares to create) a result file, before any request: a missing or unwritable directory,
 * or a path that is a directory, not a regular file, or cannot be written, is a UsageError naming the
 * path, as is a file another run is writing; an unreadable file is a RuntimeError.
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
    const stat = statSync(full)
    if (stat.isDirectory()) throw refuse('it is a directory')
    // A device or a pipe (/dev/full, /dev/null) cannot be read back, resumed or repaired.
    if (!stat.isFile()) throw refuse('it is not a regular file')
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
