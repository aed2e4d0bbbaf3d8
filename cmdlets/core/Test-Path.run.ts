// The code of Test-Path, Join-Path, Split-Path, Resolve-Path, Get-Location and Set-Location (declared in
// Test-Path.ts).
import { statSync } from 'node:fs'
import path from 'node:path'
import { implement, withTypeName } from '../../src/engine/index.js'
import { expandPath, missingPath } from './items.js'
// shared.js's resolvePath, under another name: this module's resolvePath is Resolve-Path's code.
import { resolvePath as absolutePath } from './shared.js'
import type { TestPath, JoinPath, SplitPath, ResolvePath, GetLocation, SetLocation } from './Test-Path.js'

/** A path as Resolve-Path and Get-Location output it: `$p.Path`, and the path as its text. */
function pathInfo(full: string) {
  const info = { Path: full }
  Object.defineProperty(info, 'toString', { value: () => full, enumerable: false })
  return withTypeName('PathInfo', info)
}

export const testPath = implement<typeof TestPath>({
  *process(args) {
    for (const given of args.path) {
      const kinds = expandPath(given).map((file) => {
        try {
          return statSync(file).isDirectory() ? 'Container' : 'Leaf'
        } catch {
          return undefined
        }
      })
      const type = args.pathType ?? 'Any'
      yield kinds.some((kind) => kind !== undefined && (type === 'Any' || kind === type))
    }
  },
})

export const joinPath = implement<typeof JoinPath>({
  *process(args) {
    for (const parent of args.path) {
      const parts = [parent, args.childPath, ...(args.additionalChildPath ?? [])]
      yield parts.reduce((joined, part) => `${joined.replace(/[\\/]+$/, '')}/${part.replace(/^[\\/]+/, '')}`)
    }
  },
})

export const splitPath = implement<typeof SplitPath>({
  *process(args) {
    for (const given of args.path) {
      const trimmed = given.length > 1 ? given.replace(/[\\/]+$/, '') : given
      if (args.isAbsolute) yield path.isAbsolute(trimmed)
      else if (args.leaf) yield path.basename(trimmed)
      else if (args.leafBase) yield path.basename(trimmed, path.extname(trimmed))
      else if (args.extension) yield path.extname(trimmed)
      else yield trimmed.includes('/') ? path.dirname(trimmed) : ''
    }
  },
})

export const resolvePath = implement<typeof ResolvePath>({
  *process(args, ctx) {
    for (const given of args.path) {
      const found = expandPath(given).filter((file) => {
        try {
          statSync(file)
          return true
        } catch {
          return false
        }
      })
      if (found.length === 0) ctx.writeError(missingPath(given), given)
      for (const file of found)
        yield args.relative ? `./${path.relative(process.cwd(), file)}` : pathInfo(file)
    }
  },
})

export const getLocation = implement<typeof GetLocation>({
  *process() {
    yield pathInfo(process.cwd())
  },
})

export const setLocation = implement<typeof SetLocation>({
  *process(args) {
    const target =
      args.path === undefined ? absolutePath('~') : (expandPath(args.path)[0] ?? absolutePath(args.path))
    try {
      if (!statSync(target).isDirectory()) throw new Error('not a folder')
    } catch {
      throw missingPath(args.path ?? '~')
    }
    process.chdir(target)
    if (args.passThru) yield pathInfo(target)
  },
})
