// The CSV cells that Export-Csv and ConvertTo-Csv write differently from PowerShell on purpose (a
// date as ISO 8601, a list joined by "; ", a plain value in a column Value): each is announced once
// per session the first time a row holds one (src/engine/differences.ts).
import {
  announceDifference,
  getProperty,
  isRecord,
  type CmdletContext,
  type Difference,
} from '../../src/engine/index.js'

/** Checks rows as they are written; stops looking for a difference once this command has said it. */
export class CsvDifferences {
  private readonly seen = new Set<Difference>()
  constructor(private readonly ctx: CmdletContext) {}

  /** Looks at one row (its cells in `columns`) before it is written. */
  check(row: unknown, columns: readonly string[] | undefined): void {
    if (this.seen.size === 3) return
    if (!isRecord(row)) {
      if (row !== null && row !== undefined) this.hit('csvValue')
      return
    }
    for (const column of columns ?? []) {
      const cell = getProperty(row, column)
      if (cell instanceof Date) this.hit('csvDate')
      else if (Array.isArray(cell)) this.hit('csvList')
    }
  }

  private hit(id: Difference): void {
    if (this.seen.has(id)) return
    this.seen.add(id)
    announceDifference(this.ctx.session, id, this.ctx)
  }
}
