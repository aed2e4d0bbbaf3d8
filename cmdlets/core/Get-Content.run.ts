// The code of Get-Content, Set-Content and Add-Content (declared in Get-Content.ts).
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs'
import { implement } from '../../src/engine/index.js'
import { expandPath, missingPath } from './items.js'
import { argumentsOf, fileError, resolvePath } from './shared.js'
import type { AddContent, GetContent, SetContent } from './Get-Content.js'

function text(value: unknown): string {
  return value === null || value === undefined ? '' : String(value)
}

export const getContent = implement<typeof GetContent>({
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

/** The code of Set-Content (append false) and Add-Content (append true). */
function contentCode(append: boolean) {
  return implement<typeof SetContent | typeof AddContent>({
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

export const setContent = contentCode(false)
export const addContent = contentCode(true)
