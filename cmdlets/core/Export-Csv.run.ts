// The code of Export-Csv (declared in Export-Csv.ts).
import { createWriteStream, type WriteStream } from 'node:fs'
import { open, writeFile } from 'node:fs/promises'
import { once } from 'node:events'
import { implement, isRecord, propertyNames, RuntimeError } from '../../src/engine/index.js'
import { checkDelimiter, createCsvWriter, type QuoteMode } from './csv.js'
import { argumentsOf, fileError, inputObjects, resolvePath } from './shared.js'
import { CsvDifferences } from './csv-differences.js'
import type { ExportCsv } from './Export-Csv.js'

/**
 * -Append without -Force: the first object must have every column of the file, else PowerShell stops
 * (CsvCommands.cs ReconcilePreexistingPropertyNames, CannotAppendCsvWithMismatchedPropertyNames).
 */
function checkAppendedColumns(columns: string[], object: unknown, shownPath: string): void {
  const names = new Set((isRecord(object) ? propertyNames(object) : []).map((name) => name.toLowerCase()))
  const missing = columns.find((column) => !names.has(column.toLowerCase()))
  if (missing === undefined) return
  throw new RuntimeError(
    'RuntimeError',
    `Cannot append CSV content to the following file: ${shownPath}. The appended object does not have a property that corresponds to the following column: ${missing}. To continue with mismatched properties, add the -Force parameter, and then retry the command.`,
    { category: 'InvalidData' },
  )
}

/** The column names of a non-empty file being appended to, read from its first line only. */
async function existingHeader(
  path: string,
  delimiter: string,
  shownPath: string,
): Promise<string[] | undefined> {
  let handle
  try {
    handle = await open(path, 'r')
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return undefined
    throw fileError(error, shownPath, 'read')
  }
  try {
    const buffer = Buffer.alloc(64 * 1024)
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0)
    const firstLine = buffer
      .toString('utf8', 0, bytesRead)
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)[0]
    if (!firstLine) return undefined
    const { parse } = await import('csv-parse/sync')
    return (parse(firstLine, { delimiter }) as string[][])[0]
  } finally {
    await handle.close()
  }
}

export const exportCsv = implement<typeof ExportCsv>({
  // Writes a file and outputs nothing; stream() is still a generator, as the engine expects.
  // eslint-disable-next-line require-yield
  async *stream(records, ctx) {
    const args = argumentsOf<{
      path: string
      append?: boolean
      force?: boolean
      delimiter?: string
      noHeader?: boolean
      useQuotes?: QuoteMode
      noFormulaEscaping?: boolean
    }>(ctx)
    const delimiter = checkDelimiter(args.delimiter, 'Export-Csv')
    const writer = await createCsvWriter(delimiter, args.useQuotes ?? 'Always', !args.noFormulaEscaping)
    const path = resolvePath(args.path)
    let existing = args.append ? await existingHeader(path, delimiter, args.path) : undefined
    let headerDone = args.noHeader === true
    if (existing) {
      writer.columns = existing
      headerDone = true
    }
    let file: WriteStream | undefined
    const write = async (line: string) => {
      if (!file) {
        file = createWriteStream(path, { flags: args.append ? 'a' : 'w', encoding: 'utf8' })
        file.on('error', () => {})
        await Promise.race([once(file, 'open'), once(file, 'error').then(([error]) => Promise.reject(error))])
      }
      if (!file.write(`${line}\n`)) await once(file, 'drain')
    }
    const differences = new CsvDifferences(ctx)
    try {
      for await (const object of inputObjects(records, ctx)) {
        if (existing && !args.force) {
          checkAppendedColumns(existing, object, args.path)
          existing = undefined
        }
        if (!headerDone) await write(writer.header(object))
        headerDone = true
        const row = writer.row(object)
        differences.check(object, writer.columns)
        await write(row)
      }
      // No input: PowerShell still creates (or truncates) the file.
      if (!file && !args.append) await writeFile(path, '')
    } catch (error) {
      if ((error as { code?: string }).code?.startsWith('E')) throw fileError(error, args.path, 'write')
      throw error
    } finally {
      const opened = file as WriteStream | undefined
      if (opened && !opened.closed) await new Promise<void>((done) => opened.end(() => done()))
    }
  },
})
