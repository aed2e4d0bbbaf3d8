// The -ResultPath file of Sync-VcsOrganization: one CSV row per action as it settles (appended, so a
// crash keeps what was written), read back by a rerun with the same file. The rerun plans again from
// what CSP holds, so an action done earlier is simply no longer planned; the file tells the user
// which earlier actions those were, and a Done row is never written twice for the same action.
import { existsSync, readFileSync, statSync } from 'node:fs'
import { appendFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, resolve } from 'node:path'
import { RuntimeError, UsageError } from '../../../src/engine/index.js'
import { actionKey } from '../shared/sync-plan.js'

const COLUMNS = ['Action', 'Email', 'Add', 'Remove', 'Result', 'Reason', 'Timestamp'] as const
const HEADER = COLUMNS.join(',')

/** What became of one action: Done, Failed, Refused (a safety rule), Unknown (no answer), NotAttempted. */
export type SyncOutcome = 'Done' | 'Failed' | 'Refused' | 'Unknown' | 'NotAttempted'

/** One row of the file. */
export interface SyncResultRow {
  Action: string
  Email: string
  Add: string[]
  Remove: string[]
  Result: SyncOutcome
  Reason: string
}

/** An open result file: the actions earlier runs did, and an appender for this run's rows. */
export class SyncResultFile {
  /** Keys of actions an earlier run did (Done rows). */
  readonly done = new Set<string>()
  private writing: Promise<void> = Promise.resolve()
  private needsHeader: boolean

  constructor(readonly path: string) {
    const text = existsSync(path) ? readFileSync(path, 'utf8') : ''
    this.needsHeader = text.trim() === ''
    if (this.needsHeader) return
    const first = text
      .replace(/^\uFEFF/, '')
      .split('\n', 1)[0]
      .replace(/\r$/, '')
    if (first !== HEADER) {
      throw new UsageError(
        'InvalidParameterValue',
        `Cannot use -ResultPath '${path}': it is not a result file of Sync-VcsOrganization (its first line is not '${HEADER}'); nothing was written to it.`,
        { target: path },
      )
    }
    let rows: Array<Record<string, string>>
    try {
      const { parse } = createRequire(import.meta.url)('csv-parse/sync') as typeof import('csv-parse/sync')
      rows = parse(text, { columns: true, skip_empty_lines: true, relax_column_count: true, bom: true })
    } catch (cause) {
      throw new RuntimeError('FileError', `Cannot read the result file '${path}': it is not valid CSV.`, {
        cause,
      })
    }
    const split = (cell: string | undefined) => (cell ?? '').split(';').filter((item) => item.trim() !== '')
    for (const row of rows) {
      if (row.Result !== 'Done') continue
      this.done.add(
        actionKey({
          Action: row.Action ?? '',
          Email: row.Email ?? '',
          Add: split(row.Add),
          Remove: split(row.Remove),
        }),
      )
    }
  }

  /** Appends rows in order, one write at a time; a Done row already in the file is not written again. */
  append(rows: readonly SyncResultRow[]): Promise<void> {
    const fresh = rows.filter((row) => {
      if (row.Result !== 'Done') return true
      const key = actionKey(row)
      if (this.done.has(key)) return false
      this.done.add(key)
      return true
    })
    if (fresh.length === 0) return this.writing
    const header = this.needsHeader
    this.needsHeader = false
    const now = new Date().toISOString()
    const values = fresh.map((row) => [
      row.Action,
      row.Email,
      row.Add.join(';'),
      row.Remove.join(';'),
      row.Result,
      row.Reason,
      now,
    ])
    this.writing = this.writing.then(async () => {
      const { stringify } = await import('csv-stringify/sync')
      await appendFile(
        this.path,
        stringify(values, header ? { header: true, columns: [...COLUMNS] } : {}),
        'utf8',
      )
    })
    return this.writing
  }

  /** Waits for every pending write. */
  flush(): Promise<void> {
    return this.writing
  }
}

/** Opens (or prepares) the result file before any request: a bad path is a usage error naming it. */
export function openSyncResultFile(path: string): SyncResultFile {
  const full = resolve(path)
  const refuse = (why: string) =>
    new UsageError('InvalidParameterValue', `Cannot use -ResultPath '${path}': ${why}.`, { target: path })
  try {
    if (!statSync(dirname(full)).isDirectory()) throw refuse(`'${dirname(full)}' is not a directory`)
  } catch (error) {
    if (error instanceof UsageError) throw error
    throw refuse(`the directory '${dirname(full)}' does not exist`)
  }
  if (existsSync(full) && statSync(full).isDirectory()) throw refuse('it is a directory')
  return new SyncResultFile(full)
}
