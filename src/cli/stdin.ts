// Turns standard input into pipeline records, so `vcs` commands chain in sh pipelines: a JSON array
// (what `vcs` itself writes when piped), NDJSON or pretty-printed JSON objects (jq), CSV (`vcs
// --output csv`, Export-Csv files), or lines of text. Input is pulled only as fast as the command
// takes records, so a million piped rows never sit in memory (a JSON array is the exception: it
// is one value, read whole).
import { StringDecoder } from 'node:string_decoder'
import { CsvSyntaxError, parseCsv } from '../../cmdlets/core/csv.js'
import { UsageError } from '../engine/errors.js'

/** Text chunks of a stream, pulled one at a time (the stream's own backpressure holds the rest). */
async function* textChunks(stream: NodeJS.ReadableStream): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8')
  for await (const chunk of stream as AsyncIterable<string | Buffer>) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk)
    if (text !== '') yield text
  }
  const rest = decoder.end()
  if (rest !== '') yield rest
}

/** Splits text chunks into lines (without their "\n" or "\r\n"), the last one even without an end. */
async function* linesOf(text: string, chunks: AsyncIterator<string>): AsyncGenerator<string> {
  let pending = text
  while (true) {
    let end = pending.indexOf('\n')
    while (end >= 0) {
      yield pending.slice(0, end).replace(/\r$/, '')
      pending = pending.slice(end + 1)
      end = pending.indexOf('\n')
    }
    const next = await chunks.next()
    if (next.done) break
    pending += next.value
  }
  if (pending !== '') yield pending.replace(/\r$/, '')
}

/**
 * Reads records from a text stream as they arrive. The first non-blank line decides the format:
 * `[` a JSON array (read whole), `{` JSON objects one after another, a line with a comma CSV with
 * a header (plain e-mail lines never hold one; so does a lone `Email` or `Id` header, quoted or not,
 * which no e-mail line can be), anything else lines of text (trimmed, blank lines skipped).
 */
export async function* readRecords(stream: NodeJS.ReadableStream): AsyncGenerator<unknown> {
  const chunks = textChunks(stream)
  try {
    // Read up to the first non-blank line (complete, or the input's end) to choose the format.
    let head = ''
    let first: string | undefined
    while (first === undefined) {
      const next = await chunks.next()
      if (!next.done) head += next.value
      const lines = head.split('\n')
      const complete = next.done ? lines : lines.slice(0, -1)
      first = complete.map((line) => line.trim()).find((line) => line !== '')
      if (next.done) break
    }
    if (first === undefined) return
    if (!first.startsWith('[') && !first.startsWith('{') && isCsvHeader(first)) {
      // The parser gets the input from its very start, so its line numbers are the input's.
      yield* readCsv(
        (async function* () {
          yield head
          yield* chunks
        })(),
      )
      return
    }
    yield* readTextRecords(first, linesOf(head, chunks))
  } finally {
    await chunks.return(undefined)
  }
}

/** JSON (an array, or objects one after another) or lines of text, by the first non-blank line. */
async function* readTextRecords(first: string, lines: AsyncGenerator<string>): AsyncGenerator<unknown> {
  const mode = first.startsWith('[') ? 'array' : first.startsWith('{') ? 'objects' : 'lines'
  let buffer = ''
  let bufferStartLine = 0
  let lineNumber = 0
  for await (const line of lines) {
    lineNumber++
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
}

/** A CSV header line: it has a comma, or it is a lone `Email` or `Id` column (no e-mail line is). */
function isCsvHeader(trimmed: string): boolean {
  return trimmed.includes(',') || /^("?)(email|id)\1$/i.test(trimmed)
}

/**
 * CSV from its header line on, with the shared CSV reader: one record per row, keyed by the
 * header's column names, with string values, so `Id` and `Email` bind by name. A broken row stops
 * the command (nothing after it is sent): stdin has no file to fix and rerun from.
 */
async function* readCsv(source: AsyncIterable<string>): AsyncGenerator<Record<string, string>> {
  try {
    yield* parseCsv(source, {
      source: 'Standard input',
      headerHint: 'The first line names the columns: each once, none empty.',
    })
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error
    throw new UsageError(
      'InvalidParameterValue',
      `Standard input is not valid CSV${error.line === undefined ? '' : ` (line ${error.line})`}: ${error.reason}.`,
      {
        category: 'InvalidData',
        hint: 'Pipe CSV with a header line, a JSON array, NDJSON, or plain lines of text.',
      },
    )
  }
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
