// Test-Path, Join-Path, Split-Path, Resolve-Path, Get-Location and Set-Location: paths as PowerShell's
// FileSystem provider treats them, with '/' as the separator on this platform.
import { statSync } from 'node:fs'
import path from 'node:path'
import { defineCmdlet, matchWildcard, withTypeName, type TypeView } from '../../src/engine/index.js'
import { expandPath, missingPath } from './items.js'
import { resolvePath } from './shared.js'

const pathInfoView: TypeView = { table: [{ label: 'Path', value: 'Path' }] }

/** A path as Resolve-Path and Get-Location output it: `$p.Path`, and the path as its text. */
function pathInfo(full: string) {
  const info = { Path: full }
  Object.defineProperty(info, 'toString', { value: () => full, enumerable: false })
  return withTypeName('PathInfo', info)
}

/** Test-Path: whether a path exists. */
export const TestPath = defineCmdlet({
  name: 'Test-Path',
  synopsis: 'Tells whether a file or folder exists.',
  description: '-PathType Leaf checks for a file, Container for a folder. Wildcards match names.',
  parameters: {
    path: {
      type: 'string[]',
      position: 0,
      mandatory: true,
      pipeline: 'byValue',
      wildcards: true,
      completer: 'path',
      description: 'The paths.',
    },
    pathType: {
      type: 'string',
      validateSet: ['Any', 'Container', 'Leaf'],
      aliases: ['Type'],
      description: 'What kind of item.',
    },
  },
  examples: [{ title: 'A folder that exists', code: 'Test-Path . -PathType Container', expect: [true] }],
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

/** Join-Path: joins path parts. */
export const JoinPath = defineCmdlet({
  name: 'Join-Path',
  synopsis: 'Joins a path and child paths into one path.',
  parameters: {
    path: {
      type: 'string[]',
      position: 0,
      mandatory: true,
      pipeline: 'byValue',
      description: 'The parent paths.',
    },
    childPath: { type: 'string', position: 1, mandatory: true, description: 'The child path.' },
    additionalChildPath: { type: 'string[]', position: 2, remaining: true, description: 'More child paths.' },
  },
  examples: [
    { title: 'A file in a folder', code: 'Join-Path reports users.csv', expect: ['reports/users.csv'] },
  ],
  *process(args) {
    for (const parent of args.path) {
      const parts = [parent, args.childPath, ...(args.additionalChildPath ?? [])]
      yield parts.reduce((joined, part) => `${joined.replace(/[\\/]+$/, '')}/${part.replace(/^[\\/]+/, '')}`)
    }
  },
})

/** Split-Path: a part of a path. */
export const SplitPath = defineCmdlet({
  name: 'Split-Path',
  synopsis: 'Returns a part of a path: the parent folder (default), the leaf, its base name or extension.',
  parameters: {
    path: { type: 'string[]', position: 0, mandatory: true, pipeline: 'byValue', description: 'The paths.' },
    parent: { type: 'switch', description: 'The parent folder (the default).' },
    leaf: { type: 'switch', description: 'The last part.' },
    leafBase: { type: 'switch', description: 'The last part without its extension.' },
    extension: { type: 'switch', description: 'The extension of the last part.' },
    isAbsolute: { type: 'switch', description: 'Whether the path is absolute.' },
  },
  examples: [
    { title: 'The file name', code: 'Split-Path /data/users.csv -Leaf', expect: ['users.csv'] },
    { title: 'The folder', code: 'Split-Path /data/users.csv', expect: ['/data'] },
  ],
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

/** Resolve-Path: the full paths a (wildcard) path means. */
export const ResolvePath = defineCmdlet({
  name: 'Resolve-Path',
  views: { PathInfo: pathInfoView },
  synopsis: 'Resolves a relative or wildcard path to the full paths of existing items.',
  aliases: ['rvpa'],
  parameters: {
    path: {
      type: 'string[]',
      position: 0,
      mandatory: true,
      pipeline: 'byValue',
      wildcards: true,
      completer: 'path',
      description: 'The paths.',
    },
    relative: { type: 'switch', description: 'Paths relative to the current folder.' },
  },
  examples: [
    {
      title: 'The full path of the current folder',
      code: 'Resolve-Path . | ForEach-Object Path',
      bindOnly: true,
    },
  ],
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

/** Get-Location: the current folder. */
export const GetLocation = defineCmdlet({
  name: 'Get-Location',
  views: { PathInfo: pathInfoView },
  synopsis: 'Returns the current folder.',
  aliases: ['gl', 'pwd'],
  parameters: {},
  examples: [{ title: 'Where am I', code: 'Get-Location', bindOnly: true }],
  *process() {
    yield pathInfo(process.cwd())
  },
})

/** Set-Location: changes the current folder. */
export const SetLocation = defineCmdlet({
  name: 'Set-Location',
  views: { PathInfo: pathInfoView },
  synopsis: 'Changes the current folder.',
  aliases: ['cd', 'sl', 'chdir'],
  parameters: {
    path: {
      type: 'string',
      position: 0,
      pipeline: 'byValue',
      completer: 'path',
      description: 'The folder (default: home).',
    },
    passThru: { type: 'switch', description: 'Outputs the new location.' },
  },
  examples: [{ title: 'Go to a folder', code: 'Set-Location ./scripts', bindOnly: true }],
  *process(args) {
    const target =
      args.path === undefined ? resolvePath('~') : (expandPath(args.path)[0] ?? resolvePath(args.path))
    try {
      if (!statSync(target).isDirectory()) throw new Error('not a folder')
    } catch {
      throw missingPath(args.path ?? '~')
    }
    process.chdir(target)
    if (args.passThru) yield pathInfo(target)
  },
})

export { matchWildcard }
export default TestPath
