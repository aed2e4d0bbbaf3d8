// Test-Path, Join-Path, Split-Path, Resolve-Path, Get-Location and Set-Location: paths as PowerShell's
// FileSystem provider treats them, with '/' as the separator on this platform.
import { defineCmdlet, matchWildcard, type TypeView } from '../../src/engine/index.js'

const pathInfoView: TypeView = { table: [{ label: 'Path', value: 'Path' }] }

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
  load: () => import('./Test-Path.run.js'),
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
  load: () => import('./Test-Path.run.js'),
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
  load: () => import('./Test-Path.run.js'),
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
  load: () => import('./Test-Path.run.js'),
})

/** Get-Location: the current folder. */
export const GetLocation = defineCmdlet({
  name: 'Get-Location',
  views: { PathInfo: pathInfoView },
  synopsis: 'Returns the current folder.',
  aliases: ['gl', 'pwd'],
  parameters: {},
  examples: [{ title: 'Where am I', code: 'Get-Location', bindOnly: true }],
  load: () => import('./Test-Path.run.js'),
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
  load: () => import('./Test-Path.run.js'),
})

export { matchWildcard }
export default TestPath
