// Get-ChildItem: the files and folders in a folder (or matching a wildcard path), as objects.
import { readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { defineCmdlet, matchWildcard } from '../../src/engine/index.js'
import { expandPath, fileSystemInfoView, itemFor, missingPath, type FileSystemItem } from './items.js'

function* walk(folder: string, recurse: boolean): Generator<FileSystemItem> {
  for (const name of readdirSync(folder).sort()) {
    const file = path.join(folder, name)
    const item = itemFor(file)
    yield item
    if (recurse && item.PSIsContainer) yield* walk(file, true)
  }
}

/** Get-ChildItem: lists files and folders. */
export const GetChildItem = defineCmdlet({
  name: 'Get-ChildItem',
  views: { FileSystemInfo: fileSystemInfoView },
  synopsis: 'Lists the files and folders in a folder.',
  description: 'Wildcards in -Path and -Filter match names; -Recurse goes into subfolders.',
  aliases: ['gci', 'ls', 'dir'],
  parameters: {
    path: {
      type: 'string[]',
      position: 0,
      wildcards: true,
      pipeline: 'byPropertyName',
      aliases: ['FullName'],
      completer: 'path',
      description: 'Folders or files (default: the current folder).',
    },
    filter: {
      type: 'string',
      position: 1,
      wildcards: true,
      description: 'Only names that match, such as *.csv.',
    },
    recurse: { type: 'switch', aliases: ['s'], description: 'Includes the contents of subfolders.' },
    file: { type: 'switch', description: 'Only files.' },
    directory: { type: 'switch', aliases: ['ad'], description: 'Only folders.' },
    name: { type: 'switch', description: 'Outputs names only.' },
  },
  examples: [
    { title: 'CSV files here', code: 'Get-ChildItem -Filter *.csv', bindOnly: true },
    {
      title: 'Names of everything under a folder',
      code: 'Get-ChildItem ./scripts -Recurse -Name',
      bindOnly: true,
    },
  ],
  *process(args, ctx) {
    for (const given of args.path ?? ['.']) {
      const matches = expandPath(given)
      if (matches.length === 0) {
        ctx.writeError(missingPath(given), given)
        continue
      }
      for (const match of matches) {
        let stats
        try {
          stats = statSync(match)
        } catch {
          ctx.writeError(missingPath(given), given)
          continue
        }
        const items = stats.isDirectory() ? walk(match, args.recurse === true) : [itemFor(match, stats)]
        for (const item of items) {
          if (args.filter && !matchWildcard(item.Name, args.filter)) continue
          if (args.file && item.PSIsContainer) continue
          if (args.directory && !item.PSIsContainer) continue
          yield args.name
            ? path.relative(stats.isDirectory() ? match : path.dirname(match), item.FullName)
            : item
        }
      }
    }
  },
})

export default GetChildItem
