// Turns standard input into pipeline records, so `vcs` commands chain in sh pipelines: a JSON array
// (what `vcs` itself writes when piped), NDJSON or pretty-printed JSON objects (jq), CSV (`vcs
// --output csv`, Export-Csv files), or lines of text.
import { UsageError } from '../engine/errors.js'

/**
 * Reads records from a text stream as they arrive. The first non-blank line decides the format:
 * `[` a JSON array (read whole), `{` JSON objects one after another, a line with a comma CSV with
 * a header (plain e-mail lines never hold one; so does a lone `Email` or `Id` header, quoted or not,
 * which no e-mail line can be), anything else lines of text (trimmed, blank lines skipped).
 */
export async function* readRecords(stream: NodeJS.ReadableStream): AsyncGenerator<unknown> {
  const { createInterface } = await import('node:readline')
  const lines = createInterface({ input: stream, crlfDelay: Infinity })
  let mode: 'array' | 'objects' | 'csv' | 'lines' | undefined
  let buffer = ''
  let bufferStartLine = 0
  let lineNumber = 0
  const iterator = lines[Symbol.asyncIterator]()
  // Stopped early (Select-Object -First) or done: stop reading, as a for-await loop would.
  try {
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      const line = next.value
      lineNumber++
      if (mode === undefined) {
        const trimmed = line.trim()
        if (trimmed === '') continue
        mode = trimmed.startsWith('[')
          ? 'array'
          : trimmed.startsWith('{')
            ? 'objects'
            : isCsvHeader(trimmed)
              ? 'csv'
              : 'lines'
        if (mode === 'csv') {
          yield* readCsv(line, iterator, lineNumber - 1)
          return
        }
      }
      if (mode === 'lines') {
        const text = line.trim()
        if (text !== '') yield text
        continue
      }
      if (mode === 'array') {
        buffer += `${line}\n`
        continue
      }
      // JSON objects: NDJSON parses line by line; a pretty-printed object parses once it is complete.
      if (buffer === '' && line.trim() === '') continue
      if (buffer === '') bufferStartLine = lineNumber
      buffer += `${line}\n`
      const parsed = tryParse(buffer)
      if (parsed.ok) {
        buffer = ''
        yield parsed.value
      }
    }
    if (mode === 'array') {
      const parsed = tryParse(buffer)
      if (!parsed.ok) throw invalidJson('a JSON array', 1)
      if (!Array.isArray(parsed.value)) throw invalidJson('a JSON array', 1)
      yield* parsed.value
    } else if (mode === 'objects' && buffer.trim() !== '') {
      throw invalidJson('JSON objects (one per line)', bufferStartLine)
    }
  } finally {
    lines.close()
  }
}

/** A CSV header line: it has a comma, or it is a lone `Email` or `Id` column (no e-mail line is). */
function isCsvHeader(trimmed: string): boolean {
  return trimmed.includes(',') || /^("?)(email|id)\1$/i.test(trimmed)
}

/**
 * Parses CSV from its header line on: one record per row, keyed by the header's column names, with
 * string values, so `Id` and `Email` bind by name. Rows are parsed one by one as their lines come
 * (a quoted value may span lines), with csv-parse loaded now rather than at start-up.
 */
async function* readCsv(
  header: string,
  rest: AsyncIterator<string>,
  skippedLines: number,
): AsyncGenerator<Record<string, string>> {
  const { parse } = await import('csv-parse/sync')
  const fields = (text: string, line: number): string[] => {
    try {
      return (parse(text, { bom: true }) as string[][])[0] ?? []
    } catch (error) {
      throw notCsv(line, (error as Error).message)
    }
  }
  let lineNumber = skippedLines + 1
  const columns = csvColumns(fields(header, lineNumber), lineNumber)
  let row = ''
  let rowLine = 0
  for (let next = await rest.next(); !next.done; next = await rest.next()) {
    lineNumber++
    if (row === '' && next.value.trim() === '') continue
    if (row === '') rowLine = lineNumber
    row = row === '' ? next.value : `${row}\n${next.value}`
    // An odd number of quotes so far: a quoted value goes on on the next line.
    if (quoteCount(row) % 2 === 1) continue
    const values = fields(row, rowLine)
    row = ''
    if (values.length !== columns.length)
      throw notCsv(rowLine, `expected ${columns.length} fields, got ${values.length}`)
    yield Object.fromEntries(columns.map((column, index) => [column, values[index]]))
  }
  if (row !== '') throw notCsv(rowLine, 'a quoted value is never closed (the input ends inside it)')
}

function quoteCount(text: string): number {
  let count = 0
  for (const char of text) if (char === '"') count++
  return count
}

function notCsv(line: number, reason: string): UsageError {
  return new UsageError(
    'InvalidParameterValue',
    `Standard input is not valid CSV (line ${line}): ${reason.replace(/\.$/, '')}.`,
    {
      category: 'InvalidData',
      hint: 'Pipe CSV with a header line, a JSON array, NDJSON, or plain lines of text.',
    },
  )
}

/** Column names, trimmed; an empty or repeated one would lose values, so it is refused. */
function csvColumns(names: string[], line: number): string[] {
  const columns = names.map((name) => name.trim())
  const seen = new Set<string>()
  for (const name of columns) {
    if (name === '' || seen.has(name.toLowerCase())) {
      throw new UsageError(
        'InvalidParameterValue',
        `Standard input is CSV whose header (line ${line}) has ${name === '' ? 'an empty column name' : `the column '${name}' twice`}.`,
        { category: 'InvalidData' },
      )
    }
    seen.add(name.toLowerCase())
  }
  return columns
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch {
    return { ok: false }
  }
}

function invalidJson(what: string, line: number): UsageError {
  return new UsageError('InvalidParameterValue', `Standard input is not valid ${what} (from line ${line}).`, {
    category: 'InvalidData',
    hint: 'Pipe a JSON array, NDJSON, CSV with a header line, or plain lines of text.',
  })
}

/**
 * Waits for the first record (or the end of input) so a command can tell "empty stdin" (run once
 * without input, as for `</dev/null` in cron) from "records are coming" (bind them as pipeline input).
 */
export async function peekRecords(
  records: AsyncGenerator<unknown>,
): Promise<{ empty: true } | { empty: false; records: AsyncGenerator<unknown> }> {
  const first = await records.next()
  if (first.done) return { empty: true }
  return {
    empty: false,
    records: (async function* () {
      yield first.value
      yield* records
    })(),
  }
}

/** Reads a whole stream as text (a script piped to `vcs`). */
export async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)
  return Buffer.concat(chunks).toString('utf8')
}
