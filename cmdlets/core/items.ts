// Files and folders as the FileSystem provider's cmdlets output them (FileInfo / DirectoryInfo), and
// path wildcards: what Get-ChildItem, New-Item, Get-Item-style cmdlets share.
import { readdirSync, statSync, type Stats } from 'node:fs'
import path from 'node:path'
import { matchWildcard, RuntimeError, withTypeName, type TypeView } from '../../src/engine/index.js'
import { resolvePath } from './shared.js'

export const fileSystemInfoView: TypeView = {
  table: [
    { label: 'Mode', value: 'Mode' },
    { label: 'LastWriteTime', value: 'LastWriteTime' },
    { label: 'Length', value: 'Length' },
    { label: 'Name', value: 'Name' },
  ],
  list: ['Name', 'FullName', 'Length', 'LastWriteTime', 'Mode'],
}

/** One file or folder, with the properties scripts use ($_.Name, $_.FullName, $_.Length). */
export interface FileSystemItem {
  Name: string
  FullName: string
  BaseName: string
  Extension: string
  DirectoryName: string
  Length: number | null
  LastWriteTime: Date
  Mode: string
  PSIsContainer: boolean
}

export function itemFor(file: string, stats: Stats = statSync(file)): FileSystemItem {
  const directory = stats.isDirectory()
  const extension = directory ? '' : path.extname(file)
  const item: FileSystemItem = {
    Name: path.basename(file),
    FullName: file,
    BaseName: directory ? path.basename(file) : path.basename(file, extension),
    Extension: extension,
    DirectoryName: path.dirname(file),
    Length: directory ? null : stats.size,
    LastWriteTime: stats.mtime,
    Mode: directory ? 'd----' : '-a---',
    PSIsContainer: directory,
  }
  Object.defineProperty(item, 'toString', { value: () => file, enumerable: false })
  return withTypeName('FileSystemInfo', item)
}

const WILDCARD = /[*?[]/

/** The paths a path argument means: itself, or what its wildcards match in its folder. */
export function expandPath(pattern: string): string[] {
  const full = resolvePath(pattern)
  if (!WILDCARD.test(path.basename(full))) return [full]
  const folder = path.dirname(full)
  let names: string[]
  try {
    names = readdirSync(folder)
  } catch {
    return []
  }
  return names
    .filter((name) => matchWildcard(name, path.basename(full)))
    .sort()
    .map((name) => path.join(folder, name))
}

/** "Cannot find path '...' because it does not exist.", PowerShell's words for a missing item. */
export function missingPath(given: string): RuntimeError {
  return new RuntimeError(
    'FileError',
    `Cannot find path '${resolvePath(given)}' because it does not exist.`,
    {
      category: 'ObjectNotFound',
      target: given,
    },
  )
}
