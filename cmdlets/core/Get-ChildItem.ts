// Get-ChildItem: the files and folders in a folder (or matching a wildcard path), as objects.
import { defineCmdlet } from '../../src/engine/index.js'
import { fileSystemInfoView } from './items.js'

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
  load: () => import('./Get-ChildItem.run.js'),
})

export default GetChildItem
