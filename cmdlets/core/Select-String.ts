// Select-String: lines that match a regular expression (or plain text with -SimpleMatch), from
// strings in the pipeline or from files, as MatchInfo objects that show as the line (or path:n:line).
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { defineCmdlet, toDisplayString, withTypeName, type TypeView } from '../../src/engine/index.js'
import { expandPath, missingPath } from './items.js'

const matchInfoView: TypeView = { table: [{ label: 'Line', value: 'Line' }] }

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function matchInfo(
  line: string,
  lineNumber: number,
  pattern: string,
  matches: RegExpMatchArray[],
  file?: string,
) {
  const info = {
    LineNumber: lineNumber,
    Line: line,
    Path: file ?? 'InputStream',
    Filename: file ? path.basename(file) : 'InputStream',
    Pattern: pattern,
    Matches: matches.map((match) => ({ Value: match[0], Index: match.index ?? 0, Groups: [...match] })),
  }
  // As PowerShell's MatchInfo.ToString(): the line, prefixed with path:number: for a file.
  const text = file ? `${file}:${lineNumber}:${line}` : line
  Object.defineProperty(info, 'toString', { value: () => text, enumerable: false })
  return withTypeName('MatchInfo', info)
}

/** Select-String: finds text. */
export const SelectString = defineCmdlet({
  name: 'Select-String',
  views: { MatchInfo: matchInfoView },
  synopsis: 'Finds lines that match a pattern, in strings or in files.',
  description:
    'The pattern is a regular expression (case-insensitive unless -CaseSensitive); -SimpleMatch makes it plain text.',
  aliases: ['sls'],
  parameters: {
    pattern: { type: 'string[]', position: 0, mandatory: true, description: 'What to look for.' },
    path: {
      type: 'string[]',
      position: 1,
      wildcards: true,
      completer: 'path',
      description: 'Files to search.',
    },
    inputObject: { type: 'any', pipeline: 'byValue', description: 'Text to search.' },
    simpleMatch: { type: 'switch', description: 'The pattern is plain text.' },
    caseSensitive: { type: 'switch', description: 'Case matters.' },
    notMatch: { type: 'switch', description: 'Lines that do not match.' },
    allMatches: { type: 'switch', description: 'Every match in a line, not only the first.' },
    quiet: { type: 'switch', description: 'Outputs True or False instead of the matches.' },
  },
  examples: [
    {
      title: 'Lines about errors',
      code: "'ok','error: x','fine' | Select-String error | ForEach-Object Line",
      expect: ['error: x'],
    },
  ],
  stream: async function* (records) {
    let found = false
    let quiet = false
    for await (const args of records) {
      quiet = args.quiet === true
      const flags = args.caseSensitive ? 'g' : 'gi'
      const regexes = args.pattern.map(
        (pattern) => new RegExp(args.simpleMatch ? escape(pattern) : pattern, flags),
      )
      const test = function* (line: string, lineNumber: number, file?: string) {
        for (let i = 0; i < regexes.length; i++) {
          const matches = [...line.matchAll(regexes[i])]
          if (matches.length > 0 !== (args.notMatch === true)) {
            found = true
            if (!quiet)
              yield matchInfo(
                line,
                lineNumber,
                args.pattern[i],
                args.allMatches ? matches : matches.slice(0, 1),
                file,
              )
            return
          }
        }
      }
      if (args.path) {
        for (const given of args.path) {
          const files = expandPath(given)
          if (files.length === 0) throw missingPath(given)
          for (const file of files) {
            const lines = readFileSync(file, 'utf8').split(/\r?\n/)
            if (lines[lines.length - 1] === '') lines.pop()
            for (let i = 0; i < lines.length; i++)
              yield* test(lines[i], i + 1, path.relative(process.cwd(), file) || file)
          }
        }
      } else if (args.inputObject !== undefined && args.inputObject !== null) {
        yield* test(toDisplayString(args.inputObject), 1)
      }
    }
    if (quiet) yield found
  },
})

export default SelectString
