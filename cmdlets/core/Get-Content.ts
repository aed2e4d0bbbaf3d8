// Get-Content, Set-Content and Add-Content: text files as lines (about the FileSystem provider).
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs'
import { defineCmdlet, RuntimeError } from '../../src/engine/index.js'
import { expandPath, missingPath } from './items.js'
import { argumentsOf, fileError, resolvePath } from './shared.js'

function text(value: unknown): string {
  return value === null || value === undefined ? '' : String(value)
}

/** Get-Content: a file's lines. */
export const GetContent = defineCmdlet({
  name: 'Get-Content',
  synopsis: 'Reads a text file, line by line.',
  description: 'Each line is one string; -Raw gives the whole text as one string.',
  aliases: ['gc', 'cat', 'type'],
  parameters: {
    path: {
      type: 'string[]',
      position: 0,
      mandatory: true,
      wildcards: true,
      pipeline: 'byPropertyName',
      aliases: ['FullName', 'PSPath', 'LiteralPath'],
      completer: 'path',
      description: 'The files.',
    },
    raw: { type: 'switch', description: 'The whole file as one string.' },
    totalCount: { type: 'int', aliases: ['First', 'Head'], description: 'Only the first lines.' },
    tail: { type: 'int', aliases: ['Last'], description: 'Only the last lines.' },
    encoding: { type: 'string', description: 'Accepted for compatibility; files are read as UTF-8.' },
  },
  examples: [
    {
      title: 'The first two lines of a file',
      code: 'Get-Content ./people.csv -TotalCount 2',
      bindOnly: true,
    },
  ],
  *process(args, ctx) {
    for (const given of args.path) {
      const files = expandPath(given)
      if (files.length === 0) ctx.writeError(missingPath(given), given)
      for (const file of files) {
        let content: string
        try {
          content = readFileSync(file, 'utf8')
        } catch (error) {
          ctx.writeError(
            (error as { code?: string }).code === 'ENOENT'
              ? missingPath(given)
              : fileError(error, given, 'read'),
            given,
          )
          continue
        }
        if (args.raw) {
          yield content
          continue
        }
        const lines = content.split(/\r?\n/)
        if (lines[lines.length - 1] === '') lines.pop()
        let selected =
          args.totalCount !== undefined && args.totalCount >= 0 ? lines.slice(0, args.totalCount) : lines
        if (args.tail !== undefined) selected = args.tail === 0 ? [] : selected.slice(-args.tail)
        yield* selected
      }
    }
  },
})

const contentParameters = {
  path: {
    type: 'string',
    position: 0,
    mandatory: true,
    completer: 'path',
    aliases: ['FilePath', 'LiteralPath'],
    description: 'The file.',
  },
  value: { type: 'any', position: 1, pipeline: 'byValue', description: 'The lines to write.' },
  noNewline: { type: 'switch', description: 'Writes the values with no line breaks.' },
  encoding: { type: 'string', description: 'Accepted for compatibility; files are written as UTF-8.' },
} as const

function contentCmdlet(name: 'Set-Content' | 'Add-Content', append: boolean) {
  return defineCmdlet({
    name,
    synopsis: append ? 'Adds lines to the end of a text file.' : 'Writes lines to a text file, replacing it.',
    description: 'Each value is written as text on its own line (objects as their text form).',
    aliases: append ? ['ac'] : ['sc'],
    parameters: contentParameters,
    supportsShouldProcess: true,
    confirmImpact: 'None',
    examples: [{ title: 'Write a file', code: `'a','b' | ${name} -Path ./out.txt`, bindOnly: true }],
    // eslint-disable-next-line require-yield -- writes the file; outputs nothing, as in PowerShell
    stream: async function* (records, ctx) {
      const args = argumentsOf<{ path: string; noNewline?: boolean }>(ctx)
      const state = { lines: [] as string[] }
      for await (const record of records) {
        const value = record.value
        const values =
          ctx.expectingInput || !Array.isArray(value) ? (value === undefined ? [] : [value]) : value
        state.lines.push(...values.map(text))
      }
      const file = resolvePath(args.path)
      if (!(await ctx.shouldProcess(file, append ? 'Add Content' : 'Set Content'))) return
      const body = args.noNewline ? state.lines.join('') : state.lines.map((line) => `${line}\n`).join('')
      try {
        if (append) appendFileSync(file, body)
        else writeFileSync(file, body)
      } catch (error) {
        throw fileError(error, args.path, 'write')
      }
    },
  })
}

/** Set-Content: writes a file. */
export const SetContent = contentCmdlet('Set-Content', false)
/** Add-Content: appends to a file. */
export const AddContent = contentCmdlet('Add-Content', true)

export { RuntimeError }
export default GetContent
