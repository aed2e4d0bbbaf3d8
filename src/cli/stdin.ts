// Turns standard input into pipeline records, so `vcs` commands chain in sh pipelines: a JSON array
// (what `vcs` itself writes when piped), NDJSON or pretty-printed JSON objects (jq), or lines of text.
import { UsageError } from '../engine/errors.js'

/**
 * Reads records from a text stream as they arrive. The first non-blank character decides the
 * format: `[` a JSON array (read whole), `{` JSON objects one after another, anything else lines of
 * text (trimmed, blank lines skipped).
 */
export async function* readRecords(stream: NodeJS.ReadableStream): AsyncGenerator<unknown> {
  const { createInterface } = await import('node:readline')
  const lines = createInterface({ input: stream, crlfDelay: Infinity })
  let mode: 'array' | 'objects' | 'lines' | undefined
  let buffer = ''
  let bufferStartLine = 0
  let lineNumber = 0
  for await (const line of lines) {
    lineNumber++
    if (mode === undefined) {
      const trimmed = line.trim()
      if (trimmed === '') continue
      mode = trimmed.startsWith('[') ? 'array' : trimmed.startsWith('{') ? 'objects' : 'lines'
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
    hint: 'Pipe a JSON array, NDJSON, or plain lines of text.',
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
