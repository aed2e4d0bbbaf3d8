// The code of Select-String (declared in Select-String.ts).
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { implement, toDisplayString, withTypeName } from '../../src/engine/index.js'
import { expandPath, missingPath } from './items.js'
import type { SelectString } from './Select-String.js'

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

export const selectString = implement<typeof SelectString>({
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
